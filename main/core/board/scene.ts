/**
 * Reading an Excalidraw scene from untrusted JSON (a file, a paste, a stored snapshot) into the
 * few fields the board description needs. Unknown fields are ignored; a scene from a newer
 * Excalidraw is read as far as it goes and says so; something that is not a scene is refused
 * with a message that says what was found.
 */
import { EXCALIDRAW_SCENE_VERSION } from '../../../content/schema.js';

export interface Binding {
  elementId: string;
}

export interface SceneElement {
  id: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isDeleted: boolean;
  groupIds: string[];
  frameId: string | null;
  /** Text elements. */
  text?: string;
  containerId?: string | null;
  /** Arrows and lines: points relative to (x, y), and what each end is bound to. */
  points?: [number, number][];
  startBinding?: Binding | null;
  endBinding?: Binding | null;
  startArrowhead?: string | null;
  endArrowhead?: string | null;
  /** Frames. */
  name?: string | null;
}

export interface Scene {
  elements: SceneElement[];
  warnings: string[];
}

export type SceneResult = { ok: true; value: Scene } | { ok: false; error: string };

/** More elements than any hand-drawn board has; beyond this the input is refused, not described. */
export const MAX_SCENE_ELEMENTS = 50_000;

const SCENE_TYPES = ['excalidraw', 'excalidraw/clipboard'];

export function parseSceneText(text: string): SceneResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `This file is not an Excalidraw scene: it is not valid JSON (${why}).` };
  }
  return readScene(data);
}

export function readScene(data: unknown): SceneResult {
  if (!isRecord(data)) {
    return { ok: false, error: `This is not an Excalidraw scene: expected a JSON object, found ${kindOf(data)}.` };
  }
  if (!SCENE_TYPES.includes(String(data.type))) {
    return {
      ok: false,
      error: `This is not an Excalidraw scene: its "type" is ${JSON.stringify(data.type) ?? 'missing'}, expected "excalidraw".`,
    };
  }
  if (!Array.isArray(data.elements)) {
    return {
      ok: false,
      error: `This Excalidraw scene has no list of elements ("elements" is ${kindOf(data.elements)}).`,
    };
  }
  if (data.elements.length > MAX_SCENE_ELEMENTS) {
    return {
      ok: false,
      error: `This scene has ${data.elements.length.toLocaleString('en-US')} elements; a board may have at most ${MAX_SCENE_ELEMENTS.toLocaleString('en-US')}.`,
    };
  }
  const warnings: string[] = [];
  const version = data.version;
  if (typeof version === 'number' && version > EXCALIDRAW_SCENE_VERSION) {
    warnings.push(
      `The scene was saved by a newer Excalidraw (format version ${version}; this app reads version ${EXCALIDRAW_SCENE_VERSION}). What this app understands is described; the rest is counted as unknown.`,
    );
  }
  const elements: SceneElement[] = [];
  let skipped = 0;
  for (const raw of data.elements) {
    const element = readElement(raw);
    if (element) elements.push(element);
    else skipped++;
  }
  if (skipped > 0) warnings.push(`${skipped} element${skipped === 1 ? ' was' : 's were'} unreadable and left out.`);
  return { ok: true, value: { elements, warnings } };
}

function readElement(raw: unknown): SceneElement | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '' || typeof raw.type !== 'string') return null;
  const element: SceneElement = {
    id: raw.id,
    type: raw.type,
    x: num(raw.x),
    y: num(raw.y),
    width: num(raw.width),
    height: num(raw.height),
    isDeleted: raw.isDeleted === true,
    groupIds: Array.isArray(raw.groupIds) ? raw.groupIds.filter((g): g is string => typeof g === 'string') : [],
    frameId: typeof raw.frameId === 'string' ? raw.frameId : null,
  };
  if (typeof raw.text === 'string' || typeof raw.originalText === 'string') {
    // originalText is what the person typed; text has Excalidraw's own line wrapping in it.
    element.text = typeof raw.originalText === 'string' ? raw.originalText : String(raw.text);
  }
  if (typeof raw.containerId === 'string') element.containerId = raw.containerId;
  if (Array.isArray(raw.points)) element.points = raw.points.filter(isPoint).map(([x, y]) => [x, y]);
  const start = binding(raw.startBinding);
  const end = binding(raw.endBinding);
  if (start) element.startBinding = start;
  if (end) element.endBinding = end;
  // null (no head) and absent (the element type's default) mean different things.
  if ('startArrowhead' in raw)
    element.startArrowhead = typeof raw.startArrowhead === 'string' ? raw.startArrowhead : null;
  if ('endArrowhead' in raw) element.endArrowhead = typeof raw.endArrowhead === 'string' ? raw.endArrowhead : null;
  if (typeof raw.name === 'string') element.name = raw.name;
  return element;
}

function binding(value: unknown): Binding | null {
  return isRecord(value) && typeof value.elementId === 'string' ? { elementId: value.elementId } : null;
}

function isPoint(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
