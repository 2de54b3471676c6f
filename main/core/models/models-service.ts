import fs from 'node:fs';
import path from 'node:path';
import type { InstalledModel, ModelKind, ModelsStatus } from '../../contract/services/models.js';

/** Lists model files in the data folder's models/ (downloads and imports land there). */
export function scanInstalledModels(modelsDir: string): InstalledModel[] {
  let names: string[];
  try {
    names = fs.readdirSync(modelsDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => /\.(gguf|bin)$/i.test(name))
    .map((name) => {
      const file = path.join(modelsDir, name);
      const kind: ModelKind = name.toLowerCase().endsWith('.gguf') ? 'llm' : /vad/i.test(name) ? 'vad' : 'whisper';
      return { id: name, kind, name, path: file, sizeBytes: fs.statSync(file).size, source: 'import' as const };
    });
}

export function modelsStatus(modelsDir: string, activeLlm: string | null, activeWhisper: string | null): ModelsStatus {
  return { modelsDir, installed: scanInstalledModels(modelsDir), activeLlm, activeWhisper };
}
