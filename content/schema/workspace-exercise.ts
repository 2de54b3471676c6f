/**
 * Workspace exercises: a small repository the candidate works in, with its own test suite.
 * Two kinds share the shape — a bug bash (a bug report, 1–3 injected bugs, hidden tests that
 * catch each one) and an integration exercise (a spec in parts, a mock HTTP API declared as data,
 * hidden test runs with faults switched on). Files live in the pack as a path → text map, which
 * YAML block literals keep readable. Tests are `node:test` files (JavaScript, TypeScript) or
 * `unittest` modules (Python), run inside the runner: a pack never names a shell command.
 */
import { z } from 'zod';
import { mockApiSchema, mockFaultsSchema } from './mock-api.js';

const text = z.string().trim().min(1, 'must not be empty');
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "float-parse")');

export const WORKSPACE_LANGUAGES = ['javascript', 'typescript', 'python'] as const;
export type WorkspaceLanguage = (typeof WORKSPACE_LANGUAGES)[number];

/** The one test tool per language; a workspace's suite is every test file it finds by convention. */
export const TEST_FRAMEWORK = {
  javascript: 'node:test',
  typescript: 'node:test',
  python: 'unittest',
} as const satisfies Record<WorkspaceLanguage, string>;

export const MAX_WORKSPACE_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_WORKSPACE_FILES = 200;

/**
 * A relative path with forward slashes: no leading "/", no "..", no drive letters or backslashes,
 * so a files map can never name anything outside the workspace folder it is written into.
 */
export const workspacePathSchema = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(
    /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/,
    'must be a relative path like "src/money.js" (letters, digits, "_", "-", "." and "/"; no ".." or leading "/")',
  );

const fileText = z
  .string()
  .refine((s) => new TextEncoder().encode(s).length <= MAX_WORKSPACE_FILE_BYTES, 'a file may be at most 2 MB');

export const workspaceFilesSchema = z
  .record(workspacePathSchema, fileText)
  .refine((files) => Object.keys(files).length > 0, 'at least 1 file required')
  .refine((files) => Object.keys(files).length <= MAX_WORKSPACE_FILES, `at most ${MAX_WORKSPACE_FILES} files`);

/**
 * A test's id: its file, then each enclosing suite and the test's own name, joined by " > ".
 * node:test: "test/money.test.js > parseAmount > keeps cents exact";
 * unittest:  "tests/test_import.py > TestImport > test_dates_in_utc".
 */
export const testIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_./-]+( > .+)+$/, 'must be "<file> > <suite> > <test name>" (see the schema)');

/** The fix or the solution: whole files laid over the starting files, or a unified diff of them. */
export const referenceSchema = z
  .object({
    files: workspaceFilesSchema.optional(),
    patch: text.optional(),
  })
  .strict()
  .refine((r) => (r.files === undefined) !== (r.patch === undefined), 'give either "files" or "patch" (not both)');

/** Reference material shown in the workspace's Docs panel (Markdown). */
export const workspaceDocSchema = z.object({ title: text, body: text }).strict();

export const injectedBugSchema = z
  .object({
    id,
    /** One sentence for the feedback after the round ("parseAmount truncates 19.99 to 1998 cents"). */
    summary: text,
    /** Where the fix belongs. */
    file: workspacePathSchema,
    /** Hidden tests that fail while this bug is in the code and pass once it is fixed. */
    tests: z.array(testIdSchema).min(1, 'at least 1 hidden test required'),
    /** The question's rubric point that a correct root-cause explanation covers. */
    rubric: id.optional(),
  })
  .strict();

export const bugBashSchema = z
  .object({
    language: z.enum(WORKSPACE_LANGUAGES),
    /** The bug report as a user filed it (Markdown). */
    report: text,
    /** The starting repository, including its README and its (partly failing) test suite. */
    files: workspaceFilesSchema,
    /** Test files never shown to the candidate, laid over the workspace when hidden tests run. */
    hidden: workspaceFilesSchema,
    bugs: z.array(injectedBugSchema).min(1, 'at least 1 bug required').max(3, 'at most 3 bugs'),
    reference: referenceSchema,
    docs: z.array(workspaceDocSchema).default([]),
  })
  .strict();

/** One sandboxed run of some hidden test files against a fresh mock API, with faults as given. */
export const hiddenRunSchema = z
  .object({
    /** What this run proves, in the feedback ("survives dropped connections"). */
    name: text,
    files: z.array(workspacePathSchema).min(1, 'at least 1 file required'),
    faults: mockFaultsSchema.optional(),
  })
  .strict();

export const integrationPartSchema = z
  .object({
    id,
    title: text,
    /** Markdown, shown when the part is revealed. */
    statement: text,
    hidden: z.array(hiddenRunSchema).min(1, 'at least 1 hidden run required'),
  })
  .strict();

export const integrationSchema = z
  .object({
    language: z.enum(WORKSPACE_LANGUAGES),
    files: workspaceFilesSchema,
    hidden: workspaceFilesSchema,
    /** The spec in parts, revealed one at a time. */
    parts: z.array(integrationPartSchema).min(1, 'at least 1 part required'),
    /** Solves every part. */
    reference: referenceSchema,
    api: mockApiSchema,
    /** The API reference and anything else the candidate may read (at least the API reference). */
    docs: z.array(workspaceDocSchema).min(1, 'at least 1 doc required (the API reference)'),
  })
  .strict();

export type WorkspaceFiles = z.infer<typeof workspaceFilesSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type WorkspaceDoc = z.infer<typeof workspaceDocSchema>;
export type InjectedBug = z.infer<typeof injectedBugSchema>;
export type BugBash = z.infer<typeof bugBashSchema>;
export type HiddenRun = z.infer<typeof hiddenRunSchema>;
export type IntegrationPart = z.infer<typeof integrationPartSchema>;
export type Integration = z.infer<typeof integrationSchema>;
