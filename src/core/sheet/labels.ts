/** Header texts resolved through merges, so a merged header reads the same in every reader. */
import { type Cell, type SheetGrid, cellText } from '../grid';
import { squash } from '../normalize/text';

/**
 * Text of (row, col), taking the master cell's text when the cell sits below it in a merge (序号
 * merged over a two-row header). Columns right of the master read blank: a label merged across
 * columns names one column, as it shows (LibreOffice widens the cells of stacked tables of
 * different widths that way; a group label over sub-columns is replaced by their labels).
 */
export function makeResolver(sheet: SheetGrid): (row: number, col: number) => string {
  const master = new Map<string, Cell | null | undefined>();
  for (const m of sheet.merges) {
    // Bounded: merges in header rows are small; a huge merge is only looked up, never expanded.
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 400) continue;
    const v = sheet.rows[m.top]?.[m.left];
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) master.set(`${r},${c}`, c === m.left ? v : null);
  }
  return (row, col) => {
    const own = sheet.rows[row]?.[col];
    if (own && cellText(own).trim() !== '') return cellText(own);
    const key = `${row},${col}`;
    return master.has(key) ? cellText(master.get(key)) : '';
  };
}

/** Bottom row of the merge covering (row, col), or row itself. */
export function mergeBottom(sheet: SheetGrid, row: number, col: number): number {
  for (const m of sheet.merges) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m.bottom;
  }
  return row;
}

export function rowWidth(sheet: SheetGrid, row: number): number {
  return sheet.rows[row]?.length ?? 0;
}

export const NUMERAL = '[一二三四五六七八九十\\d]*';
/**
 * 续 marking a continuation: 续表, （续）, 附件1续, 续2. Not the 续 of 继续, 连续, 手续, 持续, 陆续,
 * 延续 or 接续 (继续教育学院 is a unit).
 */
const CONTINUED = new RegExp(`续表|[(\\[【]续${NUMERAL}[)\\]】]|^续${NUMERAL}$|(?<![继连手持陆延接存])续${NUMERAL}$`);

/** Whether a sheet name or a line above a table says it continues a form. */
export function saysContinued(text: string): boolean {
  return text.includes('续') && CONTINUED.test(squash(text));
}
