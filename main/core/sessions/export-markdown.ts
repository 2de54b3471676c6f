import type { SessionDetail } from '../../contract/services/sessions.js';
import { boardBlocks, type FinalBoard } from './board-document.js';
import { exportFileName, sessionDocument, type Block } from './session-document.js';

/**
 * Text from the candidate or a role pack goes into Markdown as text: characters that would
 * start markup (a heading, a list, raw HTML, emphasis) are escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_{}[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#+-])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2');
}

function line(text: string): string {
  return escapeMarkdown(text.replace(/\r\n?/g, '\n'));
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'title':
      return `# ${line(block.text).replace(/\n+/g, ' ')}`;
    case 'heading':
      return `${'#'.repeat(block.level)} ${line(block.text).replace(/\n+/g, ' ')}`;
    case 'paragraph':
      return block.muted ? `*${line(block.text)}*` : line(block.text);
    case 'facts':
      return block.items.map(([label, value]) => `- **${label}:** ${line(value)}`).join('\n');
    case 'quote':
      return line(block.text)
        .split('\n')
        .map((l) => (l.trim() ? `> ${l}` : '>'))
        .join('\n');
    case 'list':
      return block.items
        .map((item) => {
          const box = item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] ';
          const label = item.label ? `\`${item.label}\` ` : '';
          return `- ${box}${label}${line(item.text).replace(/\n+/g, ' ')}`;
        })
        .join('\n');
    case 'code': {
      // A fence longer than any run of backticks in the code, so the code cannot close it.
      const longest = Math.max(2, ...[...block.text.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${block.language}\n${block.text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n${fence}`;
    }
  }
}

export function sessionMarkdown(
  detail: SessionDetail,
  board?: FinalBoard | null,
  feedback: readonly Block[] = [],
): { fileName: string; text: string } {
  const body = [...sessionDocument(detail), ...feedback, ...boardBlocks(board ?? null)].map(renderBlock).join('\n\n');
  return { fileName: exportFileName(detail, 'md'), text: `${body}\n\n---\n*Exported from Interview Rehearsal.*\n` };
}
