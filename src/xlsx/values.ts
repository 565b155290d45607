/** Cell values for the .xlsx writer. Strings stay strings, whatever they start with. */
import type { ColumnKind } from '../core/report/model';

/** Excel's limit for the text of one cell. */
const MAX_TEXT = 32767;

/** Control characters are not allowed in XML 1.0 and make Excel "repair" the file. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function cleanText(s: string): string {
  // Tested first: nearly no text has one, and a test allocates nothing (a million cells per result).
  const clean = CONTROL.test(s) ? s.replace(CONTROLS, '') : s;
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT) : clean;
}

export const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  integer: '0',
  decimal2: '0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** `'Sheet'!A1`, `Sheet!A1:B2` or `#…`: a place in this workbook rather than a file or URL. */
export function isInternalLink(link: string): boolean {
  return link.startsWith('#') || /^('[^']+(?:''[^']*)*'|[^'!/\\:]+)![$A-Za-z]+\$?\d+/.test(link);
}

/** A string literal for a formula: quotes doubled, so any text is data, never code. */
export function formulaString(s: string): string {
  return `"${cleanText(s).slice(0, 255).replace(/"/g, '""')}"`;
}

export function dateValue(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) ? d : null;
}

const EPOCH = Date.UTC(1899, 11, 30);

/** Excel's serial day number of an ISO date (1900 date system), or null when it is not a real date. */
export function dateSerial(iso: string): number | null {
  const d = dateValue(iso);
  if (!d) return null;
  const serial = Math.round((d.getTime() - EPOCH) / 86400000);
  return serial >= 1 ? serial : null;
}
