/**
 * Request batching. Office.js queues commands locally and sends them on context.sync(); Excel on
 * the web rejects a request (or response) above 5 MB ("Payload size limit best practices" in the
 * Excel performance article: the size counts API calls and objects, not just values). We keep
 * every request under REQUEST_LIMIT_BYTES (4 MB) by charging each queued command its payload
 * (UTF-8 JSON) plus what Office.js adds around it, and syncing only when the next command would
 * not fit. The number of syncs therefore depends on the bytes written, never on the number of
 * units or rows.
 *
 * The overheads are calibrated on the Office.js client's own serialiser (test/excel/officeJs.ts
 * runs the npm package's web build and records every request body; the tests check that no
 * request is larger than this estimate):
 * - a property set or method on a fresh range (`getRange(a).untrack().format.fill.color = …`):
 *   the object paths of range, format and fill, one instantiate action each, the action itself —
 *   about 640 B, so 700;
 * - a note (`notes.add(cell, text)`): an Add path and its instantiate action, about 210 B;
 * - a values / numberFormat array: Office.js splits it into pieces of 1,500 cells, each addressed
 *   by two getRow paths and a bounding rectangle, 560–700 B a piece, so 800.
 */
export const REQUEST_LIMIT_BYTES = 4_000_000;
/** What one queued command on a fresh object costs besides its payload. */
export const OP_OVERHEAD_BYTES = 700;
/** One note (NoteCollection.add / Note.delete on the sheet's shared collection). */
export const NOTE_BYTES = 260;
/** One piece of a large values / numberFormat array. */
export const CHUNK_OVERHEAD_BYTES = 800;
/** Cells per piece when Office.js splits a large array (setRangePropertiesInBulk). */
const CHUNK_CELLS = 1500;

/** Pieces Office.js sends a rows × cols array in. */
export function chunkCount(rows: number, cols: number): number {
  if (rows * cols <= CHUNK_CELLS) return 1;
  const perChunk = Math.max(1, Math.round(CHUNK_CELLS / cols));
  return Math.ceil(rows / perChunk) + 1;
}

/** UTF-8 length of a string without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated request bytes of a payload (JSON, UTF-8). */
export function payloadBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? 'null');
}

export interface Syncable {
  sync(): Promise<unknown>;
}

export class RequestBatch {
  private bytes = 0;
  private ops = 0;
  /** Syncs issued by this batch. */
  syncs = 0;
  /** Largest estimated request sent. */
  maxRequestBytes = 0;
  /** Estimated size of each request sent, in order. */
  readonly estimates: number[] = [];
  /** Requests Excel accepted. */
  completed = 0;
  /** True while a request is out (still true after it failed). */
  sending = false;

  constructor(
    private readonly ctx: Syncable,
    private readonly opts: { limit?: number; onBatchStart?: () => void } = {},
  ) {}

  get limit(): number {
    return this.opts.limit ?? REQUEST_LIMIT_BYTES;
  }

  /**
   * Call before queuing `ops` commands carrying `payload` bytes in all; syncs first if they
   * would not fit in the current request.
   */
  async reserve(payload: number, ops = 1, perOp = OP_OVERHEAD_BYTES): Promise<void> {
    const need = payload + perOp * ops;
    if (this.ops > 0 && this.bytes + need > this.limit) await this.flush();
    if (this.ops === 0 && this.opts.onBatchStart) {
      // e.g. suspendApiCalculationUntilNextSync: queued first so it covers the whole request.
      this.opts.onBatchStart();
      this.bytes += OP_OVERHEAD_BYTES;
    }
    this.bytes += need;
    this.ops += Math.max(1, ops);
  }

  /** Sync what is queued (if anything). */
  async flush(): Promise<void> {
    if (this.ops === 0) return;
    this.maxRequestBytes = Math.max(this.maxRequestBytes, this.bytes);
    this.estimates.push(this.bytes);
    this.bytes = 0;
    this.ops = 0;
    this.syncs++;
    this.sending = true;
    await this.ctx.sync();
    this.sending = false;
    this.completed++;
  }
}
