/** Node side of the CLI: finding files, reading them and hashing. */
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Submission } from '../core/check';
import { zhCollator } from '../core/findings';
import { skippedInFolder } from '../core/fileName';
import { DEFAULT_LIMITS, fail, formatMB, withDefaults, type ReadFailure } from '../xlsx/limits';
import { ARCHIVE_LIMITS, expandArchive, isArchive, readSubmission, type ArchiveFile, type Inflater, type ReadLimits } from '../xlsx/read';

/** The directory the user ran the command from (npm scripts run in the package root). */
export function userCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

export function fromUser(p: string): string {
  return path.resolve(userCwd(), p);
}

/** How a path is shown in reports: relative to the user's directory, forward slashes. */
export function shownPath(abs: string): string {
  const rel = path.relative(userCwd(), abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

/**
 * Files under the given files/directories, recursively, sorted by name within each directory.
 * A path the user names must exist. Inside a folder, a link that leads nowhere is listed as a
 * file (its check then says it cannot be read), and a folder reached twice through links is
 * walked once, so a link loop cannot hang the batch.
 */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  const walked = new Set<string>();
  type Kind = 'file' | 'dir' | 'other';
  const kindOf = (e: { isFile(): boolean; isDirectory(): boolean }): Kind => (e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other');
  const linked = async (abs: string): Promise<Kind> => {
    try {
      return kindOf(await fs.stat(abs));
    } catch {
      return 'file';
    }
  };
  // A link, or a path the user gave, has no kind yet: only stat says what it points to.
  async function walk(abs: string, kind: Kind): Promise<void> {
    // A FIFO or device is listed too: loadSubmission refuses it with a reason, never in silence.
    if (kind !== 'dir') out.push(abs);
    if (kind !== 'dir') return;
    const real = await fs.realpath(abs);
    if (walked.has(real)) return;
    walked.add(real);
    // Directory entries carry their type: no stat per file (a thousand awaits on a big batch).
    const entries = (await fs.readdir(abs, { withFileTypes: true })).filter((e) => !skippedInFolder(e.name)).sort((a, b) => zhCollator.compare(a.name, b.name));
    for (const e of entries) {
      const p = path.join(abs, e.name);
      await walk(p, e.isSymbolicLink() ? await linked(p) : kindOf(e));
    }
  }
  for (const i of inputs) {
    const abs = fromUser(i);
    await walk(abs, kindOf(await fs.stat(abs)));
  }
  return out;
}

/**
 * Node's zlib for the zip entries (about twice as fast as fflate); maxOutputLength bounds a lying
 * stream. One output chunk of the declared size (plus the byte that shows a lie) saves the
 * default 16 KB chunk and the concatenation of larger parts; at most 4 MB is allocated up front.
 */
export const nodeInflate: Inflater = (raw, maxBytes) =>
  zlib.inflateRawSync(raw, {
    maxOutputLength: Math.max(1, maxBytes),
    chunkSize: Math.min(Math.max(64, maxBytes + 1), 4 * 1024 * 1024),
  });

/** Why a file could not be opened or read, in the user's words. */
function openFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return '文件不存在或已被移走（可能在读取前被删除、改名，或是失效的快捷方式），未能读取；请确认文件后重新提交';
    case 'EACCES':
    case 'EPERM':
      return '没有读取该文件的权限，未能读取；请检查文件权限（或是否被其他程序占用）后重新提交';
    case 'ELOOP':
      return '文件是循环指向自身的快捷方式（符号链接），未能读取；请提交文件本身';
    case 'EISDIR':
      return '该路径是文件夹而不是文件，未能读取';
    default:
      return `读取文件时出错（${code ?? '未知错误'}），未能读取；请检查文件后重新提交`;
  }
}

/** The reason, with the system's error code for whoever looks into it. */
function failureOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const reason = openFailure(e);
  return code && !reason.includes(code) ? `${reason}（错误代码 ${code}）` : reason;
}

/** Opened without waiting: a FIFO put in a file's place would otherwise block until a writer comes. */
const READ_FLAG = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Reads one file into a submission; never throws. Only a regular file within the size limit is
 * read: a device, FIFO or socket (a link to /dev/zero, a pipe named .csv), a file that vanished
 * or cannot be opened, or one far over the limit becomes a refused read with a Chinese reason,
 * at no cost. `options.asOf` is what TODAY() means in formulas saved without a value. An archive
 * is read as the one file it is (see loadSubmissions for its files).
 */
export async function loadSubmission(abs: string, options?: Partial<ReadLimits>): Promise<Submission> {
  let one: Submission | null = null;
  await load(abs, options, false, (sub) => (one = sub));
  return one!;
}

/**
 * loadSubmission, but an archive (.zip) gives its files, each a submission named below it
 * (材料.zip/化学学院/备案表.xlsx); an archive that cannot be opened is one refused submission.
 */
export async function loadSubmissions(abs: string, options?: Partial<ReadLimits>): Promise<Submission[]> {
  const subs: Submission[] = [];
  await eachSubmission(abs, options, (sub) => subs.push(sub));
  return subs;
}

/** loadSubmissions one at a time: an archive's files are read in turn, each let go once `take` returns (k of n). */
export function eachSubmission(abs: string, options: Partial<ReadLimits> | undefined, take: (sub: Submission, k: number, n: number) => void): Promise<void> {
  return load(abs, options, true, take);
}

