import { z } from 'zod';
import { method } from '../define.js';

export const THEMES = ['system', 'light', 'dark'] as const;
/** Where candidates' own Python runs: Pyodide in the sandboxed runner, or the system python3. */
export const PYTHON_RUNTIMES = ['pyodide', 'system'] as const;
export type PythonRuntime = (typeof PYTHON_RUNTIMES)[number];

/** Each setting's shape, without defaults: a patch must never fill in keys it did not send. */
const settingFields = {
  theme: z.enum(THEMES),
  readAloud: z.boolean(),
  voiceName: z.string().max(200).nullable(),
  /** Seconds of silence after which a spoken answer ends by itself; 0 = never. */
  autoEndSilenceSeconds: z.number().min(0).max(60),
  /** A spoken answer that ends on that silence is also submitted, as Done would (hands-free). */
  submitOnAutoEnd: z.boolean(),
  holdToTalk: z.boolean(),
  activeLlmModel: z.string().max(500).nullable(),
  activeWhisperModel: z.string().max(500).nullable(),
  whisperThreads: z.number().int().min(0).max(64),
  inputDeviceId: z.string().max(500).nullable(),
  /** The language a new coding session opens in (each session remembers its own). */
  codingLanguage: z.enum(['javascript', 'typescript', 'python']),
  /** A folder of documentation the Docs tab can search (e.g. downloaded language docs). */
  docsFolder: z.string().max(1000).nullable(),
  /** Only the candidate's own code ever runs on the system python3 (runner/system-python/scope.ts). */
  pythonRuntime: z.enum(PYTHON_RUNTIMES),
};

export const settingsSchema = z.object(settingFields);
export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const SETTINGS_DEFAULTS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  readAloud: false,
  voiceName: null,
  autoEndSilenceSeconds: 0,
  submitOnAutoEnd: false,
  holdToTalk: false,
  activeLlmModel: null,
  activeWhisperModel: null,
  whisperThreads: 0,
  inputDeviceId: null,
  codingLanguage: 'python',
  docsFolder: null,
  pythonRuntime: 'pyodide',
});

/** Some settings, and only those: keys not sent stay as they are. */
export const settingsPatchSchema = z.object(settingFields).partial().strict();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** Checks one stored value against its setting's shape; undefined when it does not fit. */
export function parseSetting<K extends SettingKey>(key: K, value: unknown): Settings[K] | undefined {
  const parsed = settingFields[key].safeParse(value);
  return parsed.success ? (parsed.data as Settings[K]) : undefined;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingFields, key);
}

/** The system python3 as Settings shows it: found (with its version), missing, or not offered here. */
export type SystemPythonInfo =
  | { state: 'found'; version: string; executable: string }
  | { state: 'missing'; message: string }
  | { state: 'unsupported'; message: string };

export const settingsContract = {
  get: method(z.undefined()).returns<Settings>(),
  update: method(settingsPatchSchema).returns<Settings>(),
  /** Looks for python3 on the PATH again (Settings → Coding rounds). */
  systemPython: method(z.undefined()).returns<SystemPythonInfo>(),
};
