/**
 * Opens an .xlsx zip defensively: the central directory is read first and declared sizes are
 * checked against the limits before anything is inflated; then only the XML parts that are read
 * (where cell values can be) are inflated, each with a byte counter, so a lying header cannot
 * blow memory, and each checked against its CRC, so a damaged part is never read as data. Two entries of one
 * name (part names compare case-insensitively) make the file ambiguous: it is refused.
 */
import { Inflate, inflateSync } from 'fflate';
import { fail, formatMB, ReadRefused, type Inflater, type ReadFailure, type ReadLimits } from './limits';

const CHUNK = 16 * 1024;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
  crc: number;
  /** MS-DOS date (high 16 bits) and time (low 16 bits) of the entry, local time of the writer. */
  dosTime: number;
  /** The central directory's extra field (an archive's files read their Unicode name and time there). */
  extra?: Uint8Array;
}

export type Guarded = { ok: true; parts: ZipParts } | ReadFailure;

const MB = 1024 * 1024;

export const MSG = {
  corrupt: '文件已损坏或不完整（可能未下载或未保存完整），请用 Excel 或 WPS 打开确认无误后重新保存，再提交',
  encrypted: '文件已加密或设置了打开密码（或为旧版 .xls 格式），请取消密码后另存为 .xlsx 再提交',
  dtd: '文件包含不允许的 DTD/实体声明，可能是恶意构造的文件；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交',
  notWorkbook: '文件内容不是 Excel 工作簿（缺少工作簿部件），可能是其他类型的文件改了扩展名；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交',
  duplicate: (name: string) => `文件中有两个同名的部件“${name}”，无法确定哪一个是真实内容（文件可能被改动或损坏），已拒绝导入；请用 Excel 或 WPS 打开后重新保存再提交`,
  crc: (name: string) => `文件中的“${name}”校验和（CRC）不符，内容已损坏，已拒绝导入以免读错数据；请用 Excel 或 WPS 打开确认后重新保存再提交`,
};

/**
 * Parts that may carry cell values: XML and relationship parts, wherever they are (other
 * producers name and place worksheets freely; relationships say which is which). Media and
 * binary parts are never inflated.
 */
export function isValuePart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

class ZipError extends Error {}

function u16(b: Uint8Array, i: number): number {
  if (i + 2 > b.length) throw new ZipError('out of bounds');
  return b[i]! | (b[i + 1]! << 8);
}

function u32(b: Uint8Array, i: number): number {
  if (i + 4 > b.length) throw new ZipError('out of bounds');
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 2 ** 32;
}

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/** Reads the central directory; throws ZipError when it is missing or inconsistent. */
/**
 * With `nameOf`, each name is decoded by it and each entry keeps its extra field: an archive of
 * files written by Chinese Windows tools names them in GB18030 (a workbook's parts are ASCII).
 */
