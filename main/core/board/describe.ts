/**
 * An Excalidraw scene as the interviewer reads it: shapes with their labels, arrows as edges
 * between the shapes they are bound to (or, for arrows drawn without binding, the shapes their
 * ends lie on), groups, frames, loose text as notes. Deleted elements do not exist here.
 */
import type {
  BoardComponent,
  BoardDescription,
  BoardEdge,
  BoardFrame,
  BoardGroup,
  BoardNote,
} from '../../contract/services/board.js';
import { readScene, type SceneElement, type SceneResult } from './scene.js';

const SHAPES = new Set(['rectangle', 'ellipse', 'diamond', 'image', 'embeddable', 'iframe']);
const CONNECTORS = new Set(['arrow', 'line']);
const FRAMES = new Set(['frame', 'magicframe']);
const SKETCHES = new Set(['freedraw', 'selection']);

/** How far (px) outside a shape an unbound arrow's end may lie and still count as touching it. */
export const TOUCH_TOLERANCE = 24;

export type DescribeResult = { ok: true; value: BoardDescription } | { ok: false; error: string };

/** Reads untrusted scene data and describes it. */
export function describeScene(data: unknown): DescribeResult {
  const scene: SceneResult = readScene(data);
  if (!scene.ok) return scene;
  return { ok: true, value: describeElements(scene.value.elements, scene.value.warnings) };
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function describeElements(all: readonly SceneElement[], warnings: readonly string[] = []): BoardDescription {
  const elements = all.filter((e) => !e.isDeleted);
  const byId = new Map(elements.map((e) => [e.id, e]));

  // A label is the text element whose container is the shape (or arrow).
  const labels = new Map<string, string[]>();
  const notes: BoardNote[] = [];
  for (const e of elements) {
    if (e.type !== 'text') continue;
    const text = collapse(e.text ?? '');
    if (text === '') continue;
    const container = e.containerId ? byId.get(e.containerId) : undefined;
    if (container) labels.set(container.id, [...(labels.get(container.id) ?? []), text]);
    else notes.push({ id: e.id, text });
  }
  const labelOf = (id: string) => (labels.get(id) ?? []).join(' ');

  const components: BoardComponent[] = [];
  let sketches = 0;
  let unknown = 0;
  for (const e of elements) {
    if (SHAPES.has(e.type)) {
      const component: BoardComponent = { id: e.id, shape: shapeName(e.type), label: labelOf(e.id) };
      const group = e.groupIds.at(-1);
      if (group) component.groupId = group;
      if (e.frameId && byId.has(e.frameId)) component.frameId = e.frameId;
      components.push(component);
    } else if (SKETCHES.has(e.type)) {
      sketches++;
    } else if (!CONNECTORS.has(e.type) && !FRAMES.has(e.type) && e.type !== 'text') {
      unknown++;
    }
  }

  const shapeElements = components.map((c) => byId.get(c.id)).filter((e): e is SceneElement => e !== undefined);
  const edges: BoardEdge[] = [];
  for (const e of elements) {
    if (!CONNECTORS.has(e.type)) continue;
    const [start, end] = endpoints(e);
    const from = boundTo(e.startBinding?.elementId, byId) ?? touching(start, shapeElements);
    const to = boundTo(e.endBinding?.elementId, byId) ?? touching(end, shapeElements);
    const inferred =
      (from !== null && boundTo(e.startBinding?.elementId, byId) === null) ||
      (to !== null && boundTo(e.endBinding?.elementId, byId) === null);
    edges.push(orient({ id: e.id, from, to, label: labelOf(e.id), direction: 'forward', inferred }, e));
  }

  const groups: BoardGroup[] = [];
  const groupIndex = new Map<string, BoardGroup>();
  for (const c of components) {
    if (!c.groupId) continue;
    let group = groupIndex.get(c.groupId);
    if (!group) {
      group = { id: c.groupId, members: [] };
      groupIndex.set(c.groupId, group);
      groups.push(group);
    }
    group.members.push(c.id);
  }

  const frames: BoardFrame[] = elements
    .filter((e) => FRAMES.has(e.type))
    .map((f, i) => ({
      id: f.id,
      name: collapse(f.name ?? '') || `Frame ${i + 1}`,
      members: components.filter((c) => c.frameId === f.id).map((c) => c.id),
    }));

  return {
    components,
    edges,
    groups: groups.filter((g) => g.members.length > 1),
    frames,
    notes,
    sketches,
    unknown,
    elementCount: elements.length,
    warnings: [...warnings],
  };
}

function shapeName(type: string): string {
  return type === 'embeddable' || type === 'iframe' ? 'embed' : type;
}

/** A binding counts only while the shape it names still exists and is a shape. */
function boundTo(id: string | undefined, byId: Map<string, SceneElement>): string | null {
  if (!id) return null;
  const target = byId.get(id);
  return target && SHAPES.has(target.type) ? target.id : null;
}

function endpoints(e: SceneElement): [[number, number], [number, number]] {
  const points = e.points && e.points.length > 0 ? e.points : [[0, 0] as [number, number]];
  const first = points[0]!;
  const last = points.at(-1)!;
  return [
    [e.x + first[0], e.y + first[1]],
    [e.x + last[0], e.y + last[1]],
  ];
}

/** The smallest shape whose box (grown by the tolerance) contains the point. */
function touching([px, py]: [number, number], shapes: readonly SceneElement[]): string | null {
  let best: SceneElement | null = null;
  for (const s of shapes) {
    const left = Math.min(s.x, s.x + s.width) - TOUCH_TOLERANCE;
    const top = Math.min(s.y, s.y + s.height) - TOUCH_TOLERANCE;
    const right = Math.max(s.x, s.x + s.width) + TOUCH_TOLERANCE;
    const bottom = Math.max(s.y, s.y + s.height) + TOUCH_TOLERANCE;
    if (px < left || px > right || py < top || py > bottom) continue;
    if (!best || Math.abs(s.width * s.height) < Math.abs(best.width * best.height)) best = s;
  }
  return best?.id ?? null;
}

/** Arrowheads decide the direction: only a start head reverses it, two heads make it mutual. */
function orient(edge: BoardEdge, e: SceneElement): BoardEdge {
  const head = (h: string | null | undefined) => h !== undefined && h !== null && h !== '';
  const startHead = head(e.startArrowhead);
  // An arrow without an endArrowhead field has Excalidraw's default head; a line has none.
  const endHead = e.type === 'arrow' && e.endArrowhead === undefined ? true : head(e.endArrowhead);
  if (startHead && endHead) return { ...edge, direction: 'both' };
  if (startHead) return { ...edge, from: edge.to, to: edge.from, direction: 'forward' };
  if (endHead) return edge;
  return { ...edge, direction: 'none' };
}
