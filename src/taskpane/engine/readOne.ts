/** Reads one file's bytes into cells; a reader that throws gives a failed read, never an exception. */
import type { ReadOutcome } from '../../core/check';
import { readBackSheets, readSubmission } from '../../xlsx/read';

/**
 * How a file is read: `submission` as a unit's filing sheet (any format, a submission's limits);
 * `back` as a workbook of ours read back (an earlier result, a workbook's sheets: .xlsx, larger
 * limits, see readBackSheets).
 */
export type ReadHow = 'submission' | 'back';

export async function readOne(name: string, bytes: Uint8Array, how: ReadHow = 'submission'): Promise<ReadOutcome> {
  try {
    if (how === 'back') return { ok: true, workbook: await readBackSheets(bytes) };
    return await readSubmission(name, bytes);
  } catch (e) {
    return { ok: false, problem: 'unreadable', detail: `无法读取：${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * A read and the bytes back (null: lost with a reader that died; the file is unreadable then).
 * `started`: called when a reader takes the file (files may wait for one).
 */
export type ReadFile = (name: string, bytes: Uint8Array, started?: () => void, how?: ReadHow) => Promise<{ read: ReadOutcome; bytes: Uint8Array | null }>;

export const readInProcess: ReadFile = async (name, bytes, started, how) => {
  started?.();
  return { read: await readOne(name, bytes, how), bytes };
};
