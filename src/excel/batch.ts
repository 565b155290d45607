/**
 * Request batching. Office.js queues commands locally and sends them on context.sync(); Excel on
 * the web rejects a request (or response) above 5 MB. We keep every request under
 * REQUEST_LIMIT_BYTES (4 MB) by estimating each queued payload as its UTF-8 JSON size plus a
 * per-command overhead, and syncing only when the next payload would not fit. The number of
 * syncs therefore depends on the bytes written, never on the number of units or rows.
 */
export const REQUEST_LIMIT_BYTES = 4_000_000;
/** Generous estimate of what one queued command costs besides its payload (object path, ids). */
export const OP_OVERHEAD_BYTES = 200;

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
  async reserve(payload: number, ops = 1): Promise<void> {
    const need = payload + OP_OVERHEAD_BYTES * ops;
    if (this.ops > 0 && this.bytes + need > this.limit) await this.flush();
    if (this.ops === 0 && this.opts.onBatchStart) {
      // e.g. suspendApiCalculationUntilNextSync: queued first so it covers the whole request.
      this.opts.onBatchStart();
      this.bytes += OP_OVERHEAD_BYTES;
    }
    this.bytes += need;
    this.ops += ops;
  }

  /** Sync what is queued (if anything). */
  async flush(): Promise<void> {
    if (this.ops === 0) return;
    this.maxRequestBytes = Math.max(this.maxRequestBytes, this.bytes);
    this.bytes = 0;
    this.ops = 0;
    this.syncs++;
    await this.ctx.sync();
  }
}
