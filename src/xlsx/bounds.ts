/**
 * The bounds of a sheet built cell by cell (.xls, .ods, Word and web tables): what a reader
 * places lands in sparse rows, and only cells inside the sheet's reach are kept. A cell far to
 * the right or far down, a merge over the whole sheet or a million merges cost a count and a
 * note, never a dense row of that width (the .xlsx reader holds the same bounds in fastSheet.ts).
 */
import { a1, type Cell, type Merge, type ReadNote, type SheetGrid } from '../core/grid';
import { type Budget, fail, ReadRefused, type ReadLimits } from './limits';

/** Excel's own sheet size: a row or column past it is no place a form can be. */
export const MAX_ROWS = 1_048_576;

export class SheetBounds {
  private readonly rows: (Cell | null | undefined)[][] = [];
  private readonly merges: Merge[] = [];
  private readonly hidden: number[] = [];
  private readonly hiddenCols: [number, number][] = [];
  private wide = 0;
  private wideFirst = '';
  private tall = 0;
  private mergeCount = 0;
  private bigMerges = 0;
  private bigFirst = '';
  private cut = 0;

  /** `text` counts the characters of the whole file (shared by its sheets). */
  constructor(
    private readonly lim: Pick<ReadLimits, 'maxColumns' | 'maxMerges' | 'maxMergeArea' | 'maxStringChars' | 'maxTextChars'>,
    private readonly text = { chars: 0 },
  ) {}

  /** Places a value; one outside the reach is counted for the note instead. */
  put(row: number, col: number, cell: Cell | null): void {
    if (!cell) return;
    if (row >= MAX_ROWS) {
      this.tall++;
      return;
    }
    if (col >= this.lim.maxColumns) {
      if (this.wide++ === 0) this.wideFirst = a1(row, col);
      return;
    }
    if (cell.t === 's') {
      // One string repeated over many cells counts at each: the checker reads every one.
      if (cell.v.length > this.lim.maxStringChars) {
        this.cut++;
        cell = { t: 's', v: cell.v.slice(0, this.lim.maxStringChars) };
      }
      if ((this.text.chars += cell.v.length) > this.lim.maxTextChars) {
        throw new ReadRefused(fail('too-large', `工作簿中的文字共超过 ${this.lim.maxTextChars} 字（全部文字总量上限），已拒绝导入；请删除多余的内容后再提交`));
      }
    }
    (this.rows[row] ??= [])[col] = cell;
  }

  /** Whether (row, col) holds a value already. */
  has(row: number, col: number): boolean {
    return !!this.rows[row]?.[col];
  }

