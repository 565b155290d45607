/**
 * The engine's Web Worker (built as its own webpack entry, worker.js): exceljs, the checker and
 * the scoring code live here, out of the pane's initial JavaScript and off its main thread.
 */
import { EngineCore } from './core';
import { handle } from './handle';
import type { Envelope, Reply } from './protocol';

const core = new EngineCore();
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
      const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
      scope.postMessage({ id, ok: true, value }, transfer);
    },
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
