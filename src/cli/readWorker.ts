/** Reads and parses submissions off the main thread (one worker per core). */
import { parentPort } from 'node:worker_threads';
import { loadSubmission } from './files';

parentPort?.on('message', async (msg: { id: number; file: string }) => {
  try {
    parentPort!.postMessage({ id: msg.id, sub: await loadSubmission(msg.file) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