  merge(m: Merge): void {
    if (m.top >= MAX_ROWS || m.left >= this.lim.maxColumns || m.bottom < m.top || m.right < m.left) return;
    if (++this.mergeCount > this.lim.maxMerges) return;
    const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (area > this.lim.maxMergeArea) {
      if (this.bigMerges++ === 0) this.bigFirst = `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
      return;
    }
    this.merges.push(m);
  }

  /** The merges kept so far, in order (a reader extending one down changes it in place). */
  get kept(): readonly Merge[] {
    return this.merges;
  }

  /** The sheet: dense rows (holes null, trailing empties dropped), and a note per bound reached. */
  /** Rows [row, row + count) are hidden in the source sheet. */
  hide(row: number, count = 1): void {
    // Bounded: a hidden run formatted down to the sheet's end is as many rows as there are cells.
    for (let k = 0; k < count && row + k < MAX_ROWS && this.hidden.length < MAX_HIDDEN; k++) this.hidden.push(row + k);
  }

  /** Columns first..last (0-based) are hidden in the source sheet. */
  hideColumns(first: number, last: number): void {
    if (first >= 0 && first <= last && this.hiddenCols.length < MAX_HIDDEN) this.hiddenCols.push([first, last]);
  }

  grid(name: string, notes: ReadNote[], where = name): SheetGrid {
    const lim = this.lim;
    if (this.wide) notes.push({ kind: 'limit', sheet: where, detail: `第 ${lim.maxColumns} 列以后还有 ${this.wide} 个有内容的单元格（如 ${this.wideFirst}），超出读取范围（每行最多 ${lim.maxColumns} 列），未读取；备案表内容请填在模板列内` });
    if (this.cut) notes.push({ kind: 'limit', sheet: where, detail: `${this.cut} 个单元格的文字超过 ${lim.maxStringChars} 字（单个单元格文字上限），只读取了前 ${lim.maxStringChars} 字` });
    if (this.tall) notes.push({ kind: 'limit', sheet: where, detail: `第 ${MAX_ROWS} 行以后还有 ${this.tall} 个有内容的单元格，超出工作表范围，未读取` });
    if (this.mergeCount > lim.maxMerges) notes.push({ kind: 'limit', sheet: where, detail: `合并单元格超过 ${lim.maxMerges} 处（单表合并区域数量上限），其余合并已忽略` });
    if (this.bigMerges) notes.push({ kind: 'limit', sheet: where, detail: `合并区域 ${this.bigFirst}${this.bigMerges > 1 ? ` 等 ${this.bigMerges} 处` : ''}超过 ${lim.maxMergeArea} 个单元格（单个合并区域面积上限），已按未合并读取` });
    const grid: SheetGrid = { name, rows: dense(this.rows), merges: this.merges };
    const hidden = hiddenWithin(this.hidden, grid.rows.length);
    if (hidden) grid.hiddenRows = hidden;
    const cols = hiddenColumnsWithin(this.hiddenCols, grid.rows);
    if (cols) grid.hiddenCols = cols;
    return grid;
  }
}

/**
 * Hidden columns worth keeping: those within the sheet's width (a form often hides every column
 * right of it, to XFD), ascending, once each.
 */
export function hiddenColumnsWithin(ranges: readonly (readonly [number, number])[], rows: readonly (readonly unknown[])[]): number[] | undefined {
  if (!ranges.length) return undefined;
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const out = new Set<number>();
  for (const [first, last] of ranges) for (let c = first; c <= Math.min(last, width - 1); c++) out.add(c);
  return out.size ? [...out].sort((a, b) => a - b) : undefined;
}

/** Hidden rows worth keeping: those that hold something (below the last filled row none do), ascending, once each. */
export function hiddenWithin(rows: readonly number[], height: number): number[] | undefined {
  if (!rows.length) return undefined;
  const kept = [...new Set(rows.filter((r) => r < height))].sort((a, b) => a - b);
  return kept.length ? kept : undefined;
}

/** At most this many hidden rows are remembered per sheet. */
const MAX_HIDDEN = 100_000;

/**
 * Dense rows, in place (the rows are the reader's own arrays, made for this grid): holes become
 * [] / null; trailing empty cells and trailing empty rows dropped.
 */
export function dense(values: (Cell | null | undefined)[][]): (Cell | null)[][] {
  const out = values as (Cell | null)[][];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) {
      out[r] = [];
      continue;
    }
    let len = row.length;
    while (len > 0 && !row[len - 1]) len--;
    row.length = len;
    for (let c = 0; c < len; c++) if (row[c] === undefined) (row as (Cell | null)[])[c] = null;
  }
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** Element nesting no document a person made reaches (the parser's cost per tag grows with it). */
export const MAX_DEPTH = 4096;

/**
 * Follows an htmlparser2 parse from its callbacks: refuses nesting past MAX_DEPTH and checks the
 * wall-clock budget every thousand tags, so no document costs more than the budget.
 */
export class ParseGuard {
  private depth = 0;
  private tags = 0;
  constructor(private readonly budget: Budget) {}

  open(): void {
    if (++this.depth > MAX_DEPTH) throw new ReadRefused(fail('too-large', `文件中的元素嵌套超过 ${MAX_DEPTH} 层（嵌套层数上限），可能是异常或恶意构造的文件，已拒绝导入；请另存为 .xlsx 后再提交`));
    if ((++this.tags & 1023) === 0) this.budget.check();
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }
}
