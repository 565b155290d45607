/** Small helpers shared by the scoring modules; text and dates come from core/normalize. */
import { zhCollator } from '../findings';
import { parseDate } from '../normalize/date';
import { squash } from '../normalize/text';
import { type Cell, type SheetGrid, cellText, isBlank } from '../grid';

/** Header/label text for matching: full-width → half-width, no spaces or line breaks, lower case. */
export const norm = squash;

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

const NONE = new Set(['无', '没有', '不加分', '不扣分', '未扣分', '-', '—', '——', '/', '\\']);
/**
 * Points written with their sign in any style: `2`, `+2`, `加2分`, `减1分`, `扣1分`, `－0.5`, `-0.5分`;
 * `无` / `/` = 0; null for anything else.
 */
export function signedNumber(cell: Cell | null | undefined): number | null {
  if (!cell) return null;
  if (cell.t === 'n') return cell.v;
  if (cell.t !== 's') return null;
  // A remark in brackets after the number (5分（省级）) says why, not how much.
  const t = norm(cell.v).replace(/[−–]/g, '-').replace(/[(（][^()（）]*[)）]$/, '');
  if (NONE.has(t)) return 0;
  const m = /^(加|减|扣|\+|-)?(\d+(?:\.\d+)?)分?$/.exec(t);
  if (!m) return null;
  return ['减', '扣', '-'].includes(m[1] ?? '') ? -Number(m[2]) : Number(m[2]);
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

/** A calendar date from a date cell, an Excel serial, or any text style the checker accepts. */
export function dateOf(cell: Cell | null | undefined): string | null {
  const r = parseDate(cell);
  return r.ok ? r.iso : null;
}

export function isIsoDate(s: string): boolean {
  const r = parseDate({ t: 's', v: s });
  return r.ok && r.iso === s;
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
  return zhCollator.compare(a, b);
}
