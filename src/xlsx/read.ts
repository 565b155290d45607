/**
 * Reading submitted files into the neutral grid. Works in Node and in a browser or worker:
 * bytes in, grid out; no file system.
 */
import type { WorkbookGrid } from '../core/grid';
import { readCsv } from './csv';
import { readParts } from './fastSheet';
import { DEFAULT_LIMITS, fail, formatMB, ReadRefused, withDefaults, type ReadFailure, type ReadLimits } from './limits';
import { guardZip, MSG } from './zipGuard';

export { DEFAULT_LIMITS, type ReadLimits } from './limits';

export type ReadResult =
  | { ok: true; kind: 'xlsx' | 'csv'; workbook: WorkbookGrid; encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' }
  | ReadFailure;

const SAVE_AS = '请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再提交';

function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** Whether `text` occurs in the bytes as UTF-16LE (how OLE directory entries store names). */
function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) {
      if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

export async function readSubmission(fileName: string, bytes: Uint8Array, limits?: Partial<ReadLimits>): Promise<ReadResult> {
  const lim = withDefaults(limits);
  const ext = extensionOf(fileName);
  if (ext !== 'xlsx' && ext !== 'xlsm' && ext !== 'csv') {
    const what = ext ? `.${ext} 格式` : '无扩展名的文件';
    return fail('unsupported', `不支持${what}，只接受 .xlsx、.xlsm 和 .csv；${SAVE_AS}`);
  }
  if (bytes.length === 0) return fail('unreadable', '文件为空（0 字节），请检查后重新保存再提交');
  if (bytes.length > lim.maxFileBytes) {
    return fail('too-large', `文件大小 ${formatMB(bytes.length)}，超过上限 ${formatMB(lim.maxFileBytes)}；请删除多余的图片、工作表或空行后再提交`);
  }
  if (startsWith(bytes, OLE)) {
    // An OLE container is an encrypted OOXML (it has an EncryptionInfo stream) or an old .xls.
    if (ext !== 'csv' && hasUtf16(bytes, 'EncryptionInfo')) return fail('unreadable', MSG.encrypted);
    return fail('unreadable', `文件内容是旧版 .xls 格式（或已加密），与扩展名 .${ext} 不符；${SAVE_AS}`);
  }
  if (ext === 'csv') {
    if (startsWith(bytes, ZIP)) return fail('unreadable', `文件内容不是 CSV 文本（是 .xlsx 工作簿），请把扩展名改为 .xlsx 后再提交`);
    const csv = readCsv(fileName, bytes, lim);
    return csv.ok ? { ok: true, kind: 'csv', workbook: csv.workbook, encoding: csv.encoding } : csv;
  }
  if (!startsWith(bytes, ZIP) && !startsWith(bytes, EMPTY_ZIP)) {
    return fail('unreadable', `文件内容与扩展名 .${ext} 不符（可能是网页或文本文件改了扩展名）；${SAVE_AS}`);
  }
  const read = await readXlsx(bytes, lim);
  return read.ok ? { ok: true, kind: 'xlsx', workbook: read.workbook } : read;
}

/** The .xlsx path: guard the zip, then read the checked value parts straight into grids. */
export async function readXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<{ ok: true; workbook: WorkbookGrid } | ReadFailure> {
  const guarded = guardZip(bytes, limits);
  if (!guarded.ok) return guarded;
  try {
    return { ok: true, workbook: readParts(guarded.parts, limits) };
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    return fail('unreadable', `无法解析工作簿内容（文件结构异常）；${SAVE_AS}`);
  }
}

/**
 * Reads back a result workbook we wrote earlier (to keep what users typed into it). Same path
 * as submissions with roomier bounds; throws with a Chinese message when it cannot be read.
 */
export async function readBackSheets(bytes: Uint8Array): Promise<WorkbookGrid> {
  const read = await readXlsx(bytes, { ...DEFAULT_LIMITS, maxUncompressedBytes: 500 * 1024 * 1024, maxCellsPerSheet: 5_000_000, maxSheets: 500, maxSheetEntries: 500, maxCellElements: 20_000_000, maxTextChars: 200_000_000, maxReadMs: 120_000 });
  if (!read.ok) throw new Error(read.detail);
  return read.workbook;
}

/** Lower-case hex SHA-256, for spotting duplicate submissions. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
