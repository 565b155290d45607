/**
 * A reader worker (reader.js, started by the engine worker, see readers.ts): reads one file at a
 * time, so a file that hangs it or takes all its memory costs this worker, not the engine.
 */
import { readOne } from './readOne';
import type { ReaderReply, ReaderRequest } from './readers';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ReaderRequest>) => void) | null; postMessage: (m: ReaderReply, transfer?: Transferable[]) => void };

scope.onmessage = (e: MessageEvent<ReaderRequest>) => {
  const { id, name, bytes, how } = e.data;
  void readOne(name, bytes, how).then((read) => scope.postMessage({ id, read, bytes }, [bytes.buffer as ArrayBuffer]));
};
// Files are sent only after this: a worker that fails before it is the host's problem, not a file's.
scope.postMessage({ ready: true });
