/** What the engine uses in a browser and jsdom lacks: TextDecoder, WebCrypto digests, Blob.arrayBuffer, ResizeObserver (Fluent). */
import { webcrypto } from 'node:crypto';
import { TextDecoder, TextEncoder } from 'node:util';

const g = globalThis as unknown as Record<string, unknown>;
g.TextDecoder ??= TextDecoder;
g.TextEncoder ??= TextEncoder;
if (!(g.crypto as Crypto | undefined)?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
// …and ResizeObserver (Fluent).
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};
if (!Blob.prototype.arrayBuffer) {
  Blob.prototype.arrayBuffer = function (this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result as ArrayBuffer);
      r.onerror = () => reject(r.error);
      r.readAsArrayBuffer(this);
    });
  };
}

