/**
 * `npm run analyze -- FILE [--roles DIR]`: prints the deterministic feedback metrics of a
 * transcript file as JSON (see transcript-file.ts for the format). Exit 2 on a bad file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeTranscript } from './analyze.js';

const USAGE =
  'Usage: npm run analyze -- TRANSCRIPT.json [--roles DIR]\n' +
  'The file holds {"questionId": "...", "segments": [{"start": 0.8, "end": 3.2, "text": "..."}]} (times in seconds),\n' +
  'or "text" instead of "segments" for a typed answer; optional "wallSeconds" and "budgetSeconds".';

function fail(message: string): never {
  process.stderr.write(`analyze: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const rolesAt = args.indexOf('--roles');
const rolesDir = rolesAt >= 0 ? args[rolesAt + 1] : resolve(import.meta.dirname, '..', '..', '..', 'content', 'roles');
if (rolesAt >= 0 && !rolesDir) fail('--roles needs a folder.');
const files = args.filter((_, i) => rolesAt < 0 || (i !== rolesAt && i !== rolesAt + 1));
const file = files[0];
if (!file || files.length > 1) fail(file ? 'give exactly one transcript file.' : 'no transcript file given.');

let json: string;
try {
  json = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}
const result = analyzeTranscript(json, rolesDir ?? null);
if (!result.ok) fail(`${file} is not a transcript file: ${result.error}`);
process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
