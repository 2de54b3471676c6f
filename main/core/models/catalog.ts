/**
 * The model catalog: curated downloads by hardware tier (models/catalog.json, bundled into the
 * build), validated at load time. A second catalog file may add or replace entries: tests and
 * development point REHEARSAL_CATALOG_FILE at one (e.g. an entry served from 127.0.0.1).
 */
import fs from 'node:fs';
import { z } from 'zod';
import bundledCatalog from '../../../models/catalog.json' with { type: 'json' };
import { MODEL_KINDS } from '../../contract/services/models.js';

/** `hf:<user>/<repo>/<file path>[#branch]`: a fixed file, so its name and size are known up front. */
const HF_FILE_URI = /^hf:([\w.-]+)\/([\w.-]+)\/([\w./-]+?)(?:#([\w.-]+))?$/;

const sourceSchema = z
  .string()
  .max(1000)
  .refine(
    (s) => HF_FILE_URI.test(s) || /^https?:\/\/[^\s]+$/.test(s),
    'an hf:<user>/<repo>/<file> URI or an http(s) URL',
  );
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const plainName = z
  .string()
  .regex(/^[\w.-]+$/, 'a plain file name')
  .max(200);

/** One file of a model that is a set of files (a Whisper model: encoder, decoder, tokens). */
const setFileSchema = z
  .object({
    fileName: plainName.regex(/\.(onnx|txt)$/, 'an .onnx or .txt file'),
    source: sourceSchema,
    sizeBytes: z.number().int().positive(),
    sha256: sha256Schema.optional(),
  })
  .strict();

export type CatalogFile = z.output<typeof setFileSchema>;

/**
 * A catalog entry is one file (fileName, source, sizeBytes, sha256) or, for Whisper, a set of
 * files (files) installed together in a folder named fileName. Parsing gives every entry a
 * `files` list and a total `sizeBytes`, so downloads treat both the same way.
 */
export const catalogEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lower-case letters, digits, ".", "_" and "-"'),
    kind: z.enum(MODEL_KINDS),
    tier: z.enum(['small', 'mid', 'strong', 'speech']),
    name: z.string().min(1).max(120),
    fileName: plainName,
    source: sourceSchema.optional(),
    sizeBytes: z.number().int().positive().optional(),
    sha256: sha256Schema.optional(),
    files: z.array(setFileSchema).min(1).max(8).optional(),
    licence: z.string().min(1).max(120),
    /** Memory the model needs to run at the app's context size (weights + cache + scratch). */
    memoryBytes: z.number().int().positive(),
    goodFor: z.string().min(1).max(400),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (entry.kind === 'whisper') {
      if (!entry.files) issue('files', 'a whisper model lists its files (encoder, decoder and tokens)');
      else {
        const onnx = entry.files.filter((f) => f.fileName.endsWith('.onnx')).length;
        const tokens = entry.files.filter((f) => f.fileName.endsWith('.txt')).length;
        if (onnx !== 2 || tokens !== 1)
          issue('files', 'a whisper model is two .onnx files (encoder, decoder) and a tokens .txt');
      }
      if (entry.source || entry.sizeBytes || entry.sha256)
        issue('source', 'a whisper model gives source, size and checksum per file');
      if (/\.(gguf|bin|onnx)$/.test(entry.fileName))
        issue('fileName', 'a whisper model is installed as a folder: give a folder name');
    } else {
      const ext = entry.kind === 'llm' ? '.gguf' : '.onnx';
      if (!entry.fileName.endsWith(ext)) issue('fileName', `a ${entry.kind} model file must end in ${ext}`);
      if (entry.files) issue('files', `a ${entry.kind} model is one file`);
      if (!entry.source) issue('source', 'required');
      if (!entry.sizeBytes) issue('sizeBytes', 'required');
    }
    if ((entry.tier === 'speech') !== (entry.kind !== 'llm')) {
      ctx.addIssue({
        code: 'custom',
        path: ['tier'],
        message: 'speech models use tier "speech"; language models small, mid or strong',
      });
    }
  })
  .transform((entry) => {
    const files: CatalogFile[] = entry.files ?? [
      {
        fileName: entry.fileName,
        source: entry.source ?? '',
        sizeBytes: entry.sizeBytes ?? 0,
        ...(entry.sha256 ? { sha256: entry.sha256 } : {}),
      },
    ];
    return {
      ...entry,
      files,
      /** True when the model is a folder of files. */
      isSet: entry.files !== undefined,
      source: files[0]!.source,
      sizeBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
    };
  });

export const catalogFileSchema = z
  .object({
    version: z.literal(1),
    models: z.array(catalogEntrySchema).max(200),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const files = new Set<string>();
    file.models.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: `duplicate id "${m.id}"` });
      if (files.has(m.fileName))
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'fileName'],
          message: `duplicate file name "${m.fileName}"`,
        });
      seen.add(m.id);
      files.add(m.fileName);
    });
  });

export type CatalogEntry = z.output<typeof catalogEntrySchema>;

export function parseCatalog(data: unknown, label: string): CatalogEntry[] {
  const parsed = catalogFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${label} is not a valid model catalog: ${issues.join('; ')}`);
  }
  return parsed.data.models;
}

export interface LoadedCatalog {
  entries: CatalogEntry[];
  problems: string[];
}

/** The bundled catalog plus, when given, an extra file whose entries add to or replace it by id. */
export function loadCatalog(extraFile?: string): LoadedCatalog {
  // A broken bundled catalog is a build bug, not a user error: fail loudly (the catalog test guards it).
  const entries = parseCatalog(bundledCatalog, 'models/catalog.json');
  const problems: string[] = [];
  if (extraFile) {
    try {
      const extra = parseCatalog(JSON.parse(fs.readFileSync(extraFile, 'utf8')) as unknown, extraFile);
      for (const entry of extra) {
        const at = entries.findIndex((e) => e.id === entry.id || e.fileName === entry.fileName);
        if (at >= 0) entries.splice(at, 1, entry);
        else entries.push(entry);
      }
    } catch (error) {
      problems.push(`The extra model catalog could not be used: ${(error as Error).message}`);
    }
  }
  return { entries, problems };
}

/** The https URL a catalog source downloads from (hf: file URIs resolve the way node-llama-cpp does). */
export function downloadUrl(source: string): string {
  const hf = HF_FILE_URI.exec(source);
  if (!hf) return source;
  const [, user, repo, file, branch] = hf;
  return `https://huggingface.co/${user}/${repo}/resolve/${branch ?? 'main'}/${file}`;
}
