/**
 * Reads every file the user gives (submissions, rosters, score workbooks, an earlier result) in
 * disposable reader workers (reader.ts), as the CLI's pool does: a reader that dies, errors or
 * passes the time limit is terminated and takes only the file it was on, which gets
 * file-unreadable (or, opened on its own, a refusal); a fresh reader takes the next file. Readers are reused across files
 * (starting one costs its script's load and compile each time).
 */
import type { ReadOutcome } from '../../core/check';
import { crashReason, FILE_TIMEOUT_MS, isOutOfMemory, OUT_OF_MEMORY, readFailed, timeoutReason } from '../../core/readFailure';
import { readInProcess, type ReadFile, type ReadHow } from './readOne';

export type ReaderRequest = { id: number; name: string; bytes: Uint8Array; how?: ReadHow };
export type ReaderReply = { ready: true } | { id: number; read: ReadOutcome; bytes: Uint8Array };

/** What the pool needs of a Worker (tests pass fakes). */
export interface ReaderPort {
  onmessage: ((e: { data: ReaderReply }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  postMessage(msg: ReaderRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export interface ReaderPoolOptions {
  /** Readers at once (default: one per spare core, at most 2). */
  size?: number;
  /** Per file, from when it is sent to a reader. */
  timeoutMs?: number;
  /** The same for a workbook read back (an earlier result: larger, with a reader budget of its own of 120 s). */
  backTimeoutMs?: number;
  /** A reader not started after this (script missing, refused): the pool reads in process instead. */
  startMs?: number;
  /** The read when readers cannot run at all. */
  fallback?: ReadFile;
}

interface Task {
  id: number;
  name: string;
  bytes: Uint8Array;
  how: ReadHow;
  started?: () => void;
  resolve: (r: Awaited<ReturnType<ReadFile>>) => void;
}

interface Lane {
  port: ReaderPort | null;
  ready: boolean;
  task: Task | null;
  timer?: ReturnType<typeof setTimeout>;
}

/** Above readBackSheets' own budget (120 s), so a slow but finite read ends with its own reason. */
export const BACK_TIMEOUT_MS = 150_000;

export function defaultReaders(): number {
  const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
  return Math.max(1, Math.min(2, cores - 1));
}

/** The bytes as a buffer of their own, so they move to the reader instead of being copied. */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export class ReaderPool {
  private queue: Task[] = [];
  private lanes: Lane[];
  private next = 1;
  /** Readers cannot start here: every read is done in process (as without workers). */
  private broken = false;
  private readonly timeoutMs: number;
  private readonly backTimeoutMs: number;
  private readonly startMs: number;
  private readonly fallback: ReadFile;

  constructor(
    private readonly factory: () => ReaderPort,
    opts: ReaderPoolOptions = {},
  ) {
    this.lanes = Array.from({ length: Math.max(1, opts.size ?? defaultReaders()) }, () => ({ port: null, ready: false, task: null }));
    this.timeoutMs = opts.timeoutMs ?? FILE_TIMEOUT_MS;
    this.backTimeoutMs = opts.backTimeoutMs ?? BACK_TIMEOUT_MS;
    this.startMs = opts.startMs ?? 20_000;
    this.fallback = opts.fallback ?? readInProcess;
  }

  /** Never rejects: a file whose reader gave no answer comes back as a failed read (bytes null). */
  read: ReadFile = (name, bytes, started, how = 'submission') => {
    if (this.broken) return this.fallback(name, bytes, started, how);
    return new Promise((resolve) => {
      this.queue.push({ id: this.next++, name, bytes, how, started, resolve });
      this.pump();
    });
  };

  private pump(): void {
    for (const lane of this.lanes) {
      if (this.broken || !this.queue.length) return;
      if (lane.task) continue;
      if (!lane.port) this.start(lane);
      else if (lane.ready) this.send(lane, this.queue.shift()!);
    }
  }

  private start(lane: Lane): void {
    let port: ReaderPort;
    try {
      port = this.factory();
    } catch {
      this.giveUp();
      return;
    }
    lane.port = port;
    lane.ready = false;
    lane.timer = setTimeout(() => this.giveUp(), this.startMs);
    // Events of a reader already ended are ignored.
    const mine = () => lane.port === port;
    port.onmessage = (e) => {
      const msg = e.data;
      if (!mine()) return;
      if ('ready' in msg) {
        clearTimeout(lane.timer);
        lane.ready = true;
        this.pump();
        return;
      }
      const task = lane.task;
      if (!task || task.id !== msg.id) return;
      clearTimeout(lane.timer);
      lane.task = null;
      task.resolve({ read: msg.read, bytes: msg.bytes });
      this.pump();
    };
    port.onerror = (e) => {
      // Handled here: unhandled, it would count as an error of the engine worker itself.
      e.preventDefault?.();
      if (!mine()) return;
      if (!lane.ready) this.giveUp();
      else this.kill(lane, isOutOfMemory(e.message ?? '') ? OUT_OF_MEMORY : crashReason(e.message || '未知错误'));
    };
    port.onmessageerror = () => {
      if (mine()) this.kill(lane, crashReason('读取结果无法传回'));
    };
  }

  private send(lane: Lane, task: Task): void {
    lane.task = task;
    const bytes = own(task.bytes);
    const limit = task.how === 'back' ? this.backTimeoutMs : this.timeoutMs;
    lane.timer = setTimeout(() => this.kill(lane, timeoutReason(limit)), limit);
    task.started?.();
    try {
      lane.port!.postMessage({ id: task.id, name: task.name, bytes, how: task.how }, [bytes.buffer as ArrayBuffer]);
    } catch (e) {
      this.kill(lane, crashReason(e instanceof Error ? e.message : String(e)));
    }
  }

  /** Ends a reader; the file it was on gets `reason`, the next file a fresh reader. */
  private kill(lane: Lane, reason: string): void {
    clearTimeout(lane.timer);
    lane.port?.terminate();
    lane.port = null;
    lane.ready = false;
    const task = lane.task;
    lane.task = null;
    task?.resolve({ read: readFailed(reason), bytes: null });
    this.pump();
  }

  /** Readers do not start on this host: read in process from now on, the files waiting too. */
  private giveUp(): void {
    this.broken = true;
    for (const lane of this.lanes) {
      // A reader that started has its file answered (or killed) as usual; only these never got one.
      if (lane.ready) continue;
      clearTimeout(lane.timer);
      lane.port?.terminate();
      lane.port = null;
    }
    for (const task of this.queue.splice(0)) void this.fallback(task.name, task.bytes, task.started, task.how).then(task.resolve);
  }
}