export function listEntries(b: Uint8Array, nameOf?: (raw: Uint8Array, flags: number, extra: Uint8Array) => string): ZipEntry[] {
  const eocd = findEocd(b);
  if (eocd < 0) throw new ZipError('no end of central directory');
  let count = u16(b, eocd + 10);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // Zip64: the real numbers are in the zip64 end record, found through its locator.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipError('bad zip64 locator');
    const rec = u64(b, loc + 8);
    if (u32(b, rec) !== 0x06064b50) throw new ZipError('bad zip64 record');
    count = u64(b, rec + 32);
    cdOffset = u64(b, rec + 48);
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (u32(b, p) !== 0x02014b50) throw new ZipError('bad central directory entry');
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    if (p + 46 + nameLen + extraLen > b.length) throw new ZipError('out of bounds');
    const raw = b.subarray(p + 46, p + 46 + nameLen);
    const extra = b.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    const entry: ZipEntry = {
      // Some Windows zip writers separate folders with a backslash: the same part as with `/`.
      name: (nameOf ? nameOf(raw, u16(b, p + 8), extra) : utf8.decode(raw)).replace(/\\/g, '/').replace(/^\/+/, ''),
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      size: u32(b, p + 24),
      offset: u32(b, p + 42),
      crc: u32(b, p + 16),
      dosTime: u32(b, p + 12),
    };
    if (nameOf) entry.extra = extra;
    readZip64Extra(b, p + 46 + nameLen, extraLen, entry);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Fields set to 0xFFFFFFFF are stored, in this order, in the zip64 extra field. */
function readZip64Extra(b: Uint8Array, start: number, len: number, e: ZipEntry): void {
  const max = 0xffffffff;
  if (e.size !== max && e.compressedSize !== max && e.offset !== max) return;
  for (let q = start; q + 4 <= start + len; ) {
    const id = u16(b, q);
    const size = u16(b, q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      if (e.size === max) {
        e.size = u64(b, r);
        r += 8;
      }
      if (e.compressedSize === max) {
        e.compressedSize = u64(b, r);
        r += 8;
      }
      if (e.offset === max) e.offset = u64(b, r);
      return;
    }
    q += 4 + size;
  }
}

/** Declared-size checks, before any byte is inflated. */
export function checkDeclared(entries: ZipEntry[], limits: ReadLimits): ReadFailure | null {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > MB && e.size > limits.maxEntryRatio * e.compressedSize) {
      return fail(
        'too-large',
        `文件中的“${e.name}”压缩比异常（解压后 ${formatMB(e.size)}），疑似压缩炸弹，已拒绝导入；请用 Excel 或 WPS 打开后重新保存再提交`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    return fail(
      'too-large',
      `文件解压后共 ${formatMB(total)}，超过上限 ${formatMB(limits.maxUncompressedBytes)}，已拒绝导入；请删除多余的工作表、图片或空行后再提交`,
    );
  }
  return null;
}

/** Thrown from the inflate callback to stop at once. */
class Overflow extends Error {}

/** Counts cell elements (`<c ` or `<x:c `) in a byte stream, across chunk boundaries. */
export class CellCounter {
  count = 0;
  private state = 0;

  feed(chunk: Uint8Array): void {
    let s = this.state;
    let n = this.count;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (ch === 0x3c) s = 1; // '<'
      else if (s === 0) continue;
      else if (s === 1) s = ch === 0x63 ? 2 : isNameByte(ch) ? 3 : 0;
      else if (s === 2) {
        if (ch === 0x20 || ch === 0x3e || ch === 0x2f || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
          n++;
          s = 0;
        } else s = ch === 0x3a ? 1 : isNameByte(ch) ? 3 : 0;
      } else s = ch === 0x3a ? 1 : isNameByte(ch) ? 3 : 0;
    }
    this.state = s;
    this.count = n;
  }
}

function isNameByte(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x30 && ch <= 0x39) || ch === 0x5f || ch === 0x2d || ch === 0x2e;
}

/** CRC-32 tables for slicing by 8: T[k][n] is the CRC of byte n followed by k zero bytes. */
const CRC_TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = t[t[(k - 1) * 256 + n]! & 0xff]! ^ (t[(k - 1) * 256 + n]! >>> 8);
  return t;
})();

