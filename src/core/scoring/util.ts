/** Small local helpers for the scoring sheets (kept here so scoring does not wait on normalize). */
import { type Cell, type SheetGrid, cellText, isBlank } from '../grid';

/** Header/label text for matching: full-width → half-width, no spaces or line breaks, lower case. */
export function norm(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export function text(cell: Cell | null | undefined): string {
  return cellText(cell).trim();
}

/** Rounds away binary noise (1e-9) so equal scores compare equal; far below any real difference. */
export function tidy(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export function isHalfStep(x: number): boolean {
  return Math.abs(x * 2 - Math.round(x * 2)) < 1e-9;
}

/** Reads a number from a cell: numeric cells, or text such as `12.5`, `１２`, `20%` (→ 0.2). */
export function numberOf(cell: Cell | null | undefined): number | null {
  if (!cell) return null;
  if (cell.t === 'n') return cell.v;
  if (cell.t !== 's') return null;
  const t = norm(cell.v).replace(/分$/, '');
  const pct = /^([-+]?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return Number(pct[1]) / 100;
  return /^[-+]?\d+(?:\.\d+)?$/.test(t) ? Number(t) : null;
}

/** Header lookup: for each key, the aliases it may appear as (compared after `norm`). */
export type Aliases<K extends string> = Record<K, string[]>;

export interface HeaderMatch<K extends string> {
  row: number;
  cols: Partial<Record<K, number>>;
}

/**
 * Finds the header row among the first `scan` rows: the first row where every `required` key
 * matches a cell. A cell matches an alias when equal after `norm`, or starts with it followed by
 * a bracket (`分值（分）`).
 */
export function findHeader<K extends string>(
  sheet: SheetGrid,
  aliases: Aliases<K>,
  required: NoInfer<K>[],
  scan = 10,
): HeaderMatch<K> | null {
  for (let r = 0; r < Math.min(scan, sheet.rows.length); r++) {
    const cols = matchRow(sheet.rows[r] ?? [], aliases);
    if (required.every((k) => cols[k] !== undefined)) return { row: r, cols };
  }
  return null;
}

function matchRow<K extends string>(row: (Cell | null | undefined)[], aliases: Aliases<K>) {
  const cols: Partial<Record<K, number>> = {};
  row.forEach((cell, c) => {
    if (isBlank(cell)) return;
    const h = norm(cellText(cell)).replace(/[(（].*$/, '');
    for (const key of Object.keys(aliases) as K[]) {
      if (cols[key] === undefined && aliases[key].some((a) => norm(a) === h)) cols[key] = c;
    }
  });
  return cols;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoIfValid(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A calendar date from a date cell, an Excel serial, or text (`2024-3-25`, `2024年3月25日`, `20240325`). */
export function dateOf(cell: Cell | null | undefined): string | null {
  if (!cell) return null;
  if (cell.t === 'd') return cell.v;
  if (cell.t === 'n') {
    if (!Number.isInteger(cell.v) || cell.v < 1 || cell.v > 2958465) return null;
    const dt = new Date(Date.UTC(1899, 11, 30) + cell.v * 86400000);
    return isoIfValid(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  }
  if (cell.t !== 's') return null;
  const t = norm(cell.v);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** Today as a local calendar date. */
export function todayIso(): string {
  const dt = new Date();
  return `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}`;
}

/** Display with at most 2 decimals, no trailing zeros (85.5, 85.33). */
export function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Masks a mobile number for sheets that circulate: 13812345678 → 138****5678. */
export function maskPhone(s: string): string {
  return s.replace(/(1[3-9]\d)\d{4}(\d{4})/g, '$1****$2');
}

export function zhCompare(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN');
}
