/**
 * Keeping what users typed (DOMAIN §4: "Re-running never loses user input"). Before a sheet is
 * rewritten, its current content is read back; values of `editable` columns are carried over to
 * the new rows by each row's stable key. Owned here, in core: the Excel adapter and the
 * web page (which reads a previously downloaded result workbook instead).
 *
 * Row key: the model may name its key columns (`keyColumns` below, e.g. unit + rule + location
 * for 整改台账); otherwise every non-editable text column is part of the key (dates and numbers are
 * left out because they are recomputed: deadlines move with the inspection date, maxima with the
 * rubric). Columns are matched by header text, so a user who moves columns loses nothing.
 */
import type { SheetModel, OutValue } from './model';
import { headerRow } from './model';
import type { SheetGrid } from '../grid';
import { serialToIso } from '../dates';

/** A value as read back from a sheet. */
export type RawValue = string | number | boolean | null;
export type RawGrid = RawValue[][];

/** Key columns: the model's own choice (an optional `key` field) or the default rule. */
export function keyColumns(sheet: SheetModel): number[] {
  const own = (sheet as SheetModel & { key?: number[] }).key;
  if (Array.isArray(own) && own.length > 0) return own;
  const cols: number[] = [];
  sheet.columns.forEach((c, i) => {
    if (!c.editable && !c.record && (c.kind === undefined || c.kind === 'text')) cols.push(i);
  });
  return cols;
}

function norm(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('text' in o) return norm(o.text);
    if ('date' in o) return String(o.date);
    if ('formula' in o) return norm(o.result);
  }
  return String(v).replace(/\s+/g, ' ').trim();
}

function keyOf(values: unknown[]): string {
  return values.map(norm).join('\u0001');
}

function isEmpty(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Finds the header row of an existing sheet: the row (near the top) matching most model headers. */
export function findHeaderRow(grid: RawGrid, headers: string[], hint: number): number {
  const wanted = new Set(headers.map((h) => h.trim()));
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(grid.length, 30);
  for (let r = 0; r < limit; r++) {
    const row = grid[r] ?? [];
    let score = 0;
    for (const v of row) if (typeof v === 'string' && wanted.has(v.trim())) score++;
    if (score > bestScore || (score === bestScore && score > 0 && r === hint)) {
      best = r;
      bestScore = score;
    }
  }
  return bestScore >= Math.max(1, Math.ceil(wanted.size / 2)) ? best : -1;
}

function toOut(v: RawValue | undefined, kind: SheetModel['columns'][number]['kind']): OutValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v === '') return null;
  if (kind === 'date') {
    if (typeof v === 'number') {
      const iso = serialToIso(v);
      if (iso) return { date: iso };
    }
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return { date: v.trim() };
  }
  return v;
}

export interface MergeResult {
  sheet: SheetModel;
  /** Editable cells carried over from the existing sheet. */
  kept: number;
  /** Existing rows with user input whose key is gone, appended at the end. */
  orphans: number;
}

/**
 * Returns `sheet` with the editable values found in `existing` (the sheet's current cells from
 * A1, as read back). Non-empty user values win over the model's defaults (e.g. 整改状态 待整改).
 */
export function mergeEditable(sheet: SheetModel, existing: RawGrid | null, opts: { keepOrphans?: boolean } = {}): MergeResult {
  const editable = sheet.columns.map((c, i) => (c.editable ? i : -1)).filter((i) => i >= 0);
  if (!existing || existing.length === 0 || editable.length === 0) return { sheet, kept: 0, orphans: 0 };
  const headers = sheet.columns.map((c) => c.header);
  const h = findHeaderRow(existing, headers, headerRow(sheet));
  if (h < 0) return { sheet, kept: 0, orphans: 0 };
  const colOf = new Map<string, number>();
  (existing[h] ?? []).forEach((v, c) => {
    if (typeof v === 'string' && !colOf.has(v.trim())) colOf.set(v.trim(), c);
  });
  const keyCols = keyColumns(sheet);
  const keySrc = keyCols.map((i) => colOf.get(headers[i]!.trim()));
  if (keySrc.some((c) => c === undefined)) return { sheet, kept: 0, orphans: 0 };
  const editSrc = editable.map((i) => colOf.get(headers[i]!.trim()));
  // What the last run wrote there from a file: a value still equal to it was not typed.
  const writtenSrc = editable.map((i) => {
    const w = sheet.columns[i]!.written;
    return w === undefined ? undefined : colOf.get(headers[w]!.trim());
  });

  // key → queue of existing rows (duplicates are consumed in order).
  const byKey = new Map<string, RawValue[][]>();
  for (let r = h + 1; r < existing.length; r++) {
    const row = existing[r] ?? [];
    const keyVals = keySrc.map((c) => row[c!]);
    if (keyVals.every((v) => isEmpty(v))) continue;
    const k = keyOf(keyVals);
    const list = byKey.get(k);
    if (list) list.push(row);
    else byKey.set(k, [row]);
  }

  let kept = 0;
  const rows = sheet.rows.map((row) => {
    const k = keyOf(keyCols.map((i) => row[i]));
    const list = byKey.get(k);
    const old = list?.shift();
    if (!old) return row;
    const next = row.slice();
    editable.forEach((col, j) => {
      const src = editSrc[j];
      if (src === undefined) return;
      const v = old[src];
      if (isEmpty(v)) return;
      const w = writtenSrc[j];
      if (w !== undefined && !isEmpty(old[w]) && norm(old[w]) === norm(v)) return;
      next[col] = toOut(v, sheet.columns[col]!.kind);
      kept++;
    });
    return next;
  });

  let orphans = 0;
  const hasFormulas = sheet.rows.some((r) => r.some((v) => v !== null && typeof v === 'object' && 'formula' in v));
  if ((opts.keepOrphans ?? true) && !hasFormulas) {
    // Values the model itself puts in editable columns (e.g. 待整改) are defaults, not input.
    const defaults = editable.map((col) => new Set(sheet.rows.map((r) => norm(r[col])).filter((v) => v !== '')));
    for (const list of byKey.values()) {
      for (const old of list) {
        const typed = editSrc.some((c, j) => c !== undefined && !isEmpty(old[c]) && !defaults[j]!.has(norm(old[c])));
        if (!typed) continue;
        rows.push(sheet.columns.map((c) => {
          const src = colOf.get(c.header.trim());
          return src === undefined ? null : toOut(old[src], c.kind);
        }));
        orphans++;
      }
    }
  }
  return { sheet: { ...sheet, rows }, kept, orphans };
}

/** A grid read by src/xlsx (e.g. an earlier result workbook) as raw values for mergeEditable. */
export function rawFromGrid(grid: SheetGrid): RawGrid {
  return grid.rows.map((row) =>
    (row ?? []).map((c): RawValue => {
      if (!c) return null;
      switch (c.t) {
        case 's':
        case 'd':
        case 'e':
          return c.v;
        case 'n':
          return c.v;
        case 'b':
          return c.v;
      }
    }),
  );
}
