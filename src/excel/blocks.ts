/**
 * Reading cell blocks with responses kept under Excel's limit. Excel on the web refuses a response
 * above 5 MB ("Payload size limit best practices" in the Excel performance article), and a
 * response's size depends on the text in the cells, which is unknown before reading. So:
 * - blocks are sized by an estimate per cell, and each request aims at half the limit;
 * - after every sync the real size of each block's values is measured and the estimate rises to
 *   1.5× the largest bytes per cell seen so far, so text-heavy sheets get smaller blocks;
 * - a request Excel refuses anyway is re-sent as smaller blocks (the estimate is quadrupled).
 * The number of syncs follows the bytes read, never the number of sheets or rows.
 */
import { payloadBytes, REQUEST_LIMIT_BYTES } from './batch';

/** Target size of one block (several blocks share a request). */
const BLOCK_BYTES = 512 * 1024;
/** Refused requests re-sent at most this many times (each time with quarter-size blocks). */
const MAX_RETRIES = 6;

export interface BlockTarget {
  ws: Excel.Worksheet;
  row0: number;
  col0: number;
  rows: number;
  cols: number;
}

export interface LoadedBlock<T extends BlockTarget> {
  target: T;
  /** First row of the block (absolute, 0-based). */
  row0: number;
  range: Excel.Range;
}

export interface BlockStats {
  syncs: number;
  /** Largest measured response (bytes of the loaded properties). */
  maxResponseBytes: number;
  /** Requests refused and re-sent smaller. */
  retries: number;
}

/**
 * Loads `props` (e.g. `values,numberFormat`) of every target in row blocks and hands each loaded
 * block to `onBlock`, in order within a target.
 */
export async function readBlocks<T extends BlockTarget>(
  context: Excel.RequestContext,
  targets: T[],
  props: string[],
  onBlock: (b: LoadedBlock<T>) => void,
  opts: { bytesPerCell: number; limit?: number },
): Promise<BlockStats> {
  const budget = Math.floor((opts.limit ?? REQUEST_LIMIT_BYTES) / 2);
  let perCell = opts.bytesPerCell;
  let worst = 0; // largest bytes per cell measured
  const next = targets.map(() => 0);
  const stats: BlockStats = { syncs: 0, maxResponseBytes: 0, retries: 0 };
  let t = 0;
  while (t < targets.length) {
    // One request: blocks from the current target on, until the estimate reaches the budget.
    const pending: { i: number; block: LoadedBlock<T>; cells: number }[] = [];
    let bytes = 0;
    for (let i = t; i < targets.length && bytes < budget; i++) {
      const tg = targets[i]!;
      const rowBytes = Math.max(1, tg.cols * perCell);
      const per = Math.max(1, Math.floor(BLOCK_BYTES / rowBytes));
      while (next[i]! < tg.rows) {
        const room = Math.floor((budget - bytes) / rowBytes);
        if (pending.length > 0 && room < 1) break;
        const n = Math.min(per, tg.rows - next[i]!, Math.max(1, room));
        const range = tg.ws.getRangeByIndexes(tg.row0 + next[i]!, tg.col0, n, tg.cols);
        // The callers name the properties (values, valueTypes, numberFormat or valuesAsJson);
        // the rule cannot see through the variable.
        // eslint-disable-next-line office-addins/no-empty-load
        range.load(props.join(','));
        pending.push({ i, block: { target: tg, row0: tg.row0 + next[i]!, range }, cells: n * tg.cols });
        next[i] = next[i]! + n;
        bytes += n * rowBytes;
      }
      if (next[i]! < tg.rows) break;
    }
    if (pending.length === 0) {
      t++;
      continue;
    }
    try {
      // Not a sync per item: one per request-sized group of blocks (see the file comment).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      stats.syncs++;
    } catch (e) {
      stats.syncs++;
      if (stats.retries >= MAX_RETRIES || (pending.length === 1 && pending[0]!.cells <= pending[0]!.block.target.cols)) throw e;
      stats.retries++;
      for (const p of pending) next[p.i] = Math.min(next[p.i]!, p.block.row0 - p.block.target.row0);
      t = Math.min(...pending.map((p) => p.i));
      perCell *= 4;
      continue;
    }
    let response = 0;
    for (const p of pending) {
      const size = payloadBytes(props.map((name) => (p.block.range as unknown as Record<string, unknown>)[name]));
      response += size;
      worst = Math.max(worst, size / p.cells);
      onBlock(p.block);
    }
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, response);
    perCell = Math.max(perCell, Math.ceil(worst * 1.5));
    while (t < targets.length && next[t]! >= targets[t]!.rows) t++;
  }
  return stats;
}

/** Sync budget for splitting merged-area reads (a sheet needs about 2 per 512 areas). */
const MERGE_SYNCS = 64;

/**
 * Merged areas (ExcelApi 1.13) of each target, as RangeAreas addresses. All targets go in one
 * request. getMergedAreasOrNullObject fails when a range holds more than 512 merged areas (it
 * reports the areas whose top-left cell is in the range, OfficeDev/office-js#3611), and one
 * failure fails the whole request; so a refused request is split — per target, then into halves
 * of rows — until every piece fits. Pieces still refused when the budget is spent read as no
 * merges, and `incomplete` names their targets.
 */
export async function readMergedAreas<T extends BlockTarget>(
  context: Excel.RequestContext,
  targets: T[],
): Promise<{ addresses: Map<T, string[]>; incomplete: Set<T>; syncs: number }> {
  const addresses = new Map<T, string[]>(targets.map((t) => [t, []]));
  const incomplete = new Set<T>();
  let syncs = 0;
  const attempt = async (pieces: { target: T; row0: number; rows: number }[]): Promise<void> => {
    if (pieces.length === 0) return;
    if (syncs >= MERGE_SYNCS) {
      for (const p of pieces) incomplete.add(p.target);
      return;
    }
    const areas = pieces.map((p) => {
      const a = p.target.ws.getRangeByIndexes(p.row0, p.target.col0, p.rows, p.target.cols).getMergedAreasOrNullObject();
      a.load('address');
      return a;
    });
    syncs++;
    try {
      await context.sync();
    } catch {
      if (pieces.length > 1) {
        const half = Math.ceil(pieces.length / 2);
        await attempt(pieces.slice(0, half));
        await attempt(pieces.slice(half));
      } else if (pieces[0]!.rows > 1) {
        const p = pieces[0]!;
        const top = Math.ceil(p.rows / 2);
        await attempt([{ target: p.target, row0: p.row0, rows: top }, { target: p.target, row0: p.row0 + top, rows: p.rows - top }]);
      } else incomplete.add(pieces[0]!.target);
      return;
    }
    pieces.forEach((p, i) => {
      const a = areas[i]!;
      if (!a.isNullObject && a.address) addresses.get(p.target)!.push(a.address);
    });
  };
  await attempt(targets.filter((t) => t.rows > 0 && t.cols > 0).map((t) => ({ target: t, row0: t.row0, rows: t.rows })));
  return { addresses, incomplete, syncs };
}
