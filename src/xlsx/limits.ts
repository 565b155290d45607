/** Bounds on what a submitted file may cost us; a hostile file is refused before it costs more. */
export interface ReadLimits {
  /** Size of the file as submitted. */
  maxFileBytes: number;
  /** Sum of the declared uncompressed sizes of all zip entries. */
  maxUncompressedBytes: number;
  /** Uncompressed:compressed ratio per entry, checked only for entries over 1 MB. */
  maxEntryRatio: number;
  maxCellsPerSheet: number;
  maxSheets: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 20 * MB,
  maxUncompressedBytes: 200 * MB,
  maxEntryRatio: 200,
  maxCellsPerSheet: 200_000,
  maxSheets: 50,
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

export function withDefaults(limits?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

export function formatMB(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}
