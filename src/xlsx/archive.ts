/**
 * A zip of submissions (a mailbox or a group's files downloaded at once, a unit's own zip): its
 * files, each read afterwards as a submission of its own and named below the archive
 * (材料.zip/化学学院/备案表.xlsx), so a unit's folder inside still names the unit. Bounded like any
 * file: the number of files, each file's and all files' declared sizes and the compression ratio
 * are checked before anything is inflated, an entry is never inflated past its declared size,
 * and archives inside archives are opened to MAX_DEPTH levels, all levels sharing one budget.
 * A file that cannot be taken out (encrypted, an unknown method, damaged, too large) is listed
 * with its reason instead of its bytes: it becomes a finding, the other files are read.
 */
import { skippedInFolder } from '../core/fileName';
import { zhCollator } from '../core/findings';
import { fail, formatMB, type ReadFailure, type ReadLimits } from './limits';
import { sniff } from './sniff';
import { inflateEntry, listEntries, type Codec, type ZipEntry } from './zipGuard';

export interface ArchiveFile {
  /** The archive's name, then the file's path inside it (and inside nested archives). */
  name: string;
  bytes: Uint8Array | null;
  /** When the file was last saved (ISO), from the zip's own time stamps. */
  modified: string | null;
  /** Why the file could not be taken out (then `bytes` is null). */
  problem?: ReadFailure;
}

export type Expanded = { ok: true; files: ArchiveFile[] } | ReadFailure;

const MB = 1024 * 1024;

export const ARCHIVE_LIMITS = {
  /** An archive's own size: larger than a single submission may be (a whole batch in one zip). */
  maxArchiveBytes: 512 * MB,
  /** Files in an archive, nested ones included. */
  maxFiles: 10_000,
  /** Declared sizes of all files taken out, nested archives included. */
  maxTotalBytes: 1024 * MB,
  /** An archive inside an archive inside an archive, no deeper. */
  maxDepth: 3,
};

/**
 * Whether the bytes are a zip that is not itself a document (OOXML, ODF, iWork): an archive of
 * files. A damaged zip named .zip is one too: opening it says what is wrong in an archive's words.
 */
export function isArchive(bytes: Uint8Array, name = ''): boolean {
  if (/\.zip$/i.test(name) && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      listEntries(bytes);
    } catch {
      return true;
    }
  }
  return sniff(bytes) === 'zip';
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
let gbk: TextDecoder | null | undefined;

/**
 * An entry's name: UTF-8 when the writer says so (flag bit 11) or gives an Info-ZIP Unicode path
 * (extra field 0x7075); else UTF-8 when the bytes are valid UTF-8 (macOS, 7-Zip on Linux), else
 * GB18030, the code page of Chinese Windows (its built-in zip, WinRAR, 360压缩, Bandizip).
 */
export function entryName(raw: Uint8Array, flags: number, extra: Uint8Array): string {
  if (flags & 0x800) return new TextDecoder('utf-8').decode(raw);
  const unicode = unicodePath(extra);
  if (unicode !== null) return unicode;
  try {
    return utf8Strict.decode(raw);
  } catch {
    if (gbk === undefined) {
      try {
        gbk = new TextDecoder('gb18030');
      } catch {
        gbk = null; // a host without the legacy encodings: replacement characters, still a name
      }
    }
    return (gbk ?? new TextDecoder('utf-8')).decode(raw);
  }
}

function extraFields(extra: Uint8Array): { id: number; data: Uint8Array }[] {
  const out: { id: number; data: Uint8Array }[] = [];
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra[q]! | (extra[q + 1]! << 8);
    const size = extra[q + 2]! | (extra[q + 3]! << 8);
    if (q + 4 + size > extra.length) break;
    out.push({ id, data: extra.subarray(q + 4, q + 4 + size) });
    q += 4 + size;
  }
  return out;
}

function unicodePath(extra: Uint8Array): string | null {
  const f = extraFields(extra).find((x) => x.id === 0x7075);
  // Version 1, the CRC of the name it replaces (not checked: a renamed entry keeps a stale one), UTF-8.
  if (!f || f.data.length < 6 || f.data[0] !== 1) return null;
  try {
    return utf8Strict.decode(f.data.subarray(5));
  } catch {
    return null;
  }
}

/**
 * When the entry was saved: the UTC time of the extended-timestamp field (0x5455) when there is
 * one, else the MS-DOS time, which is the writer's local time: read as China Standard Time.
 */
export function entryTime(e: ZipEntry): string | null {
  const ut = e.extra ? extraFields(e.extra).find((x) => x.id === 0x5455) : undefined;
  if (ut && ut.data.length >= 5 && ut.data[0]! & 1) {
    const secs = (ut.data[1]! | (ut.data[2]! << 8) | (ut.data[3]! << 16) | (ut.data[4]! << 24)) >>> 0;
    if (secs > 0) return new Date(secs * 1000).toISOString();
  }
  const date = e.dosTime >>> 16;
  const time = e.dosTime & 0xffff;
  const y = 1980 + (date >> 9);
  const mo = (date >> 5) & 15;
  const d = date & 31;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d, time >> 11, (time >> 5) & 63, (time & 31) * 2) - 8 * 3600_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** An entry's path without empty, `.` and `..` steps (nothing is written to disk; the name must only read well). */
function cleanPath(name: string): string {
  return name
    .split('/')
    .filter((s) => s && s !== '.' && s !== '..')
    .join('/');
}

