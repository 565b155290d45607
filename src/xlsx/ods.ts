/**
 * OpenDocument spreadsheets (.ods, LibreOffice/WPS): the tables of content.xml, with repeated
 * rows and columns (bounded: a template repeats empty rows to the sheet end), spanned cells as
 * merges, typed values (float, percentage, currency, date, boolean, string) and hidden tables.
 */
import { Parser } from 'htmlparser2';
import type { Cell, ReadNote, SheetGrid, WorkbookGrid } from '../core/grid';
import { ParseGuard, SheetBounds } from './bounds';
import { decodeHtml } from './html';
import { Budget, fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';
import { checkDeclared, inflateEntry, listEntries, MSG } from './zipGuard';

const BROKEN = '无法解析 .ods 表格（文件结构异常或已损坏）；请用 WPS 或 LibreOffice 打开后另存为 .xlsx 再提交';

class TooMany extends Error {}

/** Characters of one paragraph kept while reading (cells are cut further, at the string limit). */
const MAX_RUN = 1_000_000;

interface PendingCell {
  repeat: number;
  colSpan: number;
  rowSpan: number;
  type: string;
  value: string | undefined;
  paragraphs: string[];
  /** Characters of the paragraphs so far. */
  size: number;
  text: string;
  covered: boolean;
}

function count(v: string | undefined, max: number): number {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : 1;
}

function typed(c: PendingCell): Cell | null {
  const text = [...c.paragraphs, ...(c.text ? [c.text] : [])].join('\n').trim();
  switch (c.type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(c.value);
      return Number.isFinite(n) && c.value !== undefined && c.value !== '' ? { t: 'n', v: n } : text ? { t: 's', v: text } : null;
    }
    case 'date':
      return c.value && /^\d{4}-\d{2}-\d{2}/.test(c.value) ? { t: 'd', v: c.value.slice(0, 10) } : text ? { t: 's', v: text } : null;
    case 'boolean':
      return { t: 'b', v: c.value === 'true' };
    default:
      return text ? { t: 's', v: text } : null;
  }
}

