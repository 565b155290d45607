/**
 * Bounds on what a submitted file may cost us. Each is enforced by construction while reading;
 * a breach either refuses the file (too-large) or drops the excess with a note that names the
 * limit (see `ReadNote` in core/grid), so the cost of a file never follows what it declares.
 */
export interface ReadLimits {
  /** Size of the file as submitted. */
  maxFileBytes: number;
  /** Sum of the declared uncompressed sizes of all zip entries. */
  maxUncompressedBytes: number;
  /** Uncompressed:compressed ratio per entry, checked only for entries over 1 MB. */
  maxEntryRatio: number;
  /** Cells that hold a value or a formula, per sheet and in the whole file (styled empty cells are not counted). */
  maxCellsPerSheet: number;
  maxCellsPerFile: number;
  /** Distinct worksheet parts read. */
  maxSheets: number;
  /** `<c>` elements per part, empty ones included: bounds the parsing work of formatted templates. */
  maxCellElements: number;
  /** Sheet entries in workbook.xml that are looked at. */
  maxSheetEntries: number;
  /** Columns read per row (filing forms have about a dozen; rows × this bounds a sheet's slots). */
  maxColumns: number;
  /** Merged areas per sheet, and the largest area (in cells) one merge may cover. */
  maxMerges: number;
  maxMergeArea: number;
  /** Characters of one string (Excel's own cell limit), and of all text in the file together. */
  maxStringChars: number;
  maxTextChars: number;
  /** Characters of one formula (Excel's own limit), and of all formula text kept per sheet. */
  maxFormulaChars: number;
  maxFormulaTextPerSheet: number;
  /** Wall-clock budget for reading one file, in milliseconds. */
  maxReadMs: number;
  /** Inspection date `YYYY-MM-DD`: what TODAY() is when a formula has no cached value. */
  asOf?: string | null;
  /** Not a limit: a native raw-deflate inflater where the host has one (Node's zlib); fflate otherwise. */
  inflate?: Inflater;
  /** Not a limit: a native CRC-32 where the host has one; the JS one otherwise. */
  crc32?: (bytes: Uint8Array) => number;
}

/**
 * Inflates a raw deflate stream whole. Must throw when the stream is invalid or when its output
 * would pass `maxBytes`, without producing (or decoding much) more than that.
 */
export type Inflater = (raw: Uint8Array, maxBytes: number) => Uint8Array;

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 20 * MB,
  maxUncompressedBytes: 200 * MB,
  maxEntryRatio: 200,
  maxCellsPerSheet: 200_000,
  maxCellsPerFile: 1_000_000,
  maxSheets: 50,
  maxCellElements: 3_000_000,
  maxSheetEntries: 200,
  maxColumns: 64,
  maxMerges: 10_000,
  maxMergeArea: 1_000_000,
  maxStringChars: 32_767,
  maxTextChars: 10_000_000,
  maxFormulaChars: 8_192,
  maxFormulaTextPerSheet: 2_000_000,
  maxReadMs: 10_000,
};

export type Problem = 'unreadable' | 'unsupported' | 'too-large';

export interface ReadFailure {
  ok: false;
  problem: Problem;
  /** A Chinese sentence for the user: what is wrong and how to fix it. */
  detail: string;
}

export function fail(problem: Problem, detail: string): ReadFailure {
  return { ok: false, problem, detail };
}

/** Thrown from deep inside a reader to refuse the file with a precise failure. */
export class ReadRefused extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.detail);
  }
}

export function withDefaults(limits?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

export function formatMB(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** A wall-clock budget, checked every so often inside long loops. */
export class Budget {
  private readonly end: number;
  constructor(private readonly ms: number) {
    this.end = Date.now() + ms;
  }
  check(): void {
    if (Date.now() > this.end) {
      throw new ReadRefused(fail('too-large', `读取本文件用时超过 ${Math.round(this.ms / 1000)} 秒的上限（每个文件的处理时间上限），已停止读取；请删除多余的工作表、行列或公式后重新保存再提交`));
    }
  }
}
