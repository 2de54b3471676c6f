/**
 * YAML text in, plain data out, with the source line of every mapping key and list item.
 *
 * js-yaml builds the data in one linear pass (several times faster than an editable document
 * model on a 2 MB pack); its listener reports each node as it opens and closes, which is enough
 * to note, per mapping object, each key's line, and per list object, each item's line. A key is a
 * scalar node followed by ":". Placing an error is then a walk along its path, not a search.
 * Duplicate keys are found with a set per mapping (js-yaml's own check would stop at the first).
 */
import yaml from 'js-yaml';

export type PathSegment = string | number;
/** 1-based source line of the deepest node of `path` that exists in the document. */
export type Locate = (path: readonly PathSegment[]) => number;

export interface DuplicateKey {
  path: PathSegment[];
  line: number;
  firstLine: number;
}

export interface LoadedYaml {
  data: unknown;
  locate: Locate;
  duplicates: DuplicateKey[];
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Values the data may expand to through aliases before it is refused as an alias bomb. */
export const MAX_EXPANDED_NODES = 1_000_000;

/** One open node. The lists are made on first use: most nodes are scalars with no children. */
interface Frame {
  line: number;
  childLines: number[] | null;
  keys: { name: string; line: number }[] | null;
}

type ListenerState = {
  line: number;
  position: number;
  input: string;
  kind: string | null;
  result: unknown;
};

export function loadYaml(text: string): LoadedYaml {
  const keyLines = new WeakMap<object, Map<string, number>>();
  const itemLines = new WeakMap<object, number[]>();
  const duplicatesIn: { mapping: object; name: string; line: number; firstLine: number }[] = [];
  const stack: Frame[] = [];

  const listener = (event: 'open' | 'close', state: ListenerState) => {
    if (event === 'open') {
      stack.push({ line: state.line + 1, childLines: null, keys: null });
      return;
    }
    const frame = stack.pop();
    if (!frame) return;
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (parent) (parent.childLines ??= []).push(frame.line);
    const { result } = state;
    if (state.kind === 'scalar' && parent && followedByColon(state.input, state.position)) {
      (parent.keys ??= []).push({ name: String(result), line: frame.line });
    } else if (state.kind === 'mapping' && isObject(result) && !keyLines.has(result)) {
      const lines = new Map<string, number>();
      for (const key of frame.keys ?? []) {
        const first = lines.get(key.name);
        if (first === undefined) lines.set(key.name, key.line);
        else duplicatesIn.push({ mapping: result, name: key.name, line: key.line, firstLine: first });
      }
      keyLines.set(result, lines);
    } else if (state.kind === 'sequence' && Array.isArray(result) && !itemLines.has(result)) {
      // Flow pairs ([a: 1]) make two nodes of one item; their lines are left out rather than shifted.
      const childLines = frame.childLines ?? [];
      if (childLines.length === result.length) itemLines.set(result, childLines);
    }
  };

  let data: unknown;
  try {
    data = yaml.load(text, {
      schema: yaml.CORE_SCHEMA,
      // Duplicates are reported below, all of them, instead of failing on the first.
      json: true,
      listener: listener,
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      throw new YamlSyntaxError(error.reason || error.message, (error.mark?.line ?? 0) + 1);
    }
    throw error;
  }
  // An empty file is an empty value, like a key with nothing after it.
  if (data === undefined) data = null;
  checkExpansion(data);

  const locate: Locate = (path) => {
    let node = data;
    let line = 1;
    for (const seg of path) {
      const next = Array.isArray(node)
        ? typeof seg === 'number'
          ? itemLines.get(node)?.[seg]
          : undefined
        : isObject(node)
          ? keyLines.get(node)?.get(String(seg))
          : undefined;
      if (next === undefined) break;
      line = next;
      node = (node as Record<PathSegment, unknown>)[seg];
    }
    return line;
  };
  const duplicates =
    duplicatesIn.length === 0
      ? []
      : (() => {
          const paths = pathsOf(data, new Set(duplicatesIn.map((d) => d.mapping)));
          return duplicatesIn.map((d) => ({
            path: [...(paths.get(d.mapping) ?? []), d.name],
            line: d.line,
            firstLine: d.firstLine,
          }));
        })();
  return { data, locate, duplicates };
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** After a key: optional spaces, then ":". A value is never followed by one (that would be a key). */
function followedByColon(input: string, position: number): boolean {
  let i = position;
  while (input[i] === ' ' || input[i] === '\t') i++;
  return input[i] === ':';
}

/** The path of each wanted object, found in one walk (aliases visited once). */
function pathsOf(root: unknown, wanted: Set<object>): Map<object, PathSegment[]> {
  const found = new Map<object, PathSegment[]>();
  const seen = new Set<object>();
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0 && found.size < wanted.size) {
    const { node, path } = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (wanted.has(node)) found.set(node, path);
    if (Array.isArray(node)) node.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    else for (const [key, value] of Object.entries(node)) stack.push({ node: value, path: [...path, key] });
  }
  return found;
}

/**
 * Aliases share objects, so a small file can describe a huge (or endless) document. Counts the
 * values the data would have written out in full, once per shared object, and refuses loops.
 */
function checkExpansion(root: unknown): void {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  const sizeOf = (node: unknown): number => {
    if (!isObject(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (onPath.has(node)) throw new YamlSyntaxError('an alias refers to a value that contains it (a loop)', 1);
    onPath.add(node);
    let size = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      size += sizeOf(child);
      if (size > MAX_EXPANDED_NODES) {
        throw new YamlSyntaxError(
          `aliases expand the pack to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values (an alias bomb?)`,
          1,
        );
      }
    }
    onPath.delete(node);
    sizes.set(node, size);
    return size;
  };
  sizeOf(root);
}
