/**
 * A session as PDF (pdfkit, pure JS). The built-in PDF fonts cover Western European text
 * (WinAnsi); characters they cannot draw are replaced, and the document says so, rather
 * than shipping a font file with the app.
 */
import PDFDocument from 'pdfkit';
import type { SessionDetail } from '../../contract/services/sessions.js';
import { boardBlocks, type FinalBoard } from './board-document.js';
import { exportFileName, sessionDocument, type Block } from './session-document.js';

// The characters WinAnsi adds beyond Latin-1 (0x80–0x9F in cp1252).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
// Letters with a stroke do not decompose into letter + accent; their plain letter is close enough.
const PLAIN_LETTER: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

/** Text the standard fonts can draw: accents are kept where cp1252 has them, else dropped; the rest becomes "?". */
export function toWinAnsi(text: string): { text: string; replaced: number } {
  let replaced = 0;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (
      ch === '\n' ||
      ch === '\t' ||
      (code >= 0x20 && code < 0x7f) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(ch)
    ) {
      out += ch;
      continue;
    }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    const plain = PLAIN_LETTER[ch];
    if (plain) {
      out += plain;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    if (base.length > 0 && [...base].every((c) => (c.codePointAt(0) ?? 0) < 0x7f)) {
      out += base;
      continue;
    }
    out += '?';
    replaced++;
  }
  return { text: out, replaced };
}

const COLOR = { text: '#1b2430', muted: '#4f5b6b', rule: '#d9dee6', good: '#1f7a4a', bad: '#b3261e' };

export async function sessionPdf(
  detail: SessionDetail,
  now: number = Date.now(),
  board: FinalBoard | null = null,
  feedback: readonly Block[] = [],
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: false,
    info: {
      Title: `${detail.roleTitle}: ${detail.roundTitle}`,
      Creator: 'Interview Rehearsal',
      CreationDate: new Date(now),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let replaced = 0;
  const clean = (text: string) => {
    const result = toWinAnsi(text);
    replaced += result.replaced;
    return result.text;
  };
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  const render = (block: Block) => {
    switch (block.type) {
      case 'title':
        doc.font('Helvetica-Bold').fontSize(18).fillColor(COLOR.text).text(clean(block.text), left, doc.y, { width });
        doc.moveDown(0.6);
        break;
      case 'heading':
        doc.moveDown(block.level === 2 ? 0.8 : 0.5);
        doc
          .font('Helvetica-Bold')
          .fontSize(block.level === 2 ? 14 : 11.5)
          .fillColor(COLOR.text)
          .text(clean(block.text), left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc
          .font(block.muted ? 'Helvetica-Oblique' : 'Helvetica')
          .fontSize(10.5)
          .fillColor(block.muted ? COLOR.muted : COLOR.text);
        doc.text(clean(block.text), left, doc.y, { width });
        doc.moveDown(0.3);
        break;
      case 'facts':
        for (const [label, value] of block.items) {
          doc
            .font('Helvetica-Bold')
            .fontSize(10)
            .fillColor(COLOR.muted)
            .text(`${clean(label)}: `, left, doc.y, { continued: true, width });
          doc.font('Helvetica').fillColor(COLOR.text).text(clean(value));
        }
        doc.moveDown(0.3);
        break;
      case 'quote': {
        const top = doc.y;
        doc
          .font('Helvetica')
          .fontSize(10.5)
          .fillColor(COLOR.text)
          .text(clean(block.text), left + 12, top, { width: width - 12 });
        // The bar is drawn only when the quote stayed on one page; across a break it would point nowhere.
        if (doc.y > top)
          doc
            .moveTo(left + 3, top)
            .lineTo(left + 3, doc.y)
            .lineWidth(2)
            .strokeColor(COLOR.rule)
            .stroke();
        doc.moveDown(0.4);
        break;
      }
      case 'list':
        for (const item of block.items) {
          const mark = item.checked === undefined ? '•' : item.checked ? 'Yes' : 'No';
          doc
            .font('Helvetica-Bold')
            .fontSize(10)
            .fillColor(item.checked === undefined ? COLOR.muted : item.checked ? COLOR.good : COLOR.bad);
          // The mark and the first line of the item share a line: start a page first if they would not both fit.
          if (doc.y + 2 * doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
          const y = doc.y;
          doc.text(mark, left, y, { width: 24, lineBreak: false });
          doc
            .font('Helvetica')
            .fillColor(COLOR.text)
            .text(clean(item.label ? `${item.label}  ${item.text}` : item.text), left + 26, y, { width: width - 26 });
          doc.moveDown(0.15);
        }
        doc.moveDown(0.3);
        break;
      case 'code':
        doc
          .font('Courier')
          .fontSize(8.5)
          .fillColor(COLOR.text)
          .text(clean(block.text), left + 8, doc.y, { width: width - 8 });
        doc.moveDown(0.4);
        break;
    }
  };

  for (const block of sessionDocument(detail)) render(block);
  for (const block of feedback) render(block);
  for (const block of boardBlocks(board)) render(block);
  if (board?.png) {
    // The drawing on a page of its own, as large as fits.
    doc.addPage();
    const height = doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 40;
    try {
      doc.image(board.png, left, doc.page.margins.top, { fit: [width, height], align: 'center' });
    } catch {
      doc.font('Helvetica-Oblique').fontSize(10).fillColor(COLOR.muted).text('The board drawing could not be read.');
    }
  }
  doc.moveDown(1);
  const footer =
    replaced > 0
      ? `Exported from Interview Rehearsal. ${replaced} character(s) this PDF's font cannot show were replaced with "?"; the Markdown export keeps them.`
      : 'Exported from Interview Rehearsal.';
  doc.font('Helvetica-Oblique').fontSize(9).fillColor(COLOR.muted).text(footer, left, doc.y, { width });
  doc.end();
  const bytes = await done;
  return {
    fileName: exportFileName(detail, 'pdf'),
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}
