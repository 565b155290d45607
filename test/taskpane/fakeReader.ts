/**
 * A reader worker in this realm for the reader pool's tests: messages are structured-cloned with
 * their transfer lists, as between threads, and each file is read (or misbehaved on) as `behave`
 * says from its name.
 */
import type { ReaderPort, ReaderReply, ReaderRequest } from '../../src/taskpane/engine/readers';
import { ReaderPool } from '../../src/taskpane/engine/readers';
import { readOne } from '../../src/taskpane/engine/readOne';

export type Behaviour = 'read' | 'hang' | 'throw' | 'oom' | 'close' | 'broken';

export interface ReaderLog {
  started: number;
  moved: number;
  copied: number;
  /** How each file was asked to be read, by name. */
  how: Map<string, string>;
}

export class FakeReader implements ReaderPort {
  onmessage: ((e: { data: ReaderReply }) => void) | null = null;
  onerror: ((e: { message?: string; preventDefault?: () => void }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;

  constructor(
    private readonly behave: (name: string) => Behaviour,
    readonly log: ReaderLog,
  ) {
    log.started++;
    setTimeout(() => (behave('') === 'broken' ? this.fail('Failed to load reader.js') : this.reply({ ready: true })), 5);
  }

  postMessage(msg: ReaderRequest, transfer: Transferable[]): void {
    if (transfer.includes(msg.bytes.buffer as ArrayBuffer)) this.log.moved++;
    else this.log.copied++;
    const { id, name, bytes, how } = structuredClone(msg, { transfer: transfer as Transferable[] });
    this.log.how.set(name, how ?? 'submission');
    setTimeout(() => {
      switch (this.behave(name)) {
        case 'hang':
        case 'close':
          return; // never answers (a loop, or the reader closed itself)
        case 'throw':
          return this.fail('Uncaught Error: boom');
        case 'oom':
          return this.fail('Uncaught RangeError: Array buffer allocation failed: out of memory');
        default:
          void readOne(name, bytes, how).then((read) => this.reply({ id, read, bytes }, [bytes.buffer as ArrayBuffer]));
      }
    }, 1);
  }

  terminate(): void {
    this.terminated = true;
  }

  private reply(m: ReaderReply, transfer: Transferable[] = []): void {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(m, { transfer }) });
  }

  private fail(message: string): void {
    if (this.terminated) return;
    let handled = false;
    this.onerror?.({ message, preventDefault: () => (handled = true) });
    if (!handled) throw new Error(`unhandled reader error: ${message}`);
  }
}

/** HANG, THROW, OOM or CLOSE in a file's name: its reader does that. */
export const byName = (name: string): Behaviour => (/HANG/.test(name) ? 'hang' : /THROW/.test(name) ? 'throw' : /OOM/.test(name) ? 'oom' : /CLOSE/.test(name) ? 'close' : 'read');

export function fakePool(behave: (name: string) => Behaviour, opts: { size?: number; timeoutMs?: number; backTimeoutMs?: number } = {}) {
  const log: ReaderLog = { started: 0, moved: 0, copied: 0, how: new Map() };
  const readers: FakeReader[] = [];
  const pool = new ReaderPool(
    () => {
      const r = new FakeReader(behave, log);
      readers.push(r);
      return r;
    },
    { size: opts.size ?? 2, timeoutMs: opts.timeoutMs ?? 1000, backTimeoutMs: opts.backTimeoutMs, startMs: 500 },
  );
  return { pool, log, readers };
}