/** Folders and files that are no one's submission: macOS resource forks, lock and hidden files. */
function passedOver(path: string): boolean {
  return path.split('/').some((s, i, all) => (i === 0 && s === '__MACOSX') || (i === all.length - 1 ? skippedInFolder(s) : s.startsWith('.') || skippedInFolder(s)));
}

const METHOD: Record<number, string> = {
  9: 'Deflate64',
  12: 'BZIP2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES 加密',
};

const MSG = {
  corrupt: '压缩包已损坏或不完整（可能未下载完整），无法打开；请重新下载或重新打包后再提交',
  empty: '压缩包中没有可读取的文件',
  tooMany: (n: number) => `压缩包中共有 ${n} 个文件，超过上限 ${ARCHIVE_LIMITS.maxFiles} 个；请分成几个压缩包，或解压后按文件夹导入`,
  tooLarge: (bytes: number) => `压缩包解压后共 ${formatMB(bytes)}，超过上限 ${formatMB(ARCHIVE_LIMITS.maxTotalBytes)}；请分成几个压缩包，或解压后按文件夹导入`,
  encrypted: '压缩包中的该文件已加密（设置了解压密码），无法读取；请不加密重新打包，或解压后单独提交',
  method: (m: number) => `压缩包中的该文件使用了不支持的压缩方式（${METHOD[m] ?? `方式 ${m}`}），无法读取；请用 zip 的标准压缩方式重新打包，或解压后单独提交`,
  damaged: '压缩包中的该文件已损坏（校验不符或数据不完整），无法读取；请重新打包，或解压后单独提交',
  entryTooLarge: (size: number, max: number) => `文件大小 ${formatMB(size)}，超过上限 ${formatMB(max)}；请删除多余的图片、工作表或空行后再提交`,
  bomb: (size: number) => `压缩包中的该文件压缩比异常（解压后 ${formatMB(size)}），疑似压缩炸弹，已拒绝读取`,
  tooDeep: `压缩包嵌套超过 ${ARCHIVE_LIMITS.maxDepth} 层，未再打开；请解压后提交其中的文件`,
};

interface Budget {
  files: number;
  bytes: number;
}

/** The files of an archive; a failure when the archive itself cannot be opened or is over a bound. */
export function expandArchive(name: string, bytes: Uint8Array, limits: ReadLimits, codec?: Codec): Expanded {
  const budget: Budget = { files: 0, bytes: 0 };
  const files: ArchiveFile[] = [];
  const failed = expandInto(name, bytes, limits, codec, 1, budget, files);
  if (failed) return failed;
  // In the order a folder of them is listed (zip writers keep whatever order they were given).
  files.sort((a, b) => zhCollator.compare(a.name, b.name));
  return files.length ? { ok: true, files } : fail('unreadable', MSG.empty);
}

function expandInto(name: string, bytes: Uint8Array, limits: ReadLimits, codec: Codec | undefined, depth: number, budget: Budget, out: ArchiveFile[]): ReadFailure | null {
  let entries: ZipEntry[];
  try {
    entries = listEntries(bytes, entryName);
  } catch {
    return fail('unreadable', MSG.corrupt);
  }
  const taken = entries.map((e) => ({ e, path: cleanPath(e.name) })).filter((x) => x.path && !x.e.name.endsWith('/') && !passedOver(x.path));
  // Declared sizes first: nothing is inflated from an archive over a bound.
  budget.files += taken.length;
  if (budget.files > ARCHIVE_LIMITS.maxFiles) return fail('too-large', MSG.tooMany(budget.files));
  for (const { e } of taken) if (e.size <= limits.maxFileBytes) budget.bytes += e.size;
  if (budget.bytes > ARCHIVE_LIMITS.maxTotalBytes) return fail('too-large', MSG.tooLarge(budget.bytes));
  for (const { e, path } of taken) {
    const file: ArchiveFile = {
      name: `${name}/${path}`,
      bytes: null,
      modified: entryTime(e),
    };
    out.push(file);
    const refuse = (problem: ReadFailure['problem'], detail: string) => (file.problem = fail(problem, detail));
    if (e.flags & 1) refuse('unreadable', MSG.encrypted);
    else if (e.method !== 0 && e.method !== 8) refuse('unsupported', MSG.method(e.method));
    else if (e.size > limits.maxFileBytes) refuse('too-large', MSG.entryTooLarge(e.size, limits.maxFileBytes));
    else if (e.size > MB && e.size > limits.maxEntryRatio * e.compressedSize) refuse('too-large', MSG.bomb(e.size));
    if (file.problem) continue;
    let data: Uint8Array;
    try {
      data = inflateEntry(bytes, e, undefined, codec);
    } catch {
      refuse('unreadable', MSG.damaged);
      continue;
    }
    // By name too: a damaged .zip inside is refused in an archive's words, not as a damaged workbook.
    if (!isArchive(data, path)) {
      file.bytes = data;
      continue;
    }
    if (depth >= ARCHIVE_LIMITS.maxDepth) {
      refuse('unsupported', MSG.tooDeep);
      continue;
    }
    // An archive inside: its files take its place (a unit's zip in the office's zip).
    out.pop();
    const inner: ArchiveFile[] = [];
    const failed = expandInto(file.name, data, limits, codec, depth + 1, budget, inner);
    if (failed) {
      file.problem = failed;
      out.push(file);
    } else if (!inner.length) out.push({ ...file, problem: fail('unreadable', MSG.empty) });
    else for (const f of inner) out.push(f);
  }
  return null;
}
