/**
 * The board description as short text, the way the interviewer (and `npm run board -- describe`)
 * reads it. Every list is capped and ends with "and N more", so a 2,000-element board still
 * gives a prompt of bounded size.
 */
import type { BoardComponent, BoardDescription, BoardEdge } from '../../contract/services/board.js';

export interface FormatOptions {
  /** Items listed per section before "and N more". */
  maxItems?: number;
  /** Longest label or note quoted, in characters. */
  maxTextChars?: number;
  /** Longest description, in characters; whole lines are dropped past it. */
  maxChars?: number;
}

export const DEFAULT_FORMAT: Required<FormatOptions> = { maxItems: 30, maxTextChars: 160, maxChars: 3000 };

export function quoteText(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  return `"${cut}"`;
}

/** How a component is named in text: its label in quotes, or what it is. */
export function componentName(c: BoardComponent | undefined, max = DEFAULT_FORMAT.maxTextChars): string {
  if (!c) return '(loose end)';
  if (c.label) return quoteText(c.label, max);
  return c.shape === 'image' ? 'an image' : `an unlabelled ${c.shape}`;
}

export function edgeText(e: BoardEdge, byId: ReadonlyMap<string, BoardComponent>, max: number): string {
  const from = e.from ? componentName(byId.get(e.from), max) : '(loose end)';
  const to = e.to ? componentName(byId.get(e.to), max) : '(loose end)';
  const arrow = e.direction === 'both' ? '↔' : e.direction === 'none' ? '—' : '→';
  return `${from} ${arrow} ${to}${e.label ? `: ${quoteText(e.label, max)}` : ''}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** At most `max` lines, then "and N more <noun>". */
export function capped(lines: string[], max: number, noun: string): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `- and ${(lines.length - max).toLocaleString('en-US')} more ${noun}`];
}

export function boardText(d: BoardDescription, options: FormatOptions = {}): string {
  const { maxItems, maxTextChars: max, maxChars } = { ...DEFAULT_FORMAT, ...options };
  const byId = new Map(d.components.map((c) => [c.id, c]));
  const lines: string[] = [];
  if (d.elementCount === 0) {
    lines.push('The board is empty.');
  } else {
    const counts = [
      plural(d.components.length, 'component'),
      plural(d.edges.length, 'arrow'),
      plural(d.notes.length, 'note'),
    ];
    lines.push(`The board has ${counts.join(', ')}.`);
  }
  const frameName = new Map(d.frames.map((f) => [f.id, f.name]));
  if (d.components.length > 0) {
    lines.push('Components:');
    const items = d.components.map((c) => {
      const where = c.frameId ? `, in frame ${quoteText(frameName.get(c.frameId) ?? '', max)}` : '';
      return `- ${componentName(c, max)} (${c.shape}${where})`;
    });
    lines.push(...capped(items, maxItems, 'components'));
  }
  if (d.edges.length > 0) {
    lines.push('Arrows:');
    lines.push(
      ...capped(
        d.edges.map((e) => `- ${edgeText(e, byId, max)}`),
        maxItems,
        'arrows',
      ),
    );
  }
  if (d.groups.length > 0) {
    lines.push('Groups:');
    const items = d.groups.map((g) => `- ${g.members.map((m) => componentName(byId.get(m), max)).join(', ')}`);
    lines.push(...capped(items, maxItems, 'groups'));
  }
  if (d.frames.length > 0) {
    lines.push('Frames:');
    const items = d.frames.map((f) => {
      const members = f.members.map((m) => componentName(byId.get(m), max));
      const shown = capped(members, 8, 'components').map((m) => m.replace(/^- /, ''));
      return `- ${quoteText(f.name, max)}: ${members.length > 0 ? shown.join(', ') : 'empty'}`;
    });
    lines.push(...capped(items, maxItems, 'frames'));
  }
  if (d.notes.length > 0) {
    lines.push('Notes:');
    lines.push(
      ...capped(
        d.notes.map((n) => `- ${quoteText(n.text, max)}`),
        maxItems,
        'notes',
      ),
    );
  }
  const also = [
    d.sketches > 0 ? plural(d.sketches, 'freehand sketch', 'freehand sketches') : '',
    d.unknown > 0
      ? plural(d.unknown, 'element of a kind this app does not know', 'elements of kinds this app does not know')
      : '',
  ].filter(Boolean);
  if (also.length > 0) lines.push(`Also: ${also.join(', ')}.`);
  lines.push(...d.warnings.map((w) => `Note: ${w}`));
  return fit(lines, maxChars);
}

/** Whole lines up to the budget, then how many were left out. */
export function fit(lines: string[], maxChars: number): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (used + line.length + 1 > maxChars - 40) {
      out.push(`… and ${plural(lines.length - i, 'more line')} left out to keep this short.`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}
