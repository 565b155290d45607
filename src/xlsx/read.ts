/**
 * Reading submitted files into the neutral grid. Works in Node and in a browser or worker:
 * bytes in, grid out; no file system.
 */
import type { WorkbookGrid } from '../core/grid';
import { expandArchive } from './archive';
import { readCsv, type CsvEncoding } from './csv';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { readHtml } from './html';
import { mhtmlPart } from './htmlMime';
import { readFods, readOds } from './ods';
import { extensionMatches, FORMAT_LABEL, sniff, type Format } from './sniff';
import { readXls } from './xls';
import { readXlsXml } from './xlsXml';
import { readParts } from './fastSheet';
import { DEFAULT_LIMITS, fail, formatMB, ReadRefused, withDefaults, type ReadFailure, type ReadLimits } from './limits';
import { guardZip } from './zipGuard';

export { DEFAULT_LIMITS, type Inflater, type ReadLimits } from './limits';
export { ARCHIVE_LIMITS, expandArchive, isArchive, type ArchiveFile } from './archive';

export type ReadKind = 'xlsx' | 'csv' | 'xls' | 'ods' | 'fods' | 'docx' | 'doc' | 'html' | 'mhtml' | 'xlsxml' | 'text';

export type ReadResult =
  | {
      ok: true;
      kind: ReadKind;
      workbook: WorkbookGrid;
      encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
      /** The extension says another format than the content (the content was read). */
      mismatch?: { extension: string; actual: string };
    }
  | ReadFailure;

const SAVE_AS = '请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再提交';
const WORD_SAVE_AS = '请在 Word/WPS 中另存为 .docx 后提交';
/** Extensions of word-processor documents: their messages say .docx, not .xlsx. */
const WORD_EXT = new Set(['docx', 'docm', 'doc', 'dotx', 'wps', 'wpt']);
const ACCEPTED = '可提交 .xlsx、.xls、.et、.ods、.csv、.docx、.doc 或网页导出的表格';

