/**
 * Reads, parses and checks submissions off the main thread (workerCount() in pool.ts says how many). The pool keeps
 * a few files queued here so the worker never waits for the main thread; they are done one at a
 * time, in order, so the file a dying worker was on is the oldest one not answered.
 */
import { parentPort } from 'node:worker_threads';
import { checkFile, InputCheck, type CheckOptions } from '../core/check';
import type { ArchiveFile } from '../xlsx/archive';
import { eachSubmission, entrySubmission } from './files';

// Set by the pool's first message (a worker may be started before the batch's options are known).
let opts: CheckOptions | null = null;
const queue: { id: number; file: string; entry?: ArchiveFile }[] = [];
let busy = false;

async function work(): Promise<void> {
  busy = true;
  for (let msg = queue.shift(); msg; msg = queue.shift()) {
    try {
      // A file of an archive the pool opened: read from its bytes.
      if (msg.entry) {
        parentPort!.postMessage({ id: msg.id, check: checkFile(await entrySubmission(msg.entry, { asOf: opts!.asOf }), msg.id, opts!) });
        continue;
      }
      const input = new InputCheck(msg.id, opts!);
      const id = msg.id;
      await eachSubmission(msg.file, { asOf: opts!.asOf }, (sub, k, n) => {
        input.add(sub, k, n);
        // An archive's files each say they are done: the pool's watchdog times a file, not a whole archive.
        if (n > 1) parentPort!.postMessage({ id, alive: { k: k + 1, n } });
      });
      parentPort!.postMessage({ id: msg.id, check: input.done });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  busy = false;
}

parentPort?.on('message', (msg: { id: number; file: string; entry?: ArchiveFile } | { opts: CheckOptions }) => {
  if ('opts' in msg) {
    opts = msg.opts;
    return;
  }
  queue.push(msg);
  if (!busy) void work();
});
