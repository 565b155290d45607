/**
 * A small sheet model written straight as worksheet XML (inline strings, our own cell formats),
 * for the 退回说明 sheet added into a unit's package without touching its shared strings.
 */
import { columnLetters } from '../core/grid';
import { FILLS, headerRow, type OutValue, type SheetModel } from '../core/report/model';
import type { Styles } from './returnCopy';
import { cleanText } from './values';
import { wrappedLines as lines } from './writeSheet';

function esc(s: string): string {
  return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cell(ref: string, v: OutValue, style: number): string {
  if (v === null || v === undefined || v === '') return `<c r="${ref}" s="${style}"/>`;
  if (typeof v === 'number') return `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
  const text = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? '是' : '否') : 'date' in v ? v.date : 'text' in v ? v.text : String(v.result ?? '');
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

export function cellGridXml(model: SheetModel, styles: Styles): string {
  const border = styles.border();
  const bold = styles.font('<font><b/><sz val="11"/></font>');
  const big = styles.font('<font><b/><sz val="14"/></font>');
  const title = styles.xf(`<xf numFmtId="0" fontId="${big}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>`);
  const sub = styles.xf('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>');
  const head = styles.xf(`<xf numFmtId="0" fontId="${bold}" fillId="${styles.fill(FILLS.header)}" borderId="${border}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>`);
  const body = styles.xf(`<xf numFmtId="0" fontId="0" fillId="0" borderId="${border}" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`);
  const ncols = Math.max(1, model.columns.length);
  const last = columnLetters(ncols - 1);
  const rows: string[] = [];
  const merges: string[] = [];
  let r = 1;
  if (model.title) {
    rows.push(`<row r="${r}" ht="26" customHeight="1">${cell(`A${r}`, model.title, title)}</row>`);
    merges.push(`A${r}:${last}${r}`);
    r++;
  }
  const totalWidth = model.columns.reduce((n, c) => n + (c.width ?? 10), 0);
  for (const line of model.subtitle ?? []) {
    const ht = 15 * lines(line, totalWidth);
    rows.push(`<row r="${r}" ht="${ht}" customHeight="1">${cell(`A${r}`, line, sub)}</row>`);
    merges.push(`A${r}:${last}${r}`);
    r++;
  }
  const hr = headerRow(model) + 1;
  rows.push(`<row r="${hr}">${model.columns.map((c, i) => cell(`${columnLetters(i)}${hr}`, c.header, head)).join('')}</row>`);
  model.rows.forEach((row, i) => {
    const rr = hr + 1 + i;
    const need = Math.max(1, ...row.map((v, c) => (model.columns[c]?.wrap ? lines(v, model.columns[c]!.width ?? 10) : 1)));
    const ht = need > 1 ? ` ht="${Math.min(409, 15 * need)}" customHeight="1"` : '';
    rows.push(`<row r="${rr}"${ht}>${model.columns.map((_, c) => cell(`${columnLetters(c)}${rr}`, row[c] ?? null, body)).join('')}</row>`);
  });
  const cols = model.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 10}" customWidth="1"/>`).join('');
  const landscape = model.print?.landscape ? 'landscape' : 'portrait';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${last}${Math.max(hr, hr + model.rows.length)}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${hr}" topLeftCell="A${hr + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${landscape}" fitToWidth="1" fitToHeight="0"/>` +
    '<headerFooter><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter>' +
    '</worksheet>'
  );
}
