/**
 * The bug-bash and integration side of `npm run exercise -- run QUESTION_ID --folder DIR
 * [--part N]`: reads the folder, judges it as the round does (folder-run.ts), prints one JSON
 * line per record and the same last line as coding questions. Returns the exit status
 * (0 all passed, 1 some failed); usage problems go to `fail`.
 */
import os from 'node:os';
import { join } from 'node:path';
import type { Question } from '../../../content/schema.js';
import { createSandbox } from '../runner/sandbox.js';
import { bundledPythonRuntime } from '../runner/suites/python-runtime.js';
import { readWorkspaceFolder, runWorkspaceFolder, summaryLine } from './folder-run.js';

export async function runFolderCommand(
  question: Question,
  folder: string | undefined,
  partArg: string | undefined,
  fail: (message: string) => never,
): Promise<number> {
  const kind = question.bugBash ? 'a bug bash' : 'an integration exercise';
  if (!folder) fail(`${question.id} is ${kind}: give --folder DIR with its files (--lang and --file are for coding).`);
  let part: number | undefined;
  if (partArg !== undefined) {
    const parts = question.integration?.parts.length ?? 1;
    part = Number(partArg);
    if (!question.integration || !Number.isInteger(part) || part < 1 || part > parts) {
      fail(
        question.integration ? `--part must be between 1 and ${parts} for ${question.id}.` : 'A bug bash has no parts.',
      );
    }
  }
  let files;
  try {
    files = readWorkspaceFolder(folder);
  } catch (e) {
    fail(`Cannot read ${folder}: ${(e as Error).message}`);
  }
  const sandbox = createSandbox({
    execPath: process.execPath,
    tempRoot: join(os.tmpdir(), 'interview-rehearsal-exercise'),
  });
  const report = await runWorkspaceFolder(question, files, { sandbox, python: bundledPythonRuntime() }, part);
  for (const record of report.records) console.log(JSON.stringify(record));
  console.log(summaryLine(report));
  return report.testsPassed === report.tests && report.partsPassed === report.parts ? 0 : 1;
}
