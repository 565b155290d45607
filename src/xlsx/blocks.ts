/**
 * Documents (Word, web pages) as grids: each table becomes one sheet, with the paragraphs just
 * above it (the form's title, 填报单位 and signer lines) as rows over the table, the way the
 * same form looks on a worksheet, so header and signer detection work unchanged.
 */
import type { Cell, Merge, SheetGrid } from '../core/grid';

export type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: (Cell | null)[][]; merges: Merge[] };

/** Paragraphs kept above a table: the title and signer lines sit right above it. */
const ABOVE = 6;

/** Builds a table grid from cells placed in reading order, honouring row and column spans. */
export class TableBuilder {
  readonly rows: (Cell | null)[][] = [];
  readonly merges: Merge[] = [];
  private readonly taken = new Map<number, Set<number>>();
  private row = -1;
  private col = 0;
  cells = 0;

  constructor(private readonly maxCells: number) {}

  newRow(): void {
    this.row++;
    this.col = 0;
    this.rows[this.row] ??= [];
  }

  /** Skips `n` grid columns (Word's gridBefore). */
  skip(n: number): void {
    this.col += n;
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
    const value = text.trim();
    this.rows[this.row]![col] = value ? { t: 's', v: value } : null;
    if (cs > 1 || rs > 1) {
      this.merges.push({ top: this.row, left: col, bottom: this.row + rs - 1, right: col + cs - 1 });
      for (let r = this.row + 1; r < this.row + rs; r++) {
        const set = this.taken.get(r) ?? new Set<number>();
        for (let c = col; c < col + cs; c++) set.add(c);
        this.taken.set(r, set);
      }
    }
    this.col += cs;
    return col;
  }

  /**
   * A cell continuing a vertical merge from the row above (Word's vMerge): takes its columns and
   * extends the merge (or the single cell) above down to this row.
   */
  continueDown(colSpan = 1): void {
    if (this.row < 0) this.newRow();
    const cs = Math.max(1, Math.min(colSpan, 256));
    const col = this.col;
    this.col += cs;
    const m = this.merges.find((x) => x.left === col && x.bottom === this.row - 1);
    if (m) m.bottom = this.row;
    else if (this.row > 0) this.merges.push({ top: this.row - 1, left: col, bottom: this.row, right: col + cs - 1 });
  }

  block(): Block {
    const rows = Array.from(this.rows, (r) => (r ? Array.from(r, (c) => c ?? null) : []));
    return { kind: 'table', rows, merges: this.merges };
  }
}

export class TooManyCells extends Error {}

/** One sheet per table (named 表1, 表2, … in document order); the text above goes on top. */
export function blocksToSheets(blocks: Block[]): SheetGrid[] {
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
    sheets.push({ name: `表${sheets.length + 1}`, rows, merges, origin: { table: sheets.length + 1, top } });
  }
  // Lines after the last table (填表人, 联系电话 under the table) belong to it.
  const last = sheets[sheets.length - 1];
  if (last && above.length) last.rows.push([], ...above.slice(0, ABOVE).map((t): (Cell | null)[] => [{ t: 's', v: t }]));
  return sheets;
}
