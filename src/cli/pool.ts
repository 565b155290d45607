/**
 * Checks files in worker threads, however few: a worker that dies (out of memory, a crash) or
 * hangs takes only the file it was on, which gets file-unreadable; a fresh worker takes its place
 * and the batch completes. A batch of 20 units is the common case, and one hostile file must not
 * end it either; a worker costs about 0.1–0.2 s to start.
 */
import os from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { checkFile, InputCheck, type CheckOptions, type FileCheck } from '../core/check';
import { crashReason, FILE_TIMEOUT_MS, isOutOfMemory, OUT_OF_MEMORY, readFailed, timeoutReason } from '../core/readFailure';
import type { ArchiveFile } from '../xlsx/archive';
import { archiveFiles, eachSubmission, shownPath } from './files';
import { startWorker, stopUnused, WORKER_LIMITS } from './workers';

export { WORKER_LIMITS };

/**
 * Files each worker should get before another one is started: a worker warms its own JIT up,
 * which costs about as much CPU as checking 400 files once warm.
 */
const FILES_PER_WORKER = 400;
/** Files queued in each worker: it starts the next at once instead of waiting for the main thread. */
const IN_FLIGHT = 3;

type Reply = { id: number; check?: FileCheck; error?: string; alive?: { k: number; n: number } };

export { FILE_TIMEOUT_MS };

export interface PoolOptions {
  /** false: check on this thread, without the workers' isolation (in-process callers and tests). */
  parallel?: boolean;
  workers?: number;
  /** Worker entry script (tests swap in one that misbehaves). */
  script?: string;
  limits?: ResourceLimits;
  /** Per file, from when a worker starts it (default FILE_TIMEOUT_MS). */
  fileTimeoutMs?: number;
  /** The k-th of an archive's n files is done (k from 1). */
  onPart?: (file: string, k: number, n: number) => void;
}

/** A file the worker could not even hand back becomes a finding on that file, never a crash. */
async function failed(file: string, index: number, error: string, opts: CheckOptions): Promise<FileCheck> {
  const sub = { file: shownPath(file), sha256: `unread:${file}`, size: 0, read: readFailed(error) };
  return checkFile(sub, index, opts);
}

/** One file of the batch, or one file of an archive among them (opened here, read in a worker). */
interface Job {
  input: number;
  file: string;
  entry?: ArchiveFile;
  k: number;
  n: number;
}

/** failed() for a job: a file of an archive is named as inside it. */
function failedJob(job: Job, index: number, error: string, opts: CheckOptions): Promise<FileCheck> {
  if (!job.entry) return failed(job.file, index, error, opts);
  return Promise.resolve(checkFile({ file: job.entry.name, sha256: `unread:${job.entry.name}`, size: 0, read: readFailed(error) }, index, opts));
}

