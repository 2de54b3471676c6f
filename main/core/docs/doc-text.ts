/**
 * A documentation file's text as the Docs tab shows it: Markdown and plain text as they are,
 * HTML as Markdown-like text with every tag stripped (headings, list items and code blocks kept
 * as Markdown), so nothing from disk is ever rendered as HTML. Pure functions.
 */
import path from 'node:path';
import type { DocsDocument, DocsHeading } from '../../contract/services/docs.js';

export const DOC_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm'] as const;

export type DocKind = 'markdown' | 'text' | 'html';

export function docKindOf(file: string): DocKind | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt') return 'text';
  if (ext === '.html' || ext === '.htm') return 'html';
  return null;
}

/** Binary files (and text in an encoding that is not UTF-8 at all) are not documentation. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  const text = new TextDecoder('utf-8').decode(head);
  let replaced = 0;
  for (const ch of text) if (ch === '\uFFFD') replaced++;
  return replaced > Math.max(8, text.length / 20);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const stripTags = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ''));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** HTML as text: headings become `#` lines, list items `- ` lines, <pre> a fenced block. */
export function htmlToText(html: string): { text: string; title: string | null } {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch ? oneLine(stripTags(titleMatch[1]!)) || null : null;
  let body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|template|svg|noscript)\b[\s\S]*?<\/\1\s*>/gi, '');
  const blocks: string[] = [];
  // Code blocks keep their line breaks; everything else is reflowed.
  body = body.replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_m, code: string) => {
    blocks.push(stripTags(code).replace(/^\n+|\s+$/g, ''));
    return `\n\n\uE000${blocks.length - 1}\uE000\n\n`;
  });
  body = body
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, inner: string) => {
      const text = oneLine(stripTags(inner));
      return text ? `\n\n${'#'.repeat(Number(level))} ${text}\n\n` : '\n\n';
    })
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/(p|div|section|article|ul|ol|table|tr|blockquote|dl|dd|dt|header|footer|nav|main)\s*>/gi, '\n\n')
    .replace(/<(p|div|section|article|table|tr|blockquote|dl|dt|dd)\b[^>]*>/gi, '\n\n');
  const paragraphs = stripTags(body)
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .map((p) => p.replace(/^\uE000(\d+)\uE000$/, (_m, i: string) => `\`\`\`\n${blocks[Number(i)] ?? ''}\n\`\`\``));
  return { text: paragraphs.join('\n\n'), title };
}

/** Markdown headings outside fenced code blocks. */
export function markdownHeadings(text: string): DocsHeading[] {
  const headings: DocsHeading[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) headings.push({ level: m[1]!.length, text: m[2]! });
  }
  return headings;
}

export interface DocText {
  title: string;
  format: DocsDocument['format'];
  text: string;
  headings: DocsHeading[];
}

/** The text, title and headings of a file's content; the file name is the title of last resort. */
export function docText(relativePath: string, kind: DocKind, raw: string): DocText {
  const source = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fileTitle = path.posix.basename(relativePath).replace(/\.[^.]+$/, '');
  if (kind === 'text') {
    const first = source.split('\n').find((l) => l.trim() !== '');
    return { title: oneLine(first ?? '').slice(0, 120) || fileTitle, format: 'text', text: source, headings: [] };
  }
  const { text, title } = kind === 'html' ? htmlToText(source) : { text: source, title: null };
  const headings = markdownHeadings(text);
  return { title: (title ?? headings[0]?.text ?? fileTitle).slice(0, 200), format: 'markdown', text, headings };
}
