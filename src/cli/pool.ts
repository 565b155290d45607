/** Checks many files in parallel with worker threads; small batches stay on one thread. */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkFile, type CheckOptions, type FileCheck } from '../core/check';
import { loadSubmission, shownPath } from './files';

const PARALLEL_FROM = 40;
// Compiled (lib/cli/pool.js): start the compiled worker; from source, the entry that loads tsx.
const WORKER = __filename.endsWith('.js') ? path.join(__dirname, 'readWorker.js') : path.join(__dirname, '../../bin/read-worker.cjs');

type Reply = { id: number; check?: FileCheck; error?: string };

/** A file the worker could not even hand back becomes a finding on that file, never a crash. */
async function failed(file: string, index: number, error: string, opts: CheckOptions): Promise<FileCheck> {
  const sub = { file: shownPath(file), sha256: `unread:${file}`, size: 0, read: { ok: false as const, problem: 'unreadable' as const, detail: `读取文件时出错：${error}` } };
  return checkFile(sub, index, opts);
}

export async function checkAll(files: string[], opts: CheckOptions, onDone: (file: string) => void): Promise<FileCheck[]> {
  const cores = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
  if (files.length < PARALLEL_FROM || cores < 2) {
    const out: FileCheck[] = [];
    for (const [i, f] of files.entries()) {
      out.push(checkFile(await loadSubmission(f), i, opts));
      onDone(f);
    }
    return out;
  }
  const results = new Array<FileCheck>(files.length);
  let next = 0;
  const workers = Array.from({ length: cores }, () => new Worker(WORKER, { workerData: { opts } }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= files.length) return resolve();
              const id = next++;
              w.postMessage({ id, file: files[id] });
            };
            w.on('message', async (m: Reply) => {
              const file = files[m.id]!;
              results[m.id] = m.check ?? (await failed(file, m.id, m.error ?? '未知错误', opts));
              onDone(file);
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