export function odsSheets(xml: string, limits: ReadLimits, notes: ReadNote[] = []): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  let bounds: SheetBounds | null = null;
  const guard = new ParseGuard(new Budget(limits.maxReadMs));
  const text = { chars: 0 };
  let hidden = false;
  const hiddenStyles = new Set<string>();
  let style: string | null = null;
  let sheet: string | null = null;
  let row = 0;
  let col = 0;
  let rowRepeat = 1;
  let rowHidden = false;
  let column = 0;
  let rowCells: { col: number; cell: Cell }[] = [];
  let cell: PendingCell | null = null;
  let inP = 0;
  let skip = 0;
  let cells = 0;
  const add = (n: number) => {
    cells += n;
    if (cells > limits.maxCellsPerSheet) throw new TooMany();
  };
  const parser = new Parser(
    {
      onopentag(name, a) {
        guard.open();
        if (skip) {
          skip++;
          return;
        }
        switch (name) {
          case 'style:style':
            style = a['style:family'] === 'table' ? (a['style:name'] ?? null) : null;
            break;
          case 'style:table-properties':
            if (style && a['table:display'] === 'false') hiddenStyles.add(style);
            break;
          case 'table:table':
            if (bounds) {
              skip = 1; // a table inside a cell: its text is not the sheet's
              break;
            }
            sheet = a['table:name'] ?? `Sheet${sheets.length + 1}`;
            bounds = new SheetBounds(limits, text);
            hidden = !!a['table:style-name'] && hiddenStyles.has(a['table:style-name']);
            row = 0;
            column = 0;
            cells = 0;
            break;
          case 'table:table-column': {
            if (!bounds) break;
            const n = count(a['table:number-columns-repeated'], 16_384);
            if (a['table:visibility'] === 'collapse') bounds.hideColumns(column, column + n - 1);
            column += n;
            break;
          }
          case 'table:table-row':
            col = 0;
            rowCells = [];
            rowRepeat = count(a['table:number-rows-repeated'], 1_048_576);
            // 'filter': a row an active filter hides is a view, not hidden (as the .xlsx reader).
            rowHidden = a['table:visibility'] === 'collapse';
            break;
          case 'table:table-cell':
          case 'table:covered-table-cell':
            cell = {
              repeat: count(a['table:number-columns-repeated'], 16_384),
              colSpan: count(a['table:number-columns-spanned'], 1024),
              rowSpan: count(a['table:number-rows-spanned'], 100_000),
              type: a['office:value-type'] ?? '',
              value: a['office:date-value'] ?? a['office:boolean-value'] ?? a['office:value'] ?? a['office:string-value'],
              paragraphs: [],
              size: 0,
              text: '',
              covered: name === 'table:covered-table-cell',
            };
            break;
          case 'office:annotation':
            skip = 1;
            break;
          case 'text:p':
          case 'text:h':
            inP++;
            break;
          case 'text:s':
            if (cell && inP && cell.text.length < MAX_RUN) cell.text += ' '.repeat(count(a['text:c'], 100));
            break;
          case 'text:tab':
            if (cell && inP) cell.text += '\t';
            break;
          case 'text:line-break':
            if (cell && inP) cell.text += '\n';
            break;
          default:
            break;
        }
      },
      ontext(t) {
        if (!skip && cell && inP && cell.text.length < MAX_RUN) cell.text += t;
      },
      onclosetag(name) {
        guard.close();
        if (skip) {
          skip--;
          return;
        }
        switch (name) {
          case 'style:style':
            style = null;
            break;
          case 'text:p':
          case 'text:h':
            inP = Math.max(0, inP - 1);
            if (cell && !inP) {
              if (cell.size < MAX_RUN) {
                cell.paragraphs.push(cell.text);
                cell.size += cell.text.length;
              }
              cell.text = '';
            }
            break;
          case 'table:table-cell':
          case 'table:covered-table-cell': {
            if (!cell || !bounds) break;
            const value = cell.covered ? null : typed(cell);
            if (value) {
              add(cell.repeat);
              for (let k = 0; k < cell.repeat; k++) rowCells.push({ col: col + k, cell: value });
            }
            if (!cell.covered && (cell.colSpan > 1 || cell.rowSpan > 1)) bounds.merge({ top: row, left: col, bottom: row + cell.rowSpan - 1, right: col + cell.colSpan - 1 });
            col += cell.repeat;
            cell = null;
            break;
          }
          case 'table:table-row': {
            if (!bounds) break;
            // Empty repeated rows (formatting down to the sheet end) only move the row counter.
            if (rowCells.length) {
              add(rowCells.length * (rowRepeat - 1));
              for (let k = 0; k < rowRepeat; k++) for (const rc of rowCells) bounds.put(row + k, rc.col, rc.cell);
              if (rowHidden) bounds.hide(row, rowRepeat);
            }
            row += rowRepeat;
            break;
          }
          case 'table:table':
            if (sheet !== null && bounds) {
              const grid = bounds.grid(sheet, notes);
              if (hidden) grid.hidden = true;
              sheets.push(grid);
              if (sheets.length > limits.maxSheets) throw new TooManySheets();
            }
            sheet = null;
            bounds = null;
            break;
          default:
            break;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return sheets;
}

class TooManySheets extends Error {}

export function readOds(bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  let xml: string;
  try {
    const entries = listEntries(bytes);
    if (entries.some((e) => e.flags & 1)) return fail('unreadable', MSG.encrypted);
    const declared = checkDeclared(entries, limits);
    if (declared) return declared;
    const content = entries.find((e) => e.name === 'content.xml');
    if (!content) return fail('unreadable', BROKEN);
    xml = new TextDecoder().decode(inflateEntry(bytes, content));
  } catch {
    return fail('unreadable', BROKEN);
  }
  // Encrypted ODF keeps content.xml as ciphertext, described in the manifest.
  if (!xml.trimStart().startsWith('<')) return fail('unreadable', '文件已加密或设置了打开密码，请取消密码后另存为 .xlsx 再提交');
  return odsWorkbook(xml, limits);
}

/**
 * Flat OpenDocument (.fods, LibreOffice's "Flat XML" and some export libraries): the whole
 * package in one XML document whose body holds the same tables as content.xml.
 */
export function readFods(bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  return odsWorkbook(decodeHtml(bytes).text, limits);
}

function odsWorkbook(xml: string, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  try {
    const notes: ReadNote[] = [];
    const sheets = odsSheets(xml, limits, notes);
    return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooMany) return fail('too-large', `.ods 表格的单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行列后再提交`);
    if (e instanceof TooManySheets) return fail('too-large', `工作簿的工作表超过上限 ${limits.maxSheets} 个；请删除多余的工作表后再提交`);
    return fail('unreadable', BROKEN);
  }
}
