/**
 * One 加减分 row counts once wherever it is written: typed twice in a sheet, or carried by
 * several files (each inspector's workbook, a result sent back with the office's rows).
 */
import type { Finding } from '../findings';
import { squash } from '../normalize/text';
import type { OutValue } from '../report/model';
import { locationText } from './keys';
import { adjustmentConflict, adjustmentDuplicate, adjustmentRepeated } from './rules';
import type { Adjustment } from './scores';
import { fmt } from './util';

/** Identity of a row: unit, kind, points and the note with spacing and width ignored. */
export function adjustmentKey(a: Pick<Adjustment, 'unit' | 'kind' | 'points' | 'note'>): string {
  return [a.unit, a.kind, a.points, squash(a.note)].join('\u0000');
}

export const sameAdjustment = (a: Adjustment, b: Adjustment) => adjustmentKey(a) === adjustmentKey(b);

function itemText(a: Adjustment): string {
  const what = a.kind === 'veto' ? '一票否决' : `加分 ${fmt(a.points)} 分`;
  return a.note ? `${what}“${a.note}”` : what;
}

/**
 * Bonuses read from score sheets' 加分 columns, one per inspector's row: the same award (unit and
 * note) given different points by two inspectors is one bonus, the later's, and a warning.
 */
export function oneBonusPerAward(items: readonly Adjustment[]): { adjustments: Adjustment[]; findings: Finding[] } {
  const byAward = new Map<string, number>();
  const out: Adjustment[] = [];
  const findings: Finding[] = [];
  for (const a of items) {
    if (a.kind !== 'bonus') {
      out.push(a);
      continue;
    }
    const key = [a.unit, squash(a.note)].join('\u0000');
    const at = byAward.get(key);
    if (at === undefined) {
      byAward.set(key, out.push(a) - 1);
      continue;
    }
    const was = out[at]!;
    if (was.points !== a.points) {
      findings.push(adjustmentConflict.at({ unit: a.unit, file: a.file, sheet: a.sheet, cell: a.cell }, { unit: a.unit, note: a.note, first: `${fmt(was.points)} 分（${locationText(was)}）`, second: `${fmt(a.points)} 分（${locationText(a)}）` }));
    }
    out[at] = a;
  }
  return { adjustments: out, findings };
}

/**
 * The rows of several sheets, in order, each identical row kept once (the first). A repeat in
 * the same sheet is a warning (typed twice?); in another sheet or file, an info (a copy).
 */
export function dedupeAdjustments(sheets: readonly Adjustment[][]): { adjustments: Adjustment[]; findings: Finding[] } {
  const first = new Map<string, Adjustment>();
  const findings: Finding[] = [];
  for (const rows of sheets) {
    for (const a of rows) {
      const key = adjustmentKey(a);
      const seen = first.get(key);
      if (!seen) {
        first.set(key, a);
        continue;
      }
      const place = { unit: a.unit, file: a.file, sheet: a.sheet, cell: a.cell };
      const item = itemText(a);
      if (seen.file === a.file && seen.sheet === a.sheet) findings.push(adjustmentDuplicate.at(place, { unit: a.unit, item, first: seen.cell ?? '' }));
      else findings.push(adjustmentRepeated.at(place, { unit: a.unit, item, first: locationText(seen) }));
    }
  }
  return { adjustments: [...first.values()], findings };
}

/** Rows typed into the result's 加减分, each written once (cells compared as read, spacing ignored). */
export function dedupeTypedRows(rows: readonly OutValue[][]): OutValue[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = r.map((v) => (typeof v === 'string' ? squash(v) : JSON.stringify(v))).join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
