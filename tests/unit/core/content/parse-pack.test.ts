import { describe, it, expect } from 'vitest';
import { formatPath, parsePack } from '../../../../main/core/content/parse-pack.js';
import { lineOf, toYaml, validRole } from './fixtures/valid-pack.js';

const F = 'pack.yaml';

describe('parsePack', () => {
  it('accepts the valid fixture and applies schema defaults', () => {
    const result = parsePack(toYaml(validRole()), F);
    expect(result.errors).toEqual([]);
    expect(result.role?.id).toBe('test-role');
    expect(result.role?.rounds[0]?.questions[0]?.coding?.tests[2]?.hidden).toBe(true);
  });

  it('loads a valid pack saved with a BOM and CRLF line endings', () => {
    const text = '\uFEFF' + toYaml(validRole()).replace(/\n/g, '\r\n');
    const fromBytes = parsePack(Buffer.from(text, 'utf8'), F);
    expect(fromBytes.errors).toEqual([]);
    expect(fromBytes.role?.title).toBe('Test Engineer');
    // No stray "\r" survives into multi-line strings.
    expect(fromBytes.role?.rounds[0]?.questions[0]?.coding?.reference.javascript).not.toContain('\r');
    expect(parsePack(text, F).errors).toEqual([]);
  });

  it('reports malformed YAML with its line', () => {
    const text = 'id: x\ntitle: [unclosed\nlevel: senior\n';
    const { role, errors } = parsePack(text, F);
    expect(role).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^pack\.yaml:3 \(yaml\): \S/);
    // The excerpt prettyErrors adds is stripped: one line per error.
    for (const e of errors) expect(e).not.toContain('\n');
  });

  it('rejects duplicate keys', () => {
    const text = 'id: x\ntitle: One\nlevel: senior\ntitle: Two\n';
    expect(parsePack(text, F).errors).toEqual(['pack.yaml:4 title: duplicate key "title" (first at line 2)']);
  });

  it('rejects duplicate keys deep inside the pack', () => {
    const role = validRole();
    const text = toYaml(role).replace(
      '    intro: Write some code.\n',
      '    intro: Write some code.\n    intro: Again.\n',
    );
    const line = lineOf(text, 'intro: Again.');
    expect(parsePack(text, F).errors).toEqual([
      `pack.yaml:${line} rounds[0].intro: duplicate key "intro" (first at line ${line - 1})`,
    ]);
  });

  it('maps wrong types to the line and path of the offending value', () => {
    const role = validRole() as unknown as { rounds: { minutes: unknown; questions: { topics: unknown }[] }[] };
    role.rounds[1]!.minutes = 'thirty';
    role.rounds[0]!.questions[0]!.topics = 'arithmetic';
    const text = toYaml(role);
    const { errors } = parsePack(text, F);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'topics: arithmetic')} rounds[0].questions[0].topics: expected array, got string "arithmetic"`,
      `pack.yaml:${lineOf(text, 'minutes: thirty')} rounds[1].minutes: expected number, got string "thirty"`,
    ]);
  });

  it('names the allowed kinds for an unknown round kind', () => {
    const text = toYaml(validRole()).replace('kind: behavioral', 'kind: whiteboard');
    const { errors } = parsePack(text, F);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(
      `pack.yaml:${lineOf(text, 'kind: whiteboard')} rounds[1].kind: unknown round kind "whiteboard"; allowed kinds: ` +
        'coding, system_design, behavioral, hiring_manager, debugging, product_sense, technical_deep_dive, ' +
        'ml_design, data_modeling, execution, leadership, recruiter_screen',
    );
  });

  it('reports empty strings and empty values', () => {
    const text = toYaml(validRole())
      .replace('title: Test Engineer', 'title: "   "')
      .replace('    - Forgetting negatives', '    - ""');
    const { errors } = parsePack(text, F);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'title: "   "')} title: must not be empty`,
      `pack.yaml:${lineOf(text, '- ""')} rounds[0].questions[0].pitfalls[0]: must not be empty`,
    ]);
  });

  it('reports a key with no value as null', () => {
    const text = toYaml(validRole()).replace('level: Senior', 'level:');
    expect(parsePack(text, F).errors).toEqual([
      `pack.yaml:${lineOf(text, 'level:')} level: expected string, got null (an empty value)`,
    ]);
  });

  it('reports missing fields at the parent and unknown fields at their own line', () => {
    const role = validRole() as unknown as Record<string, unknown> & { rounds: Record<string, unknown>[] };
    delete role.rounds[1]!.intro;
    role.rounds[0]!.questions = [{ ...(role.rounds[0]!.questions as object[])[0], answerMinuts: 3 }];
    const text = toYaml(role);
    const { errors } = parsePack(text, F);
    expect(errors).toEqual([
      `pack.yaml:${lineOf(text, 'answerMinuts: 3')} rounds[0].questions[0].answerMinuts: unknown field "answerMinuts" (check the spelling)`,
      `pack.yaml:${lineOf(text, 'id: test-role-behavioral')} rounds[1].intro: required field is missing (expected string)`,
    ]);
  });

  it('reports too-short lists at the key line', () => {
    const role = validRole();
    role.rounds[1]!.questions[0]!.rubric.pop();
    const text = toYaml(role);
    const rubricLine = lineOf(text, 'rubric:', 2);
    expect(parsePack(text, F).errors).toEqual([
      `pack.yaml:${rubricLine} rounds[1].questions[0].rubric: at least 3 points required`,
    ]);
  });

  it('reports an empty file as a missing role', () => {
    expect(parsePack('', F).errors).toEqual(['pack.yaml:1 (root): expected object, got null (an empty value)']);
    expect(parsePack('- a\n- b\n', F).errors).toEqual(['pack.yaml:1 (root): expected object, got a list']);
  });

  it('rejects a 10 MB file without parsing it', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const started = Date.now();
    expect(parsePack(big, F).errors).toEqual(['pack.yaml:1 (file): file is 10.0 MB; a role pack may be at most 2 MB']);
    expect(Date.now() - started).toBeLessThan(500);
    expect(parsePack('a'.repeat(2 * 1024 * 1024 + 1), F).errors[0]).toMatch(/^pack\.yaml:1 \(file\): file is 2\.0 MB/);
  });

  it('rejects non-UTF-8 bytes and reports the line of the first bad one', () => {
    const bytes = Buffer.concat([
      Buffer.from('id: x\ntitle: caf\u00e9\nlevel: '),
      Buffer.from([0xe9, 0x0a]),
      Buffer.from('summary: s\n'),
    ]);
    expect(parsePack(bytes, F).errors).toEqual([
      'pack.yaml:3 (file): not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding',
    ]);
    expect(parsePack(Buffer.from([0xff, 0xfe, 0x69, 0x00]), F).errors[0]).toMatch(
      /^pack\.yaml:1 \(file\): not valid UTF-8 \(byte 0xff\)/,
    );
    // A truncated sequence right at the start, followed by ASCII.
    expect(parsePack(Buffer.from([0xe2, 0x82, 0x41, 0x0a]), F).errors[0]).toMatch(
      /^pack\.yaml:1 \(file\): not valid UTF-8 \(byte 0xe2\)/,
    );
    // Latin-1 text on line 5.
    const latin1 = Buffer.from('id: x\ntitle: t\nlevel: l\nsummary: s\ntopics: [caf\u00e9]\n', 'latin1');
    expect(parsePack(latin1, F).errors).toEqual([
      'pack.yaml:5 (file): not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding',
    ]);
  });

  it('reports aliases that expand too much instead of hanging', () => {
    const text =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
      Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ).join('\n') +
      '\n';
    const { errors } = parsePack(text, F);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^pack\.yaml:1 \(yaml\): /);
  });
});

describe('formatPath', () => {
  it('puts indices in brackets and keys after dots', () => {
    expect(formatPath(['rounds', 1, 'questions', 3, 'rubric'])).toBe('rounds[1].questions[3].rubric');
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });
});

describe('parsePack: hostile YAML', () => {
  it('refuses an alias that contains itself', () => {
    expect(parsePack('id: &a\n  self: *a\n', F).errors).toEqual([
      'pack.yaml:1 (yaml): an alias refers to a value that contains it (a loop)',
    ]);
  });

  it('refuses nesting deeper than 100 levels instead of exhausting the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(parsePack(`id: ${deep}\n`, F).errors[0]).toMatch(/^pack\.yaml:1 \(yaml\): nesting exceeded maxDepth/);
  });

  it('reads dates, yes/no and tags as the YAML 1.2 core schema does (plain text)', () => {
    const role = validRole() as unknown as { level: string };
    const text = toYaml(role).replace(`level: ${role.level}`, 'level: 2024-01-01');
    expect(parsePack(text, F).role?.level).toBe('2024-01-01');
    expect(parsePack(`${toYaml(validRole())}\nextra: !!js/function 'x'\n`, F).errors[0]).toMatch(/unknown tag/);
  });
});
