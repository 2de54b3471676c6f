/**
 * `npm run board -- describe FILE.excalidraw [--json]`: prints the board description the
 * interviewer reads, or with --json the components, edges, groups, frames and notes.
 * Exit 2 on a file that is not a scene.
 */
import { readFileSync } from 'node:fs';
import { describeScene } from './describe.js';
import { boardText } from './format.js';

const USAGE =
  'Usage: npm run board -- describe FILE.excalidraw [--json]\n' +
  'Prints the text description of an Excalidraw scene that the interviewer reads; --json prints its parts.';

function fail(message: string): never {
  process.stderr.write(`board: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const rest = args.filter((a) => a !== '--json');
const [command, file, ...extra] = rest;
if (command !== 'describe') fail(command ? `unknown command "${command}".` : 'no command given.');
if (!file) fail('no scene file given.');
if (extra.length > 0) fail('give exactly one scene file.');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}
let data: unknown;
try {
  data = JSON.parse(text.replace(/^\uFEFF/, ''));
} catch (e) {
  fail(`${file} is not an Excalidraw scene: it is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
}
const described = describeScene(data);
if (!described.ok) fail(`${file}: ${described.error}`);
process.stdout.write(json ? `${JSON.stringify(described.value, null, 2)}\n` : `${boardText(described.value)}\n`);