function extensionOf(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

type Read = { ok: true; workbook: WorkbookGrid; encoding?: CsvEncoding } | ReadFailure;

/**
 * Reads whatever the bytes are (see sniff.ts), whatever the extension says: the extension only
 * decides whether a note about the mismatch is worth giving.
 */
export async function readSubmission(fileName: string, bytes: Uint8Array, limits?: Partial<ReadLimits>): Promise<ReadResult> {
  const lim = withDefaults(limits);
  const ext = extensionOf(fileName);
  if (bytes.length === 0) return fail('unreadable', '文件为空（0 字节），请检查后重新保存再提交');
  if (bytes.length > lim.maxFileBytes) {
    return fail('too-large', `文件大小 ${formatMB(bytes.length)}，超过上限 ${formatMB(lim.maxFileBytes)}；请删除多余的图片、工作表或空行后再提交`);
  }
  const format = sniff(bytes);
  const kind = kindOf(format, ext);
  let read: Read;
  switch (format) {
    case 'xlsx':
      read = await readXlsx(bytes, lim);
      break;
    case 'xls':
      read = readXls(bytes, lim);
      break;
    case 'ods':
      read = readOds(bytes, lim);
      break;
    case 'docx':
      read = readDocx(fileName, bytes, lim);
      break;
    case 'doc':
      read = readDoc(fileName, bytes, lim);
      break;
    case 'html':
      read = readHtml(fileName, bytes, lim);
      break;
    case 'mhtml': {
      const part = mhtmlPart(bytes);
      read = part ? readHtml(fileName, part.html, lim, part.charset) : fail('unreadable', '单个文件网页（.mht）中没有网页内容；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交');
      break;
    }
    case 'xlsxml':
      read = readXlsXml(bytes, lim);
      break;
    case 'fods':
      read = readFods(bytes, lim);
      break;
    case 'text':
      read = readCsv(fileName, bytes, lim);
      break;
    case 'encrypted':
      // An OLE container with EncryptionInfo is a password-protected .xlsx/.docx, never an old .xls.
      return fail('unreadable', `文件已加密（设置了打开密码），无法读取；请取消密码后${WORD_EXT.has(ext) ? WORD_SAVE_AS.replace(/^请/, '') : SAVE_AS.replace(/^请/, '')}`);
    case 'odt':
      return fail('unsupported', `文件内容是 OpenDocument 文本（.odt），暂不能读取其中的表格；${WORD_SAVE_AS}，或把表格复制到 Excel/WPS 表格中保存为 .xlsx`);
    case 'xlsb':
      return fail('unsupported', `文件是 Excel 二进制工作簿（.xlsb），暂不能读取；${SAVE_AS}`);
    case 'iwork':
      return fail('unsupported', '文件是 Apple Numbers/Pages 文档，暂不能读取；请在 Numbers 中“导出为 Excel”（.xlsx），或在 Pages 中导出为 Word（.docx）后再提交');
    case 'sylk':
      return fail('unsupported', `文件是 SYLK/DIF 交换格式（.slk/.dif），暂不能读取；${SAVE_AS}`);
    case 'rtf':
    case 'wordxml':
      return fail('unsupported', `文件是${FORMAT_LABEL[format]}，暂不能读取其中的表格；${WORD_SAVE_AS}`);
    case 'pdf':
      return fail('unsupported', `文件是 PDF 文档（多为盖章扫描件），不能读取其中的表格；请同时提交可编辑的备案表（${ACCEPTED}）`);
    case 'eml':
      return fail('unsupported', `文件是一封保存下来的邮件（.eml），其中的附件不会打开；请把附件中的备案表另存后提交（${ACCEPTED}）`);
    case 'zip': {
      // Batches open archives before reading (expandArchive); here one table was expected.
      const opened = expandArchive(fileName, bytes, lim, lim);
      return opened.ok ? fail('unsupported', `文件内容是压缩包，不是表格或 Word 文档；请解压后提交其中的文件（${ACCEPTED}）`) : opened;
    }
    case 'rar':
      return fail('unsupported', `文件是 RAR 或 7z 压缩包，暂不能直接读取；请解压后提交其中的文件，或重新打包为 .zip（${ACCEPTED}）`);
    case 'ole':
      return fail('unsupported', `文件是无法识别的 Office 复合文档（可能已损坏，或不是表格/Word 文档）；${SAVE_AS}`);
    case 'empty':
      return fail('unreadable', '文件为空（0 字节），请检查后重新保存再提交');
    case 'binary': {
      const what = ext ? `.${ext} 文件` : '该文件';
      return fail('unsupported', `${what}不是可读取的表格格式；${ACCEPTED}`);
    }
  }
  if (!read.ok) return read;
  boundSheetNames(read.workbook);
  const out: ReadResult = { ok: true, kind, workbook: read.workbook };
  if (read.encoding) out.encoding = read.encoding;
  if (ext && !extensionMatches(format, ext)) out.mismatch = { extension: ext, actual: FORMAT_LABEL[format] };
  return out;
}

/** Longer than any producer allows (Excel 31 characters, BIFF 255): the name of a crafted file. */
const MAX_SHEET_NAME = 255;

/**
 * A sheet's name goes into every finding on it: a name of megabytes would make the report of a
 * thousand findings gigabytes. Past MAX_SHEET_NAME it is cut (kept distinct), with a note.
 */
function boundSheetNames(wb: WorkbookGrid): void {
  const names = new Set(wb.sheets.map((s) => s.name));
  for (const s of wb.sheets) {
    if (s.name.length <= MAX_SHEET_NAME) continue;
    const long = s.name;
    let name = `${long.slice(0, MAX_SHEET_NAME)}…`;
    for (let k = 2; names.has(name); k++) name = `${long.slice(0, MAX_SHEET_NAME)}…${k}`;
    names.add(name);
    s.name = name;
    for (const n of wb.notes ?? []) if (n.sheet === long) n.sheet = name;
    (wb.notes ??= []).push({ kind: 'limit', sheet: name, detail: `工作表名称长 ${long.length} 个字符，超过 ${MAX_SHEET_NAME} 个字符的上限，只保留了前 ${MAX_SHEET_NAME} 个字符` });
  }
}

/** `csv` for text saved as .csv (as before), the sniffed format otherwise. */
function kindOf(format: Format, ext: string): ReadKind {
  if (format === 'text') return ext === 'csv' ? 'csv' : 'text';
  return format as ReadKind;
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
  const read = await readXlsx(bytes, { ...DEFAULT_LIMITS, maxUncompressedBytes: 500 * 1024 * 1024, maxCellsPerSheet: 5_000_000, maxCellsPerFile: 20_000_000, maxColumns: 1024, maxSheets: 500, maxSheetEntries: 500, maxCellElements: 20_000_000, maxTextChars: 200_000_000, maxReadMs: 120_000 });
  if (!read.ok) throw new Error(read.detail);
  return read.workbook;
}

/** Lower-case hex SHA-256, for spotting duplicate submissions. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
