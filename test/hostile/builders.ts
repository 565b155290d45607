/**
 * Hand-built files of the non-xlsx formats, so headers and records can say whatever a hostile
 * or broken producer writes: BIFF8 records in an OLE container, ODS content, Word tables.
 */
import * as CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';

export function ole(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, data);
  return new Uint8Array(CFB.write(cfb, { type: 'array' }) as number[]);
}

export const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
export const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

export function record(type: number, data: number[]): number[] {
  return [type & 0xff, type >> 8, data.length & 0xff, data.length >> 8, ...data];
}

/** NUMBER and LABEL (BIFF8) records. */
export const num = (r: number, c: number, v: number) => record(0x0203, [...u16(r), ...u16(c), ...u16(0), ...new Uint8Array(new Float64Array([v]).buffer)]);
export const label = (r: number, c: number, s: string) => record(0x0204, [...u16(r), ...u16(c), ...u16(0), ...u16(s.length), 1, ...Array.from(s).flatMap((ch) => u16(ch.charCodeAt(0)))]);

/** The records of a grid of values (null = no record). */
export function cellRecords(rows: (string | number | null)[][]): number[] {
  const out: number[] = [];
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && out.push(...(typeof v === 'number' ? num(r, c, v) : label(r, c, v)))));
  return out;
}

/** A BIFF8 workbook stream with one worksheet holding `sheet` records. */
export function biff(sheet: number[], name = 'S'): Uint8Array {
  const bof = (kind: number) => record(0x0809, [0x00, 0x06, kind, 0x00, ...new Array<number>(12).fill(0)]);
  const nameBytes = [name.length, 1, ...Array.from(name).flatMap((c) => u16(c.charCodeAt(0)))];
  const globals = bof(0x05).length + 4 + 6 + nameBytes.length + 4;
  return new Uint8Array([...bof(0x05), ...record(0x0085, [...u32(globals), 0, 0, ...nameBytes]), ...record(0x000a, []), ...bof(0x10), ...sheet, ...record(0x000a, [])]);
}

export const xls = (sheet: number[]) => ole({ Workbook: biff(sheet) });

export function ods(tableBody: string): Uint8Array {
  const content = `<office:document-content><office:body><office:spreadsheet><table:table table:name="S">${tableBody}</table:table></office:spreadsheet></office:body></office:document-content>`;
  return zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) });
}

export const odsCell = (v: string) => `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`;

export function docx(body: string): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(`<w:document><w:body>${body}</w:body></w:document>`) });
}

export const tc = (text: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

/** Deterministic filler that deflate cannot squeeze past the ratio guard. */
export function noise(i: number): string {
  let x = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  return String.fromCharCode(97 + (x % 26), 97 + ((x >>> 8) % 26), 97 + ((x >>> 16) % 26));
}
