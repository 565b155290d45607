/**
 * Web pages saved as ".xls" (OA and web-system exports, Excel's "save as web page"): the tables,
 * with row/column spans, charset from the BOM or the meta tag, parsed by htmlparser2.
 */
import { Parser } from 'htmlparser2';
import type { ReadNote, WorkbookGrid } from '../core/grid';
import { blocksToSheets, TableBuilder, TooManyCells, type Block } from './blocks';
import { baseName, type CsvEncoding } from './csv';
import { ParseGuard } from './bounds';
import { Budget, fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'center', 'caption', 'title']);
const SKIP_TAGS = new Set(['script', 'style', 'head', 'template']);
/** Form fields whose value attribute is what the page shows (OA forms saved with their inputs). */
const VALUE_INPUTS = new Set(['text', 'tel', 'number', 'date', 'datetime-local', 'month', 'email', 'url', 'search']);

/** BOM first, then `<meta charset>` / `content="…; charset=…"` (or the XML declaration), then UTF-8 if valid, else GB18030. */
export function decodeHtml(bytes: Uint8Array, charset: string | null = null): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  let head = '';
  for (const b of bytes.subarray(0, 4096)) head += String.fromCharCode(b);
  const m = (charset ? [charset, charset] : null) ?? /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  if (m) {
    try {
      const dec = new TextDecoder(m[1]!.toLowerCase());
      return { text: dec.decode(bytes), encoding: dec.encoding };
    } catch {
      /* unknown label: guess below */
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function span(v: string | undefined): number {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

export function htmlBlocks(html: string, maxCells: number, budget?: Budget): Block[] {
  const guard = budget && new ParseGuard(budget);
  const blocks: Block[] = [];
  let para = '';
  let skip = 0;
  let depth = 0; // table nesting
  let table: TableBuilder | null = null;
  let cell: { text: string; colSpan: number; rowSpan: number } | null = null;
  // A <select> in a cell shows its selected option (else its first): only that one is text.
  let select: { shown: string | null; option: string | null; selected: boolean } | null = null;
  // A table's <caption> (the sheet name some exporters write, or its title) names its sheet.
  let caption: string | null = null;
  let captionText = '';
  const flush = () => {
    // Source whitespace collapses; no-break spaces are the author's and stay (as spaces).
    if (para.trim()) blocks.push({ kind: 'p', text: para.replace(/[ \t\r\n\f]+/g, ' ').replace(/\u00a0/g, ' ').trim() });
    para = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        guard?.open();
        if (SKIP_TAGS.has(name)) skip++;
        if (skip) return;
        if (name === 'table') {
          if (depth++ === 0) {
            flush();
            table = new TableBuilder(maxCells);
          }
          return;
        }
        if (depth !== 1) {
          if (name === 'br' && cell) cell.text += '\n';
          return;
        }
        if (cell && name === 'input' && VALUE_INPUTS.has((attrs.type ?? 'text').toLowerCase())) cell.text += ` ${attrs.value ?? ''} `;
        else if (cell && name === 'select') select = { shown: null, option: null, selected: false };
        else if (select && name === 'option') select = { ...select, option: '', selected: 'selected' in attrs };
        if (name === 'caption' && !cell) caption = '';
        else if (name === 'tr') table!.newRow();
        else if (name === 'td' || name === 'th') cell = { text: '', colSpan: span(attrs.colspan), rowSpan: span(attrs.rowspan) };
        else if (name === 'br' && cell) cell.text += '\n';
      },
      ontext(text) {
        if (skip) return;
        if (select) {
          if (select.option !== null) select.option += text;
        } else if (cell) cell.text += text.replace(/[\r\n]+/g, ' ');
        else if (caption !== null) caption += text;
        else if (depth === 0) para += text;
      },
      onclosetag(name) {
        guard?.close();
        if (SKIP_TAGS.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        if (name === 'table') {
          if (--depth === 0 && table) {
            const block = table.block();
            if (captionText && block.kind === 'table') block.caption = captionText;
            captionText = '';
            blocks.push(block);
            table = null;
          }
          depth = Math.max(0, depth);
          return;
        }
        if (select && name === 'option' && select.option !== null) {
          if (select.selected || select.shown === null) select.shown = select.option;
          select.option = null;
          select.selected = false;
          return;
        }
        if (select && name === 'select') {
          if (cell) cell.text += ` ${select.shown ?? ''} `;
          select = null;
          return;
        }
        if (depth === 1 && name === 'caption' && caption !== null) {
          captionText = caption.replace(/[ \t\r\n\f]+/g, ' ').replace(/\u00a0/g, ' ').trim();
          caption = null;
        } else if (depth === 1 && (name === 'td' || name === 'th') && cell) {
          table!.add(cleanCell(cell.text), cell.colSpan, cell.rowSpan);
          cell = null;
        } else if (depth === 0 && (BLOCK_TAGS.has(name) || name === 'br')) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/** Source line breaks and runs of spaces are layout; `<br>` breaks are kept. */
function cleanCell(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f]+/g, ' ').replace(/\u00a0/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export function readHtml(fileName: string, bytes: Uint8Array, limits: ReadLimits, charset: string | null = null): { ok: true; workbook: WorkbookGrid; encoding?: CsvEncoding } | ReadFailure {
  const { text } = decodeHtml(bytes, charset);
  let blocks: Block[];
  try {
    blocks = htmlBlocks(text, limits.maxCellsPerSheet, new Budget(limits.maxReadMs));
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooManyCells) return fail('too-large', `网页中的表格单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行后再提交`);
    return fail('unreadable', '无法解析网页格式的表格；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交');
  }
  const notes: ReadNote[] = [];
  const sheets = blocksToSheets(blocks, notes);
  if (!sheets.length) return fail('unreadable', '文件是网页（HTML），但其中没有表格；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交');
  // Pages lay themselves out with tables: past the sheet limit the rest are dropped with a note.
  if (sheets.length > limits.maxSheets) {
    notes.push({ kind: 'limit', detail: `网页中有 ${sheets.length} 个表格，超过上限 ${limits.maxSheets} 个（工作表数量上限），只读取前 ${limits.maxSheets} 个` });
    sheets.length = limits.maxSheets;
  }
  if (sheets.length === 1 && !blocks.some((b) => b.kind === 'table' && b.caption)) {
    for (const n of notes) n.sheet = baseName(fileName);
    sheets[0]!.name = baseName(fileName);
  }
  // A web page has no Word-style table numbering for locations: its cells are addressed A1.
  for (const s of sheets) delete s.origin;
  return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
}
