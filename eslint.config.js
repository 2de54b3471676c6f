// Lint rules for the whole tree. Besides style and bug-prone patterns, this file holds the
// layering rules ("where may this file run"): core is plain Node and never reaches Electron,
// the bridge or the UI; the UI only knows the contract; the contract knows nothing of core.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import boundaries, as import-x/no-restricted-paths zones (target may not import from). */
const layers = [
  {
    target: './main/core',
    from: ['./main/electron', './main/server', './renderer'],
    message: 'core is plain Node: it never imports Electron glue, the bridge or the UI.',
  },
  {
    target: './main/contract',
    from: ['./main/core', './main/server', './main/electron', './renderer'],
    message: 'the contract is types and schemas only: it imports nothing of core, the bridge, Electron or the UI.',
  },
  {
    target: './renderer',
    from: ['./main/core', './main/server', './main/electron'],
    message: 'the UI talks to core only through the contract (main/contract).',
  },
  {
    target: './main/core/llm',
    from: ['./main/core/interview', './main/core/feedback', './main/core/sessions', './content'],
    message: 'llm/ is a model host with no interview knowledge.',
  },
  {
    target: './main/core/rubric',
    from: ['./main/core/interview', './main/core/feedback', './main/core/sessions'],
    message: 'rubric/ holds the text helpers shared by feedback, interviewers and history: it sits below them.',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', 'coverage/', 'renderer/public/', 'tests/lint-fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.config.ts', 'renderer/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'tsconfig.json',
            'renderer/tsconfig.json',
            'tests/e2e/tsconfig.json',
            'tests/unit/renderer/tsconfig.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      'import-x/no-cycle': 'error',
      'import-x/first': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', ['parent', 'sibling', 'index']],
          alphabetize: { order: 'asc', caseInsensitive: true },
          'newlines-between': 'never',
        },
      ],
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      // Implementations of async interfaces (interviewers, fakes) are async without awaiting.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // The 'electron' package itself (the zones above cover the project's own folders).
    files: ['main/core/**/*.ts', 'main/contract/**/*.ts', 'main/server/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'only main/electron may import Electron: core, the contract, the bridge and the UI run without it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`, and
      // tests put them inside expected objects.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The runner's runtime files are CommonJS on purpose: they load in the sandboxed process
    // before anything else, without a loader, shipped as they are.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
