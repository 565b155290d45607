/** Reads one submission's bytes into cells; a reader that throws gives a failed read, never an exception. */
import type { ReadOutcome } from '../../core/check';
import { readSubmission } from '../../xlsx/read';

export async function readOne(name: string, bytes: Uint8Array): Promise<ReadOutcome> {
  try {
    return await readSubmission(name, bytes);
  } catch (e) {
    return { ok: false, problem: 'unreadable', detail: `无法读取：${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A read and the bytes back (null: lost with a reader that died; the file is unreadable then).
 * `started`: called when a reader takes the file (files may wait for one).
 */
export type ReadFile = (name: string, bytes: Uint8Array, started?: () => void) => Promise<{ read: ReadOutcome; bytes: Uint8Array | null }>;

export const readInProcess: ReadFile = async (name, bytes, started) => {
  started?.();
  return { read: await readOne(name, bytes), bytes };
};