/** CRC-32 (zip's checksum) of the bytes, eight bytes per step (the parts are read whole, so this is a hot loop). */
export function crc32(b: Uint8Array): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = 0;
  for (const end = b.length - 7; i < end; i += 8) {
    const lo = c ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^ t[1536 + ((lo >>> 8) & 0xff)]! ^ t[1280 + ((lo >>> 16) & 0xff)]! ^ t[1024 + (lo >>> 24)]! ^
      t[768 + b[i + 4]!]! ^ t[512 + b[i + 5]!]! ^ t[256 + b[i + 6]!]! ^ t[b[i + 7]!]!;
  }
  for (; i < b.length; i++) c = t[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export class CrcMismatch extends Error {}

function entryData(b: Uint8Array, e: ZipEntry): Uint8Array {
  if (u32(b, e.offset) !== 0x04034b50) throw new ZipError('bad local header');
  const start = e.offset + 30 + u16(b, e.offset + 26) + u16(b, e.offset + 28);
  if (start + e.compressedSize > b.length) throw new ZipError('truncated entry');
  return b.subarray(start, start + e.compressedSize);
}

/** How entries are inflated and checked: the host's native codecs when given (see ReadLimits). */
export type Codec = Pick<ReadLimits, 'inflate' | 'crc32'>;

/**
 * Inflates one entry, never producing more than its declared size; `onChunk` sees the bytes as
 * they come (for counting cells) and may throw to stop.
 */
export function inflateEntry(b: Uint8Array, e: ZipEntry, onChunk?: (c: Uint8Array) => void, codec?: Codec): Uint8Array {
  const out = inflateUnchecked(b, e, onChunk, codec?.inflate);
  if ((codec?.crc32 ?? crc32)(out) !== e.crc) throw new CrcMismatch(e.name);
  return out;
}

function inflateUnchecked(b: Uint8Array, e: ZipEntry, onChunk?: (c: Uint8Array) => void, native?: Inflater): Uint8Array {
  const data = entryData(b, e);
  if (e.method === 0) {
    if (data.length !== e.size) throw new ZipError('stored size mismatch');
    onChunk?.(data);
    return data.slice();
  }
  if (e.method !== 8) throw new ZipError(`compression method ${e.method}`);
  if (data.length === 0) throw new ZipError('empty deflate stream');
  // A counted entry needs its bytes as they come, to stop at the limit: fflate's stream does that.
  if (native && !onChunk) return inflateNative(data, e, native);
  return data.length <= ONE_SHOT_MAX ? inflateSmall(data, e, onChunk) : inflateChunked(data, e, onChunk);
}

/** The host's inflater, bounded by the declared size: a stream that would pass it fails like any broken one. */
function inflateNative(data: Uint8Array, e: ZipEntry, inflate: Inflater): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflate(data, e.size);
  } catch {
    throw new ZipError('inflate failed');
  }
  if (out.length !== e.size) throw new ZipError('size mismatch');
  return out;
}

/**
 * Small entries (nearly all of a filing workbook) in one call, into a buffer one byte larger than
 * declared: fflate never writes past the buffer it is given, so a lying header fills that byte.
 * fflate still decodes the rest without writing; a small input bounds that work (deflate expands
 * at most ~1032×: 16 KB in is at most ~16 MB of decoding).
 */
const ONE_SHOT_MAX = 16 * 1024;

function inflateSmall(data: Uint8Array, e: ZipEntry, onChunk?: (c: Uint8Array) => void): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: new Uint8Array(e.size + 1) });
  } catch {
    throw new ZipError('inflate failed');
  }
  if (out.length > e.size) throw new Overflow();
  if (out.length !== e.size) throw new ZipError('size mismatch');
  onChunk?.(out);
  return out;
}

/** Larger entries in 16 KB steps, stopping at the first byte past the declared size. */
function inflateChunked(data: Uint8Array, e: ZipEntry, onChunk?: (c: Uint8Array) => void): Uint8Array {
  const out = new Uint8Array(e.size);
  let n = 0;
  const inflate = new Inflate((chunk) => {
    if (n + chunk.length > e.size) throw new Overflow();
    out.set(chunk, n);
    n += chunk.length;
    onChunk?.(chunk);
  });
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflate.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  } catch (err) {
    if (err instanceof Overflow || err instanceof CellLimit) throw err;
    throw new ZipError('inflate failed');
  }
  if (n !== e.size) throw new ZipError('size mismatch');
  return out;
}

export class CellLimit extends Error {
  constructor(readonly part: string) {
    super(part);
  }
}

const LT = 0x3c;
const BANG = 0x21;

