import { z } from 'zod';
import { method } from '../define.js';

export type ModelKind = 'llm' | 'whisper' | 'vad';

export interface InstalledModel {
  id: string;
  kind: ModelKind;
  name: string;
  path: string;
  sizeBytes: number;
  source: 'download' | 'import' | 'bundled';
}

export interface ModelsStatus {
  modelsDir: string;
  installed: InstalledModel[];
  activeLlm: string | null;
  activeWhisper: string | null;
}

export const modelsContract = {
  status: method(z.undefined()).returns<ModelsStatus>(),
};
