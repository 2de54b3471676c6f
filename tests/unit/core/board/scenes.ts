/** Hand-made Excalidraw elements for the board tests: only the fields a real scene has that matter here. */
type El = Record<string, unknown> & { id: string; type: string };

export function box(id: string, x: number, y: number, extra: Partial<El> = {}): El {
  return { id, type: 'rectangle', x, y, width: 100, height: 60, groupIds: [], frameId: null, ...extra };
}

export function label(containerId: string, text: string, extra: Partial<El> = {}): El {
  return {
    id: `${containerId}-label`,
    type: 'text',
    x: 0,
    y: 0,
    width: 50,
    height: 20,
    text: text.replace(/ /g, '\n'), // wrapped, as Excalidraw stores it
    originalText: text,
    fontSize: 16,
    fontFamily: 5,
    textAlign: 'center',
    verticalAlign: 'middle',
    lineHeight: 1.25,
    containerId,
    groupIds: [],
    frameId: null,
    ...extra,
  };
}

export function note(id: string, text: string, extra: Partial<El> = {}): El {
  return { id, type: 'text', x: 0, y: 400, width: 100, height: 20, text, containerId: null, groupIds: [], ...extra };
}

export function arrow(
  id: string,
  from: [number, number],
  to: [number, number],
  bind: { start?: string; end?: string } = {},
  extra: Partial<El> = {},
): El {
  return {
    id,
    type: 'arrow',
    x: from[0],
    y: from[1],
    width: Math.abs(to[0] - from[0]),
    height: Math.abs(to[1] - from[1]),
    points: [
      [0, 0],
      [to[0] - from[0], to[1] - from[1]],
    ],
    startBinding: bind.start ? { elementId: bind.start, focus: 0, gap: 4 } : null,
    endBinding: bind.end ? { elementId: bind.end, focus: 0, gap: 4 } : null,
    startArrowhead: null,
    endArrowhead: 'arrow',
    groupIds: [],
    frameId: null,
    ...extra,
  };
}

/** Fills in what Excalidraw keeps on both sides of a binding: a container lists its label and its arrows. */
function linkBindings(elements: El[]): El[] {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const link = (id: unknown, type: string, child: string) => {
    const target = typeof id === 'string' ? byId.get(id) : undefined;
    if (!target) return;
    const bound = (target.boundElements as { id: string; type: string }[] | undefined) ?? [];
    if (!bound.some((b) => b.id === child)) target.boundElements = [...bound, { id: child, type }];
  };
  for (const e of elements) {
    if (e.type === 'text') link(e.containerId, 'text', e.id);
    if (e.type === 'arrow') {
      link((e.startBinding as { elementId?: string } | null)?.elementId, 'arrow', e.id);
      link((e.endBinding as { elementId?: string } | null)?.elementId, 'arrow', e.id);
    }
  }
  return elements;
}

export function scene(elements: El[], extra: Record<string, unknown> = {}) {
  return {
    type: 'excalidraw',
    version: 2,
    source: 'test',
    elements: linkBindings(elements),
    appState: {},
    files: {},
    ...extra,
  };
}

/** Three components and two labelled arrows: Clients → API → Postgres. */
export function smallDesign() {
  return scene([
    box('clients', 0, 0, { type: 'ellipse' }),
    label('clients', 'Clients'),
    box('api', 200, 0),
    label('api', 'Payments API'),
    box('db', 400, 0),
    label('db', 'Postgres primary'),
    arrow('a1', [104, 30], [196, 30], { start: 'clients', end: 'api' }),
    label('a1', 'HTTPS'),
    arrow('a2', [304, 30], [396, 30], { start: 'api', end: 'db' }),
    label('a2', 'SQL writes'),
  ]);
}
