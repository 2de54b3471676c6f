/**
 * Import from disk: check the model, then copy it into models/ under a temporary name and
 * rename it, so a half-copied model never appears as installed. A Whisper model is a folder
 * (encoder, decoder, tokens): its three files are copied into a new folder the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/result.js';
import type { ModelKind } from '../../contract/services/models.js';
import { ensureFreeSpace, freeSpace as defaultFreeSpace, isDiskFullError, type FreeSpace } from './disk.js';
import { inspectModelPath, type ModelFileReport } from './import-check.js';

export interface ImportResult {
  file: string;
  report: ModelFileReport;
}

/** A file name in models/ that is not taken: "name.gguf", "name-2.gguf", … */
function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${stem}-${i}${ext}`;
    if (!fs.existsSync(path.join(dir, candidate))) return candidate;
  }
}

/** A name ending in the extension the app looks for, whatever the user's file was called (a folder has none). */
function installName(source: string, kind: ModelKind, folder: boolean): string {
  const base = path.basename(source).replace(/[^\w.-]+/g, '_');
  if (folder) return base;
  const ext = kind === 'llm' ? '.gguf' : '.onnx';
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
}

async function copyInto(report: ModelFileReport, temporary: string): Promise<void> {
  if (!report.files) {
    await fs.promises.copyFile(report.path, temporary, fs.constants.COPYFILE_FICLONE);
    return;
  }
  await fs.promises.mkdir(temporary);
  for (const file of report.files)
    await fs.promises.copyFile(file, path.join(temporary, path.basename(file)), fs.constants.COPYFILE_FICLONE);
}

export async function importModelFile(
  source: string,
  modelsDir: string,
  options: {
    expected?: ModelKind;
    check?: (report: ModelFileReport) => Promise<void> | void;
    freeSpace?: FreeSpace;
  } = {},
): Promise<ImportResult> {
  const report = await inspectModelPath(path.resolve(source), options.expected);
  const absolute = report.path;
  await options.check?.(report);
  fs.mkdirSync(modelsDir, { recursive: true });
  if (path.dirname(absolute) === path.resolve(modelsDir)) return { file: absolute, report };

  const name = freeName(modelsDir, installName(absolute, report.kind, report.files !== null));
  await ensureFreeSpace(
    modelsDir,
    report.sizeBytes,
    `Importing ${path.basename(absolute)}`,
    options.freeSpace ?? defaultFreeSpace,
  );
  const target = path.join(modelsDir, name);
  const temporary = path.join(modelsDir, `.importing-${process.pid}-${name}`);
  try {
    await copyInto(report, temporary);
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { recursive: true, force: true });
    if (isDiskFullError(error)) {
      throw new AppError(
        'DISK_FULL',
        `The disk filled up while copying ${path.basename(absolute)} into ${modelsDir}. Nothing was imported. Free some space and try again.`,
      );
    }
    throw new AppError(
      'IMPORT_FAILED',
      `${path.basename(absolute)} could not be copied into ${modelsDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the folder can be written and try again.`,
    );
  }
  return { file: target, report };
}
