/** Loads many submissions in parallel with worker threads; small batches stay on one thread. */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Submission } from '../core/check';
import { loadSubmission, shownPath } from './files';

const PARALLEL_FROM = 40;

type Reply = { id: number; sub?: Submission; error?: string };

export async function loadAll(files: string[], onDone: (file: string) => void): Promise<Submission[]> {
  const cores = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
  if (files.length < PARALLEL_FROM || cores < 2) {
    const out: Submission[] = [];
    for (const f of files) {
      out.push(await loadSubmission(f));
      onDone(f);
    }
    return out;
  }
  const results = new Array<Submission>(files.length);
  let next = 0;
  const workers = Array.from({ length: cores }, () => new Worker(path.join(__dirname, '../../bin/read-worker.cjs'), { env: process.env }));
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
            w.on('message', (m: Reply) => {
              const file = files[m.id]!;
              results[m.id] = m.sub ?? { file: shownPath(file), sha256: `unread:${file}`, size: 0, read: { ok: false, problem: 'unreadable', detail: `读取文件时出错：${m.error ?? '未知错误'}` } };
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
