/** Builders for test workbooks and hand-made (hostile) zips. */
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { crc32 } from '../../src/xlsx/zipGuard';

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function simpleWorkbook(cells = 4, sheets = 1): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`S${s + 1}`);
    for (let i = 0; i < cells; i++) ws.getCell(Math.floor(i / 4) + 1, (i % 4) + 1).value = `v${i}`;
  }
  return toBytes(wb);
}

/** Replaces (or adds) parts of a zip. */
export function patchZip(bytes: Uint8Array, parts: Record<string, string | Uint8Array | null>): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (data === null) delete files[name];
    else files[name] = typeof data === 'string' ? strToU8(data) : data;
  }
  return zipSync(files);
}

export interface RawEntry {
  name: string;
  /** Bytes as stored (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared uncompressed size: may lie. */
  size: number;
  flags?: number;
  /** Declared CRC-32 (default: the real one for stored entries, 0 for deflated). */
  crc?: number;
  /** The name's bytes as written (default: `name` in UTF-8), e.g. GB18030 without the UTF-8 flag. */
  nameBytes?: Uint8Array;
  /** The central directory's extra field. */
  extra?: Uint8Array;
  /** MS-DOS date << 16 | time. */
  dosTime?: number;
}

/** Writes a zip by hand so headers can declare whatever we want (CRC right for stored entries, 0 for deflated ones). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = e.nameBytes ?? strToU8(e.name);
    const extra = e.extra ?? new Uint8Array(0);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, e.flags ?? 0, true);
    lv.setUint16(8, e.method, true);
    const crc = e.crc ?? (e.method === 0 ? crc32(e.data) : 0);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, e.flags ?? 0, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(12, e.dosTime ?? 0, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    cd.set(extra, 46 + name.length);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of all) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** The minimal parts besides the worksheet, so the guard gets past its structure checks. */
export function skeletonEntries(): RawEntry[] {
  const stored = (name: string, text: string): RawEntry => {
    const data = strToU8(text);
    return { name, data, method: 0, size: data.length };
  };
  return [
    stored('[Content_Types].xml', '<Types/>'),
    stored('xl/workbook.xml', '<workbook/>'),
  ];
}

/**
 * A raw deflate stream of about `n` zero bytes, written by hand (fixed Huffman: one literal 0,
 * then matches of length 258 at distance 1), so a 300 MB bomb costs ~2 MB and milliseconds.
 * Returns the stream and the exact size it inflates to.
 */
export function zeroBomb(n: number): { data: Uint8Array; size: number } {
  const matches = Math.max(0, Math.floor((n - 1) / 258));
  const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
  let pos = 0;
  let bit = 0;
  const put = (value: number, bits: number) => {
    for (let i = 0; i < bits; i++) {
      if ((value >> i) & 1) out[pos] = out[pos]! | (1 << bit);
      if (++bit === 8) {
        bit = 0;
        pos++;
      }
    }
  };
  // Huffman codes go most significant bit first: reverse them into the LSB-first stream.
  const code = (value: number, bits: number) => {
    let r = 0;
    for (let i = 0; i < bits; i++) r |= ((value >> i) & 1) << (bits - 1 - i);
    put(r, bits);
  };
  put(1, 1); // final block
  put(1, 2); // fixed Huffman
  code(0x30, 8); // literal 0
  for (let k = 0; k < matches; k++) {
    code(0xc5, 8); // length 258 (symbol 285)
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  return { data: out.subarray(0, pos + (bit ? 1 : 0)), size: 1 + matches * 258 };
}
