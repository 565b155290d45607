/**
 * A dropped zip of submissions gives its files (named below it, 材料.zip/化学学院/备案表.xlsx), as
 * in the CLI; one that cannot be opened, and each file in it that cannot be taken out, stays a
 * file whose read is refused with the reason (src/xlsx/archive.ts bounds the work).
 */
import type { ReadFailure } from '../../xlsx/limits';
import { ARCHIVE_LIMITS, DEFAULT_LIMITS, expandArchive, isArchive } from '../../xlsx/read';

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
  modified?: string | null;
  /** Why the file could not be taken out of its archive: no reader is asked. */
  problem?: ReadFailure;
}

export function openArchives<T extends DroppedFile>(files: readonly T[]): (T | DroppedFile)[] {
  const out: (T | DroppedFile)[] = [];
  for (const f of files) {
    if (f.bytes.length > ARCHIVE_LIMITS.maxArchiveBytes || !isArchive(f.bytes, f.name)) {
      out.push(f);
      continue;
    }
    const opened = expandArchive(f.name, f.bytes, DEFAULT_LIMITS);
    if (!opened.ok) {
      out.push({ name: f.name, bytes: f.bytes, modified: f.modified ?? null, problem: opened });
      continue;
    }
    for (const x of opened.files) out.push({ name: x.name, bytes: x.bytes ?? new Uint8Array(0), modified: x.modified ?? f.modified ?? null, ...(x.problem ? { problem: x.problem } : {}) });
  }
  return out;
}
