/** The office's 加减分 sheet in the result workbook: bonuses and vetoes typed there, kept on every run. */
import { type SheetGrid, cellAt, cellText } from '../grid';
import type { OutValue, SheetModel } from '../report/model';

export const ADJUST_SHEET = '加减分';
const HEADERS = ['单位', '类型', '分值', '说明'];

/**
 * The rows typed into an earlier 加减分 sheet, exactly as typed (a row the run could not read
 * stays, with its finding, so nothing typed is lost on the next write).
 */
export function typedAdjustmentRows(sheet: SheetGrid): OutValue[][] {
  const h = sheet.rows.slice(0, 10).findIndex((r) => ['单位', '类型'].every((x) => (r ?? []).some((c) => cellText(c).trim() === x)));
  if (h < 0) return [];
  const cols = HEADERS.map((x) => (sheet.rows[h] ?? []).findIndex((c) => cellText(c).trim() === x));
  const out: OutValue[][] = [];
  for (let r = h + 1; r < sheet.rows.length; r++) {
    const row = cols.map((c): OutValue => {
      const cell = c < 0 ? null : cellAt(sheet, r, c);
      if (!cell) return null;
      return cell.t === 'n' ? cell.v : cellText(cell) || null;
    });
    if (row.some((v) => v !== null)) out.push(row);
  }
  return out;
}

/** The sheet with the rows typed into the earlier result (none: a blank one to fill in). */
export function adjustmentsSheet(rows: OutValue[][] = []): SheetModel {
  return {
    name: ADJUST_SHEET,
    title: '加减分（创新加分、一票否决）',
    subtitle: ['类型填“加分”或“否决”；加分填分值（合计不超过 5 分），否决不填分值；说明写明依据。'],
    columns: [
      { header: '单位', width: 18, editable: true },
      { header: '类型', width: 8, editable: true },
      { header: '分值', width: 8, kind: 'number', editable: true },
      { header: '说明', width: 48, editable: true, wrap: true },
    ],
    rows,
    table: { name: 'T_Adjust' },
    validations: [{ col: 1, type: 'list', values: ['加分', '否决'] }],
  };
}
