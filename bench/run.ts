/**
 * `npm run bench -- NAME [args]`: runs bench/NAME.ts. Each benchmark prints a table and, as
 * its last line, `NAME: key=value ...` with ratios (never absolute timings as pass/fail).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [name, ...args] = process.argv.slice(2);
const available = fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|') || 'name'}> [options]`);
  process.exit(2);
}

const module = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.ts`)).href)) as {
  main(args: string[]): Promise<void>;
};
await module.main(args);
