/**
 * Start-up repair of answers a crash left open: each recording still marked 'recording' gets
 * its WAV header fixed (the audio up to the crash is all there) and is marked 'recovered';
 * segments that were waiting for whisper are marked failed, their audio kept, and the cut-short
 * take's transcribed segments are held out of the answer until the candidate chooses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SpeechRepository } from './speech-repository.js';
import { repairWav } from './wav-repair.js';

export interface RecoveryReport {
  recovered: { turnId: string; file: string; durationMs: number }[];
  missing: string[];
}

export function recoverRecordings(
  repository: SpeechRepository,
  sessionsDir: string,
  isLive: (turnId: string) => boolean = () => false,
): RecoveryReport {
  const report: RecoveryReport = { recovered: [], missing: [] };
  for (const recording of repository.openRecordings()) {
    if (isLive(recording.turnId)) continue;
    // The take the crash cut short started where the recording ended before it (its last duration).
    const takeStartMs = recording.durationMs ?? 0;
    const file = path.join(sessionsDir, recording.path);
    const repaired = fs.existsSync(file) ? repairWav(file) : null;
    if (!repaired) {
      report.missing.push(file);
      repository.setRecordingStatus(recording.id, 'recovered', 0);
    } else {
      repository.setRecordingStatus(recording.id, 'recovered', repaired.durationMs);
      report.recovered.push({ turnId: recording.turnId, file, durationMs: repaired.durationMs });
    }
    repository.failUnfinishedSegments(recording.turnId);
    // Its words never reached the answer box: they stay out of the answer until the candidate chooses.
    repository.holdSegments(recording.turnId, takeStartMs);
  }
  return report;
}
