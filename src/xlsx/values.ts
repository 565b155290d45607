/** Writing one OutValue into an exceljs cell. Strings stay strings, whatever they start with. */
import type ExcelJS from 'exceljs';
import type { ColumnKind, OutValue } from '../core/report/model';

/** Excel's limit for the text of one cell. */
const MAX_TEXT = 32767;

/** Control characters are not allowed in XML 1.0 and make Excel "repair" the file. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT) : clean;
}

export const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  integer: '0',
  decimal2: '0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** `FFC7CE` → `FFFFC7CE` (exceljs wants alpha first). */
export function argb(rgb: string): string {
  const hex = rgb.replace(/^#/, '').toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };

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

export function writeValue(cell: ExcelJS.Cell, v: OutValue): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'string') {
    cell.value = cleanText(v);
    return;
  }
  if (typeof v === 'number') {
    if (Number.isFinite(v)) cell.value = v;
    return;
  }
  if (typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if ('date' in v) {
    const d = dateValue(v.date);
    cell.value = d ?? cleanText(v.date);
    if (d) cell.numFmt = 'yyyy-mm-dd';
    return;
  }
  if ('formula' in v) {
    const formula = v.formula.replace(/^=/, '');
    const result = typeof v.result === 'string' ? cleanText(v.result) : v.result;
    cell.value = (result === null || result === undefined ? { formula } : { formula, result }) as ExcelJS.CellFormulaValue;
    return;
  }
  writeLink(cell, v.text, v.link);
}

function writeLink(cell: ExcelJS.Cell, text: string, link: string): void {
  const shown = cleanText(text);
  if (isInternalLink(link)) {
    const label = shown.slice(0, 255); // a formula string literal holds at most 255 characters
    // exceljs writes internal links as external relationships, which Excel cannot follow;
    // HYPERLINK() works in Excel, WPS and LibreOffice alike. Both arguments are quoted literals.
    const target = link.startsWith('#') ? link : `#${link}`;
    cell.value = { formula: `HYPERLINK(${formulaString(target)},${formulaString(label)})`, result: label } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = { text: shown, hyperlink: link };
  }
  cell.font = { ...cell.font, ...LINK_FONT };
}
