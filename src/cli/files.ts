/** Node side of the CLI: finding files, reading them and hashing. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
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

/** Files under the given files/directories, recursively, sorted by name within each directory. */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(abs: string): Promise<void> {
    const st = await fs.stat(abs);
    if (st.isDirectory()) {
      const names = (await fs.readdir(abs)).filter((n) => !SKIP.test(n)).sort(zhCollator.compare);
      for (const n of names) await walk(path.join(abs, n));
    } else if (st.isFile()) out.push(abs);
  }
  for (const i of inputs) await walk(fromUser(i));
  return out;
}

/** Node's zlib for the zip entries (about twice as fast as fflate); maxOutputLength bounds a lying stream. */
export const nodeInflate: Inflater = (raw, maxBytes) => zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) });

/** `options.asOf` is what TODAY() means in formulas saved without a value. */
export async function loadSubmission(abs: string, options?: Partial<ReadLimits>): Promise<Submission> {
  const [bytes, st] = await Promise.all([fs.readFile(abs), fs.stat(abs)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = await readSubmission(path.basename(abs), new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { inflate: nodeInflate, crc32: zlib.crc32, ...options });
  return { file: shownPath(abs), sha256, size: bytes.length, modified: st.mtime.toISOString(), read };
}
