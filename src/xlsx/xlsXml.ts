/**
 * Excel 2003 XML spreadsheets (SpreadsheetML, `urn:schemas-microsoft-com:office:spreadsheet`),
 * which many web systems export under an ".xls" name: worksheets, rows and cells with their
 * `Index` gaps, `MergeAcross`/`MergeDown` merges, typed data (String, Number, DateTime, Boolean)
 * and hidden sheets. Parsed by htmlparser2 (no entity expansion beyond the predefined ones).
 */
import { Parser } from 'htmlparser2';
import type { Cell, ReadNote, SheetGrid, WorkbookGrid } from '../core/grid';
import { ParseGuard, SheetBounds } from './bounds';
import { decodeHtml } from './html';
import { Budget, fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';

const BROKEN = '无法解析 Excel 2003 XML 表格（文件结构异常）；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交';
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

class TooMany extends Error {}

/** Attribute by local name (`ss:Index`, `Index` or another prefix). */
function attr(a: Record<string, string>, local: string): string | undefined {
  for (const [k, v] of Object.entries(a)) if (k === local || k.endsWith(`:${local}`)) return v;
  return undefined;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function index(v: string | undefined, max: number): number | null {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n >= 1 && n <= max ? n : null;
}

function typed(type: string, text: string): Cell | null {
  switch (type) {
    case 'Number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? { t: 'n', v: n } : text.trim() ? { t: 's', v: text.trim() } : null;
    }
    case 'DateTime':
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? { t: 'd', v: text.slice(0, 10) } : text.trim() ? { t: 's', v: text.trim() } : null;
    case 'Boolean':
      return { t: 'b', v: text.trim() === '1' || text.trim().toLowerCase() === 'true' };
    case 'Error':
      return { t: 'e', v: text.trim() };
    default:
      return text.trim() ? { t: 's', v: text.trim() } : null;
  }
}

export function xmlSheets(xml: string, limits: ReadLimits, notes: ReadNote[] = []): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  let sheet: { name: string; hidden: boolean; bounds: SheetBounds } | null = null;
  const guard = new ParseGuard(new Budget(limits.maxReadMs));
  const text = { chars: 0 };
  let row = -1;
  let column = -1;
  let col = -1;
  let cells = 0;
  let cell: { col: number; across: number; down: number; type: string; text: string } | null = null;
  let inData = false;
  let inVisible = false;
  let visible = '';
  const parser = new Parser(
    {
      onopentag(name, a) {
        guard.open();
        switch (localName(name)) {
          case 'Worksheet':
            sheet = { name: attr(a, 'Name') ?? `Sheet${sheets.length + 1}`, hidden: false, bounds: new SheetBounds(limits, text) };
            row = -1;
            column = -1;
            cells = 0;
            break;
          case 'Column': {
            // <Column ss:Index ss:Span ss:Hidden>: Span more columns alike after this one.
            column = (index(attr(a, 'Index'), MAX_COL) ?? column + 2) - 1;
            const span = Math.min(Number(attr(a, 'Span')) || 0, MAX_COL);
            if (sheet && attr(a, 'Hidden') === '1') sheet.bounds.hideColumns(column, column + span);
            column += span;
            break;
          }
          case 'Row':
            row = (index(attr(a, 'Index'), MAX_ROW) ?? row + 2) - 1;
            col = -1;
            if (sheet && attr(a, 'Hidden') === '1') sheet.bounds.hide(row);
            break;
          case 'Cell':
            col = (index(attr(a, 'Index'), MAX_COL) ?? col + 2) - 1;
            cell = { col, across: Math.min(Number(attr(a, 'MergeAcross')) || 0, 1024), down: Math.min(Number(attr(a, 'MergeDown')) || 0, 100_000), type: '', text: '' };
            break;
          case 'Data':
            if (cell) {
              cell.type = attr(a, 'Type') ?? 'String';
              inData = true;
            }
            break;
          case 'Visible':
            inVisible = true;
            visible = '';
            break;
          default:
            break;
        }
      },
      ontext(t) {
        if (inData && cell) cell.text += t;
        else if (inVisible) visible += t;
      },
      onclosetag(name) {
        guard.close();
        switch (localName(name)) {
          case 'Data':
            inData = false;
            break;
          case 'Visible':
            inVisible = false;
            if (sheet && /SheetHidden|SheetVeryHidden/.test(visible)) sheet.hidden = true;
            break;
          case 'Cell':
            if (sheet && cell && row >= 0) {
              const value = typed(cell.type, cell.text);
              if (value) {
                if (++cells > limits.maxCellsPerSheet) throw new TooMany();
                sheet.bounds.put(row, cell.col, value);
              }
              if (cell.across || cell.down) sheet.bounds.merge({ top: row, left: cell.col, bottom: row + cell.down, right: cell.col + cell.across });
              col = cell.col + cell.across;
            }
            cell = null;
            break;
          case 'Worksheet':
            if (sheet) {
              const grid = sheet.bounds.grid(sheet.name, notes);
              if (sheet.hidden) grid.hidden = true;
              sheets.push(grid);
              if (sheets.length > limits.maxSheets) throw new TooMany();
            }
            sheet = null;
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

export function readXlsXml(bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  const { text } = decodeHtml(bytes);
  try {
    const notes: ReadNote[] = [];
    const sheets = xmlSheets(text, limits, notes);
    if (!sheets.length) return fail('unreadable', BROKEN);
    return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooMany) return fail('too-large', `Excel 2003 XML 表格的单元格或工作表超过上限（每表 ${limits.maxCellsPerSheet} 个单元格、${limits.maxSheets} 个工作表），已拒绝导入`);
    return fail('unreadable', BROKEN);
  }
}