/** `<!DOCTYPE` or `<!ENTITY` anywhere: found by scanning bytes for `<!` (comments and CDATA pass). */
function hasDtd(xml: Uint8Array): boolean {
  if ((xml[0] === 0xff && xml[1] === 0xfe) || (xml[0] === 0xfe && xml[1] === 0xff)) {
    const text = new TextDecoder(xml[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(xml);
    return /<!\s*(DOCTYPE|ENTITY)/i.test(text);
  }
  // '!' is rare in sheet XML, '<' is everywhere: look for the former.
  for (let i = xml.indexOf(BANG, 1); i > 0; i = xml.indexOf(BANG, i + 1)) {
    if (xml[i - 1] !== LT) continue;
    const head = String.fromCharCode(...xml.subarray(i + 1, i + 11)).replace(/^\s+/, '').toUpperCase();
    if (head.startsWith('DOCTYPE') || head.startsWith('ENTITY')) return true;
  }
  return false;
}

/**
 * The value parts of a guarded zip, each inflated and checked (size, CRC, DTD, cell elements)
 * when it is first asked for: parts nobody reads (themes, document properties…) are never
 * inflated. A part that fails its checks throws ReadRefused with the words the whole file is
 * refused with.
 */
export class ZipParts {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly done = new Map<string, Uint8Array>();

  constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntry[],
    private readonly limits: ReadLimits,
  ) {
    for (const e of entries) if (isValuePart(e.name)) this.byName.set(e.name.toLowerCase(), e);
  }

  /** Whether a value part of that name (compared case-insensitively) is there. */
  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The part's bytes, checked; null when there is no such value part. */
  get(name: string): Uint8Array | null {
    const key = name.toLowerCase();
    const e = this.byName.get(key);
    if (e === undefined) return null;
    let xml = this.done.get(key);
    if (xml === undefined) {
      xml = this.inflate(e);
      this.done.set(key, xml);
    }
    return xml;
  }

  /** Every value part by its name in the zip, checked (what a re-zip needs). */
  all(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const e of this.byName.values()) out.set(e.name, this.get(e.name)!);
    return out;
  }

  private inflate(e: ZipEntry): Uint8Array {
    const limits = this.limits;
    let xml: Uint8Array;
    try {
      // Each counted element takes three bytes at least ('<c' and the byte ending the name), and
      // an entry never inflates past its declared size: small entries cannot reach the limit.
      const counter = e.size >= 3 * limits.maxCellElements ? new CellCounter() : null;
      xml = inflateEntry(
        this.bytes,
        e,
        counter
          ? (chunk) => {
              counter.feed(chunk);
              if (counter.count > limits.maxCellElements) throw new CellLimit(e.name);
            }
          : undefined,
        limits,
      );
    } catch (err) {
      if (err instanceof CellLimit) {
        throw new ReadRefused(
          fail(
            'too-large',
            `“${err.part}”中的单元格元素超过 ${limits.maxCellElements} 个（单表单元格元素上限，含有格式的空单元格），已拒绝导入；请删除多余的有格式空行列后再提交`,
          ),
        );
      }
      if (err instanceof CrcMismatch) throw new ReadRefused(fail('unreadable', MSG.crc(err.message)));
      throw new ReadRefused(fail('unreadable', MSG.corrupt));
    }
    if (hasDtd(xml)) throw new ReadRefused(fail('unreadable', MSG.dtd));
    return xml;
  }
}

/** Opens the zip and checks what can be checked before inflating; never throws. */
export function guardZip(bytes: Uint8Array, limits: ReadLimits): Guarded {
  let entries: ZipEntry[];
  try {
    entries = listEntries(bytes);
  } catch {
    return fail('unreadable', MSG.corrupt);
  }
  if (entries.some((e) => e.flags & 1)) return fail('unreadable', MSG.encrypted);
  const declared = checkDeclared(entries, limits);
  if (declared) return declared;
  const names = new Set<string>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (names.has(key)) return fail('unreadable', MSG.duplicate(e.name));
    names.add(key);
  }
  // No part is read through [Content_Types].xml: a package without it (some minimal writers)
  // is read when its workbook can be found.
  if (!names.has('xl/workbook.xml') && !names.has('_rels/.rels')) return fail('unreadable', MSG.notWorkbook);
  return { ok: true, parts: new ZipParts(bytes, entries, limits) };
}
