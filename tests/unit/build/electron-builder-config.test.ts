/**
 * The packaging settings that security depends on, read from electron-builder.yml: the fuses,
 * and that the runner's files are unpacked from the asar archive (the sandboxed child reads them
 * from disk). No Electron binary is needed to check these.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(
  fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8'),
) as { electronFuses?: Record<string, boolean>; asarUnpack?: string[] };

describe('electron-builder.yml', () => {
  it('sets the fuses: RunAsNode on (the runner), inspect flags and NODE_OPTIONS off, asar locked down', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks the runner runtime and the pack-checking worker', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/main/runtime/**', 'dist/main/pack-worker.js']));
  });
});
