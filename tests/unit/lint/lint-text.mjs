// Lints pieces of source text as if each were the file at its path ([{ file, code }] as JSON on
// stdin), with the project's config and only the import-boundary rules, and prints each one's
// messages as JSON. Run as its own process so ESLint loads its config and plugins natively.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ],
  // Type-aware rules cannot run on text that is not part of a program; boundaries need no types.
  ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths' || ruleId === 'no-restricted-imports',
});
const fixtures = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = [];
for (const { file, code } of fixtures) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  out.push(result?.messages ?? []);
}
process.stdout.write(JSON.stringify(out));
