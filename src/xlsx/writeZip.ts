/**
 * The low level of our .xlsx writer: XML escaping and a zip that is deflated as it is written
 * (fflate's streaming Zip), so no part of the workbook is ever held as one big string.
 * Runs in Node and in a browser worker alike.
 */
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Where a host deflater hands one entry's compressed bytes: in order, now or later, the last final. */
export interface DeflateOutput {
  data(bytes: Uint8Array, final: boolean): void;
  error(e: Error): void;
}

/**
 * A raw DEFLATE stream for one zip entry, given by a host with a faster one (the CLI passes
 * Node's native zlib, which may compress off the main thread). fflate's own is the default.
 */
export interface RawDeflater {
  push(chunk: Uint8Array, final: boolean): void;
}
export type DeflaterFactory = (level: DeflateLevel, out: DeflateOutput) => RawDeflater;

/** A zip entry compressed by a host deflater; fflate's pass-through keeps its size and CRC. */
class HostDeflate extends ZipPassThrough {
  private readonly deflater: RawDeflater;

  constructor(name: string, level: DeflateLevel, factory: DeflaterFactory) {
    super(name);
    this.compression = 8;
    this.deflater = factory(level, {
      data: (bytes, final) => this.ondata(null, bytes as Uint8Array<ArrayBuffer>, final),
      error: (e) => this.ondata(Object.assign(e, { code: 0 }), null as unknown as Uint8Array<ArrayBuffer>, true),
    });
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.deflater.push(chunk, final);
  }
}

/** Text content and attribute values: `& < > "` escaped. */
export function esc(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text for an ST_Xstring (cell text, shared strings, notes): readers decode `_xHHHH_`, so a literal
 * one is protected by escaping its underscore as `_x005F_`.
 */
export function xstr(s: string): string {
  return esc(s.indexOf('_x') < 0 ? s : s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

/** `<t>` with xml:space="preserve" when leading/trailing white space or line breaks would be lost. */
export function tElement(s: string): string {
  const keep = /^\s|\s$|\n/.test(s);
  return keep ? `<t xml:space="preserve">${xstr(s)}</t>` : `<t>${xstr(s)}</t>`;
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One zip entry being written; text is buffered and deflated in slices. */
export class PartWriter {
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly file: ZipDeflate | HostDeflate) {}

  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush(false);
  }

  end(): void {
    this.flush(true);
  }

  private flush(final: boolean): void {
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    this.file.push(strToU8(chunk), final);
  }
}

/**
 * A zip written entry by entry; `finish()` returns the bytes, `finished()` waits first for a
 * host deflater still compressing. Compression level 6 (fflate's default).
 */
export class ZipSink {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private error: Error | null = null;
  private done = false;
  private settle: (() => void) | null = null;

  constructor(
    private readonly level: DeflateLevel = 6,
    private readonly deflater?: DeflaterFactory,
  ) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) this.error ??= err;
      else this.chunks.push(chunk);
      if (final || err) this.done = true;
      if (this.done) this.settle?.();
    });
  }

  /** Starts an entry; write it fully and `end()` it before starting the next. */
  part(name: string): PartWriter {
    const file = this.deflater ? new HostDeflate(name, this.level, this.deflater) : new ZipDeflate(name, { level: this.level });
    this.zip.add(file);
    return new PartWriter(file);
  }

  /** A small entry in one go. */
  text(name: string, content: string): void {
    const p = this.part(name);
    p.write(content);
    p.end();
  }

  finish(): Uint8Array {
    this.zip.end();
    return this.bytes();
  }

  async finished(): Promise<Uint8Array> {
    this.zip.end();
    if (!this.done) await new Promise<void>((resolve) => (this.settle = resolve));
    return this.bytes();
  }

  private bytes(): Uint8Array {
    if (this.error) throw this.error;
    if (!this.done) throw new Error('zip not finished');
    let n = 0;
    for (const c of this.chunks) n += c.length;
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
