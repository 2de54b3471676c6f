import { z } from 'zod';
import { method } from '../define.js';

export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.object({
  theme: z.enum(THEMES).default('system'),
  readAloud: z.boolean().default(false),
  voiceName: z.string().max(200).nullable().default(null),
  /** Seconds of silence after which a spoken answer ends by itself; 0 = never. */
  autoEndSilenceSeconds: z.number().min(0).max(60).default(0),
  holdToTalk: z.boolean().default(false),
  activeLlmModel: z.string().max(500).nullable().default(null),
  activeWhisperModel: z.string().max(500).nullable().default(null),
  whisperThreads: z.number().int().min(0).max(64).default(0),
  inputDeviceId: z.string().max(500).nullable().default(null),
});

export type Settings = z.output<typeof settingsSchema>;

export const settingsContract = {
  get: method(z.undefined()).returns<Settings>(),
  update: method(settingsSchema.partial().strict()).returns<Settings>(),
};
