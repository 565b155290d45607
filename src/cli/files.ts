/** Node side of the CLI: finding files, reading them and hashing. */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Submission } from '../core/check';
import { zhCollator } from '../core/findings';
import { readSubmission, type Inflater, type ReadLimits } from '../xlsx/read';

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

const SKIP = /^(~\$|\.|Thumbs\.db$|desktop\.ini$)/i;

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
    if (kind === 'file') out.push(abs);
    if (kind !== 'dir') return;
    const real = await fs.realpath(abs);
    if (walked.has(real)) return;
    walked.add(real);
    // Directory entries carry their type: no stat per file (a thousand awaits on a big batch).
    const entries = (await fs.readdir(abs, { withFileTypes: true })).filter((e) => !SKIP.test(e.name)).sort((a, b) => zhCollator.compare(a.name, b.name));
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
  zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes), chunkSize: Math.min(Math.max(64, maxBytes + 1), 4 * 1024 * 1024) });

/** `options.asOf` is what TODAY() means in formulas saved without a value. */
export async function loadSubmission(abs: string, options?: Partial<ReadLimits>): Promise<Submission> {
  // Synchronous: for a 20 KB file the promise machinery costs more than the read (a worker reads one file at a time anyway).
  const bytes = readFileSync(abs);
  const st = statSync(abs);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = await readSubmission(path.basename(abs), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { inflate: nodeInflate, crc32: zlib.crc32, ...options });
  return { file: shownPath(abs), sha256, size: bytes.length, modified: st.mtime.toISOString(), read };
}