/** An error's message, also for errors made in another realm (instanceof Error fails there). */
function messageOf(e: unknown): string {
  return e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

function deathReason(err: Error | null, code: number): string {
  const m = err?.message ?? '';
  if (isOutOfMemory(m) || (err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return OUT_OF_MEMORY;
  return crashReason(m || `退出码 ${code}`);
}

/** Workers for a batch: one per core, but only as many as have FILES_PER_WORKER files each; at most 8. */
export function workerCount(files: number, cores: number): number {
  return Math.max(1, Math.min(8, cores, Math.ceil(files / FILES_PER_WORKER)));
}

export async function checkAll(files: string[], opts: CheckOptions, onDone: (file: string) => void, pool: PoolOptions = {}): Promise<FileCheck[]> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (pool.parallel === false) {
    const out: FileCheck[] = [];
    for (const [i, f] of files.entries()) {
      // A file that cannot even be opened (gone, no permission) is a finding, as in a worker.
      const input = new InputCheck(i, opts);
      try {
        await eachSubmission(f, { asOf: opts.asOf }, (sub, k, n) => {
          input.add(sub, k, n);
          if (n > 1) pool.onPart?.(f, k + 1, n);
        });
      } catch (e) {
        out.push(await failed(f, i, messageOf(e), opts));
        onDone(f);
        continue;
      }
      out.push(input.done);
      onDone(f);
    }
    return out;
  }
  // An archive's files are jobs of their own, spread over the workers like files of a folder.
  const jobs: Job[] = files.flatMap((file, input) => {
    const inside = archiveFiles(file);
    return inside ? inside.map((entry, k) => ({ input, file, entry, k, n: inside.length })) : [{ input, file, k: 0, n: 1 }];
  });
  const checked = new Array<FileCheck>(jobs.length);
  const left = files.map(() => 0);
  for (const j of jobs) left[j.input]!++;
  const results = new Array<FileCheck>(files.length);
  /** A job answered: its input is done when all of its jobs are. */
  const answered = (id: number, check: FileCheck) => {
    checked[id] = check;
    const job = jobs[id]!;
    // Its bytes are not needed again (a dying worker's queue is sent again, never an answered job).
    if (job.entry) job.entry = { ...job.entry, bytes: null };
    if (job.n > 1) pool.onPart?.(job.file, job.n - left[job.input]! + 1, job.n);
    if (--left[job.input]! > 0) return;
    const input = new InputCheck(job.input, opts);
    for (let k = 0; k < jobs.length; k++) if (jobs[k]!.input === job.input) input.take(checked[k]!);
    results[job.input] = input.done;
    onDone(job.file);
  };
  let next = 0;
  // Files a dead worker had queued besides the one it died on: the next free lane takes them first.
  const again: number[] = [];
  const live = new Set<Worker>();
  const spawn = () => {
    const w = startWorker(pool.script, pool.limits);
    // The options come first, in a message: a prestarted worker was started without them.
    w.postMessage({ opts });
    live.add(w);
    return w;
  };
  const workers = pool.workers ?? workerCount(jobs.length, cores);
  const timeoutMs = pool.fileTimeoutMs ?? FILE_TIMEOUT_MS;
  /** One lane: a worker at a time, replaced when it dies, until no file is left. */
  const lane = () =>
    new Promise<void>((resolve) => {
      // Sent, not yet answered, oldest first: the worker does them in this order.
      let sent: number[] = [];
      let w = spawn();
      // The watchdog: the oldest unanswered file is the one the worker is on; a file that never
      // ends (a loop no reader budget caught) costs its worker, not the batch.
      let watched = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let timedOut = false;
      const watch = () => {
        const head = sent[0] ?? -1;
        if (head === watched) return;
        clearTimeout(timer);
        watched = head;
        if (head >= 0)
          timer = setTimeout(() => {
            timedOut = true;
            void w.terminate();
          }, timeoutMs);
      };
      const feed = () => {
        while (sent.length < IN_FLIGHT && (again.length || next < jobs.length)) {
          const id = again.length ? again.shift()! : next++;
          sent.push(id);
          const job = jobs[id]!;
          w.postMessage(job.entry ? { id, file: job.file, entry: job.entry } : { id, file: job.file });
        }
        watch();
        if (!sent.length) resolve();
      };
      const attach = () => {
        w.on('message', (m: Reply) => {
          if (m.alive) {
            // One more of an archive's files done: its time starts again.
            watched = -1;
            watch();
            pool.onPart?.(jobs[m.id]!.file, m.alive.k, m.alive.n);
            return;
          }
          sent = sent.filter((id) => id !== m.id);
          if (m.check) answered(m.id, m.check);
          else pending.push(failedJob(jobs[m.id]!, m.id, m.error ?? '未知错误', opts).then((f) => answered(m.id, f)));
          feed();
        });
        let error: Error | null = null;
        w.on('error', (e) => (error = e));
        w.on('exit', (code) => {
          live.delete(w);
          clearTimeout(timer);
          watched = -1;
          if (!sent.length) return; // finished, or terminated at the end
          const [id, ...queued] = sent as [number, ...number[]];
          sent = [];
          again.push(...queued);
          const reason = timedOut ? timeoutReason(timeoutMs) : deathReason(error, code);
          timedOut = false;
          pending.push(failedJob(jobs[id]!, id, reason, opts).then((f) => answered(id, f)));
          w = spawn();
          attach();
          feed();
        });
      };
      attach();
      feed();
    });
  const pending: Promise<void>[] = [];
  try {
    await Promise.all(Array.from({ length: Math.min(workers, Math.max(1, jobs.length)) }, lane));
    await Promise.all(pending);
  } finally {
    await Promise.all([...[...live].map((w) => w.terminate()), stopUnused()]);
  }
  return results;
}
