/**
 * OutValue → Excel cell content. Formula safety rule (DOMAIN §6): every string cell, in any
 * column, gets the Text number format `@` queued *before* its value, so Excel stores the string
 * verbatim and never parses it as a formula, number or date (`=cmd|…`, `+86 138…`, `2024-3-25`,
 * phone numbers with leading zeros). We never prefix apostrophes. Our own formulas (OutValue
 * `{ formula }`) are the only cells written with a leading `=`, and their cells never get `@`.
 */
import type { ColumnKind, OutValue } from '../core/report/model';

export const NF_TEXT = '@';
export const NF_GENERAL = 'General';
export const NF_DATE = 'yyyy-mm-dd';

export function kindFormat(kind: ColumnKind | undefined): string {
  switch (kind) {
    case 'integer':
      return '0';
    case 'decimal2':
      return '0.00';
    case 'percent':
      return '0.0%';
    case 'date':
      return NF_DATE;
    case 'number':
      return NF_GENERAL;
    case 'text':
    case undefined:
      return NF_TEXT;
  }
}

/** Number format for a non-string value in a column of this kind (`@` would turn it into text). */
function valueFormat(kind: ColumnKind | undefined): string {
  const f = kindFormat(kind);
  return f === NF_TEXT ? NF_GENERAL : f;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** ISO `YYYY-MM-DD` → Excel serial (1900 system); null if not a real date. */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round((t - EXCEL_EPOCH) / 86400000);
}

/** Excel serial → ISO date (time of day dropped). */
export function serialToIso(serial: number): string {
  const t = EXCEL_EPOCH + Math.floor(serial) * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface ExcelCell {
  /** What goes into Range.values / Range.formulas. */
  value: string | number | boolean;
  numberFormat: string;
  formula: boolean;
  /** Hyperlink to set after the value (links HYPERLINK() cannot carry). */
  link?: { subAddress?: string; address?: string; text: string };
  /** Shown as a link (blue, underlined): set per run of cells, not per cell. */
  linkStyle?: boolean;
}

/** A formula string literal: quotes doubled; Excel allows at most 255 characters in one. */
function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
const MAX_LITERAL = 255;

export function toExcelCell(v: OutValue | undefined, kind?: ColumnKind): ExcelCell {
  if (v === null || v === undefined) return { value: '', numberFormat: kindFormat(kind), formula: false };
  if (typeof v === 'string') return { value: v, numberFormat: NF_TEXT, formula: false };
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : String(v), numberFormat: Number.isFinite(v) ? valueFormat(kind) : NF_TEXT, formula: false };
  if (typeof v === 'boolean') return { value: v, numberFormat: NF_GENERAL, formula: false };
  if ('date' in v) {
    const serial = isoToSerial(v.date);
    return serial === null ? { value: v.date, numberFormat: NF_TEXT, formula: false } : { value: serial, numberFormat: NF_DATE, formula: false };
  }
  if ('formula' in v) return { value: `=${v.formula.replace(/^=/, '')}`, numberFormat: valueFormat(kind), formula: true };
  const link = v.link.replace(/^#/, '');
  const internal = /!/.test(link) && !/^[a-z]+:/i.test(link);
  // Internal links as HYPERLINK() in the values array (like the xlsx twin): no per-cell
  // hyperlink object in the request, which is what makes large results fit Excel's 5 MB limit.
  if (internal && link.length < MAX_LITERAL) {
    return { value: `=HYPERLINK(${formulaString(`#${link}`)},${formulaString(v.text.slice(0, MAX_LITERAL))})`, numberFormat: NF_GENERAL, formula: true, linkStyle: true };
  }
  return {
    value: v.text,
    numberFormat: NF_TEXT,
    formula: false,
    link: internal ? { subAddress: link, text: v.text } : { address: link, text: v.text },
  };
}

/** Column width in characters (Excel's unit) → points (Office.js columnWidth). */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** `#RRGGBB` from the model's `RRGGBB`. */
export function hexColor(c: string): string {
  return c.startsWith('#') ? c : `#${c}`;
}
