/**
 * The engine's Web Worker (built as its own webpack entry, worker.js): exceljs, the checker and
 * the scoring code live here, out of the pane's initial JavaScript and off its main thread.
 * Submissions are read in reader workers (readers.ts) so a hostile file cannot end this one.
 */
import { EngineCore } from './core';
import { indexedDbStore } from './store';
import { handle } from './handle';
import type { Envelope, Reply } from './protocol';
import { splitModel } from './transfer';
import { ReaderPool, type ReaderPort } from './readers';

/** reader.js next to this script, with the same build query (cache busting). */
const readerUrl = () => new URL(`reader.js${self.location.search}`, self.location.href).href;
// Hosts without nested workers read in this worker, as before.
const readers = typeof Worker !== 'undefined' ? new ReaderPool(() => new Worker(readerUrl()) as unknown as ReaderPort) : null;
const core = new EngineCore(indexedDbStore(), readers?.read);
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<Envelope>) => void) | null; postMessage: (m: Reply, transfer?: Transferable[]) => void };

scope.onmessage = (e: MessageEvent<Envelope>) => {
  const { id, req } = e.data;
  let last = 0;
  handle(core, req, (done, total, file) => {
    const now = Date.now();
    if (done === total || now - last > 50) {
      last = now;
      scope.postMessage({ id, progress: { done, total, file } });
    }
  }).then(
    (value) => {
      if (value instanceof Uint8Array) {
        scope.postMessage({ id, ok: true, value }, [value.buffer as ArrayBuffer]);
        return;
      }
      scope.postMessage({ id, ok: true, value: splitModel(value, (sheet, part) => scope.postMessage({ id, part: { sheet, value: part } })) });
    },
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