/**
 * The bytes of a file as a report names it: a file on disk, or a file inside an archive
 * (材料.zip/化学学院/备案表.xlsx, nested ones too), taken out again; null when it is gone.
 */
export async function readShown(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await fs.readFile(fromUser(file)));
  } catch {
    /* maybe inside an archive */
  }
  for (let at = file.search(/\.zip\//i); at >= 0;) {
    const archive = file.slice(0, at + 4);
    const inside = await loadSubmissionBytes(archive);
    if (inside) {
      const opened = expandArchive(archive, inside, withDefaults({ inflate: nodeInflate, crc32: zlib.crc32 }));
      return (opened.ok && opened.files.find((f) => f.name === file)?.bytes) || null;
    }
    const next = file.slice(at + 5).search(/\.zip\//i);
    at = next < 0 ? -1 : at + 5 + next;
  }
  return null;
}

async function loadSubmissionBytes(file: string): Promise<Uint8Array | null> {
  try {
    const abs = fromUser(file);
    if (!statSync(abs).isFile()) return null;
    return new Uint8Array(await fs.readFile(abs));
  } catch {
    return null;
  }
}

const ARCHIVE_EXT = /\.zip$/i;

/** A file taken out of an archive as a submission (refused with its reason when it could not be). */
export async function entrySubmission(f: ArchiveFile, options?: Partial<ReadLimits>): Promise<Submission> {
  if (!f.bytes) return { file: f.name, sha256: `unread:${f.name}`, size: 0, modified: f.modified, read: f.problem! };
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const read = await readSubmission(path.posix.basename(f.name), f.bytes, { inflate: nodeInflate, crc32: zlib.crc32, ...options });
  return { file: f.name, sha256, size: f.bytes.length, modified: f.modified, read };
}

/**
 * The files of an input named .zip, opened here (the pool spreads them over its workers); null
 * when it is not one that opens (not a regular file, too large, not an archive, damaged): the
 * worker then reads it as any file and says why.
 */
export function archiveFiles(abs: string): ArchiveFile[] | null {
  if (!ARCHIVE_EXT.test(abs)) return null;
  try {
    const st = statSync(abs);
    if (!st.isFile() || st.size > ARCHIVE_LIMITS.maxArchiveBytes) return null;
    const bytes = readFileSync(abs, { flag: READ_FLAG as unknown as string });
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!isArchive(view, abs)) return null;
    const opened = expandArchive(shownPath(abs), view, withDefaults({ inflate: nodeInflate, crc32: zlib.crc32 }), { inflate: nodeInflate, crc32: zlib.crc32 });
    const modified = st.mtime.toISOString();
    return opened.ok ? opened.files.map((f) => ({ ...f, modified: f.modified ?? modified })) : null;
  } catch {
    return null;
  }
}

async function load(abs: string, options: Partial<ReadLimits> | undefined, open: boolean, take: (sub: Submission, k: number, n: number) => void): Promise<void> {
  const shown = shownPath(abs);
  const refused = (problem: ReadFailure['problem'], detail: string, size = 0, modified: string | null = null): void =>
    take(
      {
        file: shown,
        // Never equal to another file's hash: a refused read is no duplicate of anything.
        sha256: `unread:${abs}`,
        size,
        modified,
        read: fail(problem, detail),
      },
      0,
      1,
    );
  const maxBytes = options?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  // A zip of a whole batch may be larger than any one submission.
  const cap = open && ARCHIVE_EXT.test(abs) ? Math.max(maxBytes, ARCHIVE_LIMITS.maxArchiveBytes) : maxBytes;
  const tooLarge = (size: number, max = maxBytes) => `文件大小 ${formatMB(size)}，超过上限 ${formatMB(max)}；请删除多余的图片、工作表或空行后再提交`;
  let bytes: Buffer;
  let modified: string;
  // Synchronous: for a 20 KB file the promise machinery costs more than the read (a worker reads one file at a time anyway).
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return refused('unreadable', openFailure({ code: 'EISDIR' }));
    if (!st.isFile()) return refused('unsupported', '该路径不是普通文件（是设备、管道或套接字等特殊文件），无法作为表格读取；请提交文件本身');
    modified = st.mtime.toISOString();
    if (st.size > cap) return refused('too-large', tooLarge(st.size, cap), st.size, modified);
    // Node takes numeric open flags here too (its types say only strings).
    bytes = readFileSync(abs, { flag: READ_FLAG as unknown as string });
  } catch (e) {
    return refused('unreadable', failureOf(e));
  }
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limits: Partial<ReadLimits> = {
    inflate: nodeInflate,
    crc32: zlib.crc32,
    ...options,
  };
  if (open && bytes.length <= cap && isArchive(view, abs)) {
    const opened = expandArchive(shown, view, withDefaults(limits), limits);
    if (!opened.ok) return refused(opened.problem, opened.detail, bytes.length, modified);
    const n = opened.files.length;
    for (const [k, f] of opened.files.entries()) {
      take(await entrySubmission({ ...f, modified: f.modified ?? modified }, options), k, n);
      // Let go with its read: a batch in one zip never holds every workbook at once.
      opened.files[k] = { ...f, bytes: null };
    }
    return;
  }
  // Grown past the limit since it was listed: refused like any file that size.
  if (bytes.length > maxBytes) return refused('too-large', tooLarge(bytes.length), bytes.length, modified);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = await readSubmission(path.basename(abs), view, limits);
  take({ file: shown, sha256, size: bytes.length, modified, read }, 0, 1);
}
