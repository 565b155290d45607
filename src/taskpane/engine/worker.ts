/**
 * The engine's Web Worker (built as its own webpack entry, worker.js): exceljs, the checker and
 * the scoring code live here, out of the pane's initial JavaScript and off its main thread.
 */
import { EngineCore } from './core';
import { indexedDbStore } from './store';
import { handle } from './handle';
import type { Envelope, Reply } from './protocol';

const core = new EngineCore(indexedDbStore());
const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<Envelope>) => void) | null; postMessage: (m: Reply, transfer?: Transferable[]) => void };

/** Posts the sheets of a (possibly nested) model one by one; returns the value without them. */
function splitModel(id: number, value: unknown): unknown {
  const holder = value as { sheets?: unknown[]; model?: { sheets?: unknown[] } } | null;
  const model = holder && Array.isArray(holder.sheets) ? holder : holder?.model && Array.isArray(holder.model.sheets) ? holder.model : null;
  if (!model || !model.sheets) return value;
  model.sheets.forEach((sheet, i) => scope.postMessage({ id, part: { sheet: i, value: sheet } }));
  const count = model.sheets.length;
  model.sheets = [];
  (model as { __parts?: number }).__parts = count;
  return value;
}

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
      scope.postMessage({ id, ok: true, value: splitModel(id, value) });
    },
    (err: unknown) => scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
