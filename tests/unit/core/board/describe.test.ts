import { describe, expect, it } from 'vitest';
import { describeScene } from '../../../../main/core/board/describe.js';
import { boardText } from '../../../../main/core/board/format.js';
import { parseSceneText } from '../../../../main/core/board/scene.js';
import { arrow, box, label, note, scene, smallDesign } from './scenes.js';

function described(data: unknown) {
  const result = describeScene(data);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('board description', () => {
  it('names shapes by their labels and arrows by the shapes they are bound to, with their own labels', () => {
    const d = described(smallDesign());
    expect(d.components.map((c) => [c.shape, c.label])).toEqual([
      ['ellipse', 'Clients'],
      ['rectangle', 'Payments API'],
      ['rectangle', 'Postgres primary'],
    ]);
    expect(d.edges.map((e) => [e.from, e.to, e.label, e.inferred])).toEqual([
      ['clients', 'api', 'HTTPS', false],
      ['api', 'db', 'SQL writes', false],
    ]);
    expect(d.notes).toEqual([]);
    expect(boardText(d)).toBe(
      [
        'The board has 3 components, 2 arrows, 0 notes.',
        'Components:',
        '- "Clients" (ellipse)',
        '- "Payments API" (rectangle)',
        '- "Postgres primary" (rectangle)',
        'Arrows:',
        '- "Clients" → "Payments API": "HTTPS"',
        '- "Payments API" → "Postgres primary": "SQL writes"',
      ].join('\n'),
    );
  });

  it('uses the label as typed, not as Excalidraw wrapped it', () => {
    const d = described(scene([box('q', 0, 0), label('q', 'Redis token buckets')]));
    expect(d.components[0]?.label).toBe('Redis token buckets');
  });

  it('connects an unbound arrow to the shapes its ends lie on, and leaves a far end loose', () => {
    const d = described(
      scene([
        box('a', 0, 0),
        label('a', 'Worker'),
        box('b', 300, 0),
        label('b', 'Queue'),
        arrow('touching', [110, 30], [290, 30]), // ends 10 px outside each box
        arrow('loose', [110, 50], [200, 300]),
      ]),
    );
    expect(d.edges.map((e) => [e.id, e.from, e.to, e.inferred])).toEqual([
      ['touching', 'a', 'b', true],
      ['loose', 'a', null, true],
    ]);
    expect(boardText(d)).toContain('- "Worker" → (loose end)');
  });

  it('reads arrowheads: a start head reverses the edge, two heads are mutual, a line has none', () => {
    const d = described(
      scene([
        box('a', 0, 0),
        label('a', 'A'),
        box('b', 300, 0),
        label('b', 'B'),
        arrow('back', [104, 10], [296, 10], { start: 'a', end: 'b' }, { startArrowhead: 'arrow', endArrowhead: null }),
        arrow('both', [104, 30], [296, 30], { start: 'a', end: 'b' }, { startArrowhead: 'bar', endArrowhead: 'arrow' }),
        arrow('line', [104, 50], [296, 50], { start: 'a', end: 'b' }, { type: 'line', endArrowhead: null }),
      ]),
    );
    expect(boardText(d)).toContain('- "B" → "A"\n- "A" ↔ "B"\n- "A" — "B"');
  });

  it('lists groups (outermost only) and frames with their members', () => {
    const d = described(
      scene([
        { id: 'f1', type: 'frame', x: -20, y: -20, width: 500, height: 200, name: 'Region us-east' },
        { id: 'f2', type: 'frame', x: 0, y: 600, width: 100, height: 100, name: null },
        box('s1', 0, 0, { groupIds: ['inner', 'outer'], frameId: 'f1' }),
        label('s1', 'Shard 1'),
        box('s2', 200, 0, { groupIds: ['outer'], frameId: 'f1' }),
        label('s2', 'Shard 2'),
        box('solo', 0, 300, { groupIds: ['alone'] }),
        label('solo', 'Router'),
      ]),
    );
    expect(d.groups).toEqual([{ id: 'outer', members: ['s1', 's2'] }]);
    expect(d.frames).toEqual([
      { id: 'f1', name: 'Region us-east', members: ['s1', 's2'] },
      { id: 'f2', name: 'Frame 2', members: [] },
    ]);
    const text = boardText(d);
    expect(text).toContain('- "Shard 1" (rectangle, in frame "Region us-east")');
    expect(text).toContain('Groups:\n- "Shard 1", "Shard 2"');
    expect(text).toContain('Frames:\n- "Region us-east": "Shard 1", "Shard 2"\n- "Frame 2": empty');
  });

  it('ignores deleted elements, and an arrow bound to a deleted shape loses that end', () => {
    const d = described(
      scene([
        box('api', 0, 0),
        label('api', 'API'),
        box('gone', 400, 400, { isDeleted: true }),
        label('gone', 'Old cache', { isDeleted: true }),
        arrow('a', [104, 30], [396, 420], { start: 'api', end: 'gone' }),
        note('n-gone', 'erased idea', { isDeleted: true }),
      ]),
    );
    expect(d.components.map((c) => c.label)).toEqual(['API']);
    expect(d.edges).toEqual([{ id: 'a', from: 'api', to: null, label: '', direction: 'forward', inferred: false }]);
    expect(d.notes).toEqual([]);
    expect(d.elementCount).toBe(3);
    expect(boardText(d)).not.toContain('Old cache');
  });

  it('keeps loose text as notes, pasted images as "image", freehand as sketches', () => {
    const d = described(
      scene([
        { id: 'img', type: 'image', x: 0, y: 0, width: 200, height: 100, fileId: 'f', status: 'saved' },
        box('api', 300, 0),
        label('api', 'API'),
        arrow('a', [296, 30], [204, 30], { start: 'api', end: 'img' }),
        note('n1', '  p99 < 200 ms\n  for reads '),
        { id: 'pen', type: 'freedraw', x: 0, y: 0, width: 5, height: 5, points: [[0, 0]] },
      ]),
    );
    expect(d.components[0]).toEqual({ id: 'img', shape: 'image', label: '' });
    expect(d.notes).toEqual([{ id: 'n1', text: 'p99 < 200 ms for reads' }]);
    const text = boardText(d);
    expect(text).toContain('- an image (image)');
    expect(text).toContain('- "API" → an image');
    expect(text).toContain('Notes:\n- "p99 < 200 ms for reads"');
    expect(text).toContain('Also: 1 freehand sketch.');
  });

  it('describes an empty board and a text-only board', () => {
    expect(boardText(described(scene([])))).toBe('The board is empty.');
    const d = described(scene([note('n1', 'Requirements: 10k QPS'), note('n2', 'Strong consistency')]));
    expect(boardText(d)).toBe(
      'The board has 0 components, 0 arrows, 2 notes.\nNotes:\n- "Requirements: 10k QPS"\n- "Strong consistency"',
    );
  });

  it('caps a 2,000-element board with "and N more", within the size limit', () => {
    const elements = [];
    for (let i = 0; i < 700; i++)
      elements.push(box(`b${i}`, (i % 30) * 150, Math.floor(i / 30) * 100), label(`b${i}`, `Service ${i}`));
    for (let i = 0; i < 600; i++) elements.push(arrow(`a${i}`, [0, 0], [10, 10], { start: `b${i}`, end: `b${i + 1}` }));
    expect(elements).toHaveLength(2000);
    const d = described(scene(elements));
    expect(d.components).toHaveLength(700);
    expect(d.edges).toHaveLength(600);
    const text = boardText(d);
    expect(text).toContain('- and 670 more components');
    expect(text).toContain('- and 570 more arrows');
    expect(text.length).toBeLessThanOrEqual(3000);
    const small = boardText(d, { maxChars: 400 });
    expect(small.length).toBeLessThanOrEqual(400);
    expect(small).toMatch(/… and [\d,]+ more lines left out to keep this short\.$/);
  });

  it('reads a scene from a newer Excalidraw, with a warning and unknown elements counted', () => {
    const d = described(
      scene([box('a', 0, 0), label('a', 'API'), { id: 'h', type: 'hologram', x: 0, y: 0 }], { version: 3 }),
    );
    expect(d.components.map((c) => c.label)).toEqual(['API']);
    expect(d.unknown).toBe(1);
    const text = boardText(d);
    expect(text).toContain('Also: 1 element of a kind this app does not know.');
    expect(text).toContain('saved by a newer Excalidraw (format version 3; this app reads version 2)');
  });

  it('refuses what is not a scene, saying what it found', () => {
    expect(describeScene([])).toEqual({
      ok: false,
      error: 'This is not an Excalidraw scene: expected a JSON object, found a list.',
    });
    expect(describeScene({ type: 'excalidrawlib', libraryItems: [] })).toEqual({
      ok: false,
      error: 'This is not an Excalidraw scene: its "type" is "excalidrawlib", expected "excalidraw".',
    });
    expect(describeScene({ type: 'excalidraw', elements: 'many' })).toEqual({
      ok: false,
      error: 'This Excalidraw scene has no list of elements ("elements" is a string).',
    });
    const broken = parseSceneText('{"type": "excalidraw", ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^This file is not an Excalidraw scene: it is not valid JSON \(/);
  });

  it('leaves out unreadable elements and says how many', () => {
    const d = described(scene([box('a', 0, 0), { type: 'rectangle' } as never, 'junk' as never]));
    expect(d.components).toHaveLength(1);
    expect(d.warnings).toEqual(['2 elements were unreadable and left out.']);
  });
});
