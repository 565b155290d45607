/**
 * The workbook writer's deflate in Node: native zlib (several times faster than fflate's
 * JavaScript), on libuv's thread pool so that the main thread keeps writing XML meanwhile.
 * An entry is cut into slices compressed independently (each but the last ends on a sync flush,
 * so their concatenation is one valid deflate stream, as pigz does). Slices waiting for the pool
 * are capped: past that the main thread compresses the slice itself, so memory stays bounded.
 */
import zlib from 'node:zlib';
import type { DeflateLevel, DeflateOutput, DeflaterFactory, RawDeflater } from '../xlsx/writeZip';

const SLICE = 1 << 20;
const MAX_QUEUED = 32 << 20;
let queued = 0;

export const nodeDeflater: DeflaterFactory = (level: DeflateLevel, out: DeflateOutput): RawDeflater => {
  let parts: Uint8Array[] = [];
  let size = 0;
  let failed = false;
  // Compressed slices in entry order; a slot is filled when its compression is done.
  const slots: { bytes: Uint8Array | null; final: boolean }[] = [];
  const drain = () => {
    while (slots.length && slots[0]!.bytes) {
      const s = slots.shift()!;
      out.data(s.bytes!, s.final);
    }
  };
  const fail = (e: Error) => {
    if (!failed) out.error(e);
    failed = true;
  };
  const compress = (data: Buffer, final: boolean) => {
    const slot: { bytes: Uint8Array | null; final: boolean } = { bytes: null, final };
    slots.push(slot);
    const opts = { level, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH };
    if (queued + data.length > MAX_QUEUED) {
      try {
        slot.bytes = zlib.deflateRawSync(data, opts);
      } catch (e) {
        return fail(e as Error);
      }
      return drain();
    }
    queued += data.length;
    zlib.deflateRaw(data, opts, (err, bytes) => {
      queued -= data.length;
      if (err) return fail(err);
      slot.bytes = bytes;
      drain();
    });
  };
  return {
    push(chunk, final) {
      parts.push(chunk);
      size += chunk.length;
      if (size < SLICE && !final) return;
      const data = parts.length === 1 ? Buffer.from(parts[0]!.buffer, parts[0]!.byteOffset, parts[0]!.byteLength) : Buffer.concat(parts);
      parts = [];
      size = 0;
      compress(data, final);
    },
  };
};
