/**
 * Reads, parses and checks submissions off the main thread (workerCount() in pool.ts says how many). The pool keeps
 * a few files queued here so the worker never waits for the main thread; they are done one at a
 * time, in order, so the file a dying worker was on is the oldest one not answered.
 */
import { parentPort } from 'node:worker_threads';
import { checkFile, type CheckOptions } from '../core/check';
import { loadSubmission } from './files';

// Set by the pool's first message (a worker may be started before the batch's options are known).
let opts: CheckOptions | null = null;
const queue: { id: number; file: string }[] = [];
let busy = false;

async function work(): Promise<void> {
  busy = true;
  for (let msg = queue.shift(); msg; msg = queue.shift()) {
    try {
      parentPort!.postMessage({ id: msg.id, check: checkFile(await loadSubmission(msg.file, { asOf: opts!.asOf }), msg.id, opts!) });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  busy = false;
}

parentPort?.on('message', (msg: { id: number; file: string } | { opts: CheckOptions }) => {
  if ('opts' in msg) {
    opts = msg.opts;
    return;
  }
  queue.push(msg);
  if (!busy) void work();
});
