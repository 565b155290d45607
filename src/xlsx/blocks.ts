/**
 * Documents (Word, web pages) as grids: each table becomes one sheet, with the paragraphs just
 * above it (the form's title, 填报单位 and signer lines) as rows over the table, the way the
 * same form looks on a worksheet, so header and signer detection work unchanged.
 */
import { a1, type Cell, type Merge, type ReadNote, type SheetGrid } from '../core/grid';
import { DEFAULT_LIMITS, fail, ReadRefused, type ReadLimits } from './limits';

/** A table: its cells, merges, and what fell outside the columns read (counted for a note). */
export type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: (Cell | null)[][]; merges: Merge[]; wide?: { cells: number; first: string }; manyMerges?: boolean; cut?: number; caption?: string };

type Reach = Pick<ReadLimits, 'maxColumns' | 'maxMerges' | 'maxStringChars' | 'maxTextChars'>;

/** Paragraphs kept above a table: the title and signer lines sit right above it. */
const ABOVE = 6;

/**
 * Builds a table grid from cells placed in reading order, honouring row and column spans. Cells
 * past the columns read are counted, not placed, so a span or skip of a million columns costs
 * nothing; vertical merges are found by their bottom-left corner, not by a search.
 */
export class TableBuilder {
  readonly rows: (Cell | null)[][] = [];
  readonly merges: Merge[] = [];
  private readonly taken = new Map<number, Set<number>>();
  /** Merges by `left,bottom`: the one a continuing cell extends. */
  private readonly byCorner = new Map<string, Merge>();
  private row = -1;
  private col = 0;
  private wide = 0;
  private wideFirst = '';
  private manyMerges = false;
  private cut = 0;
  private chars = 0;
  cells = 0;

  constructor(
    private readonly maxCells: number,
    private readonly reach: Reach = DEFAULT_LIMITS,
  ) {}

  newRow(): void {
    this.row++;
    this.col = 0;
    this.rows[this.row] ??= [];
  }

  /** Skips `n` grid columns (Word's gridBefore). */
  skip(n: number): void {
    this.col = Math.min(this.col + n, this.reach.maxColumns);
  }

  private addMerge(m: Merge): void {
    if (this.merges.length >= this.reach.maxMerges) {
      this.manyMerges = true;
      return;
    }
    this.merges.push(m);
    this.byCorner.set(`${m.left},${m.bottom}`, m);
  }

  /** Places a cell at the next free column of the current row; returns its column. */
  add(text: string, colSpan = 1, rowSpan = 1): number {
    if (this.row < 0) this.newRow();
    const taken = this.taken.get(this.row);
    while (taken?.has(this.col)) this.col++;
    const col = this.col;
    const cs = Math.max(1, Math.min(colSpan, 256));
    const rs = Math.max(1, Math.min(rowSpan, 1000));
    this.cells += cs * rs;
    if (this.cells > this.maxCells) throw new TooManyCells();
    let value = text.trim();
    if (value.length > this.reach.maxStringChars) {
      this.cut++;
      value = value.slice(0, this.reach.maxStringChars);
    }
    if ((this.chars += value.length) > this.reach.maxTextChars) {
      throw new ReadRefused(fail('too-large', `表格中的文字共超过 ${this.reach.maxTextChars} 字（全部文字总量上限），已拒绝导入；请删除多余的内容后再提交`));
    }
    const max = this.reach.maxColumns;
    this.col = Math.min(col + cs, max);
    if (col >= max) {
      if (value && this.wide++ === 0) this.wideFirst = a1(this.row, col);
      return col;
    }
    this.rows[this.row]![col] = value ? { t: 's', v: value } : null;
    const right = Math.min(col + cs, max) - 1;
    if (right > col || rs > 1) {
      this.addMerge({ top: this.row, left: col, bottom: this.row + rs - 1, right });
      for (let r = this.row + 1; r < this.row + rs; r++) {
        const set = this.taken.get(r) ?? new Set<number>();
        for (let c = col; c <= right; c++) set.add(c);
        this.taken.set(r, set);
      }
    }
    return col;
  }

  /**
   * A cell continuing a vertical merge from the row above (Word's vMerge): takes its columns and
   * extends the merge (or the single cell) above down to this row.
   */
  continueDown(colSpan = 1): void {
    if (this.row < 0) this.newRow();
    const cs = Math.max(1, Math.min(colSpan, 256));
    if ((this.cells += cs) > this.maxCells) throw new TooManyCells();
    const col = this.col;
    const max = this.reach.maxColumns;
    this.col = Math.min(col + cs, max);
    if (col >= max) return;
    const m = this.byCorner.get(`${col},${this.row - 1}`);
    if (m) {
      this.byCorner.delete(`${col},${m.bottom}`);
      m.bottom = this.row;
      this.byCorner.set(`${col},${m.bottom}`, m);
    } else if (this.row > 0) this.addMerge({ top: this.row - 1, left: col, bottom: this.row, right: Math.min(col + cs, max) - 1 });
  }

  block(): Block {
    const rows = Array.from(this.rows, (r) => (r ? Array.from(r, (c) => c ?? null) : []));
    const b: Block = { kind: 'table', rows, merges: this.merges };
    if (this.wide) b.wide = { cells: this.wide, first: this.wideFirst };
    if (this.manyMerges) b.manyMerges = true;
    if (this.cut) b.cut = this.cut;
    return b;
  }
}

export class TooManyCells extends Error {}

/**
 * One sheet per table (named by its caption, else 表1, 表2, … in document order); the text above goes on top. What a
 * table lost to the bounds is said in `notes`.
 */
export function blocksToSheets(blocks: Block[], notes: ReadNote[] = [], reach: Reach = DEFAULT_LIMITS): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  let above: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'p') {
      const t = b.text.trim();
      if (t) above.push(t);
      continue;
    }
    if (!b.rows.some((r) => r.some((c) => c))) continue;
    const lines = above.slice(-ABOVE);
    above = [];
    const top = lines.length;
    const rows: (Cell | null)[][] = [...lines.map((t): (Cell | null)[] => [{ t: 's', v: t }]), ...b.rows];
    const merges = b.merges.map((m) => ({ top: m.top + top, bottom: m.bottom + top, left: m.left, right: m.right }));
    let name = b.caption ?? `表${sheets.length + 1}`;
    for (let k = 2; sheets.some((s) => s.name === name); k++) name = `${b.caption}（${k}）`;
    if (b.wide) notes.push({ kind: 'limit', sheet: name, detail: `表格第 ${reach.maxColumns} 列以后还有 ${b.wide.cells} 个有内容的单元格，超出读取范围（每行最多 ${reach.maxColumns} 列），未读取；备案表内容请填在模板列内` });
    if (b.cut) notes.push({ kind: 'limit', sheet: name, detail: `${b.cut} 个单元格的文字超过 ${reach.maxStringChars} 字（单个单元格文字上限），只读取了前 ${reach.maxStringChars} 字` });
    if (b.manyMerges) notes.push({ kind: 'limit', sheet: name, detail: `合并单元格超过 ${reach.maxMerges} 处（单表合并区域数量上限），其余合并已忽略` });
    sheets.push({ name, rows, merges, origin: { table: sheets.length + 1, top } });
  }
  // Lines after the last table (填表人, 联系电话 under the table) belong to it.
  const last = sheets[sheets.length - 1];
  if (last && above.length) last.rows.push([], ...above.slice(0, ABOVE).map((t): (Cell | null)[] => [{ t: 's', v: t }]));
  return sheets;
}
