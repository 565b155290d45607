/** Reads, parses and checks submissions off the main thread (one worker per core). */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckOptions } from '../core/check';
import { loadSubmission } from './files';

const opts = (workerData as { opts: CheckOptions }).opts;

parentPort?.on('message', async (msg: { id: number; file: string }) => {
  try {
    parentPort!.postMessage({ id: msg.id, check: checkFile(await loadSubmission(msg.file, { asOf: opts.asOf }), msg.id, opts) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
