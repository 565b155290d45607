/**
 * The unit-level columns of the wide layout beside its indicators: 加分 (the unit's bonus, with
 * its reason), 减分 / 扣分 (only what the indicators lost: anything else is flagged, never
 * counted) and 一票否决.
 */
import type { Finding } from '../findings';
import { type SheetGrid, a1, cellAt, isBlank } from '../grid';
import { adjustmentInvalid } from './rules';
import type { Layout } from './score-layout';
import type { Adjustment } from './scores';
import { fmt, norm, signedNumber, text, tidy } from './util';

const YES = new Set(['是', '有', '√', '✓', '✔', '否决', '一票否决', '1']);
const NO = new Set(['否', '无', '没有', '×', '✗', '0', '/', '-', '—', '不否决']);

/** 是（网站被篡改）, 是：发布违规信息, 否（已整改）: the answer, and its reason when one follows. */
function vetoWord(shown: string): { word: string; why: string } {
  const m = /^\s*([^\s(（:：,，、;；]{1,4})\s*[(（:：,，、;；]\s*(.*?)\s*[)）]?\s*$/.exec(shown);
  return m && m[2] ? { word: m[1]!, why: m[2] } : { word: shown, why: '' };
}

type Place = (cell: string, unit: string) => { unit: string | null; file: string | null; sheet: string | null; cell: string | null };

/** The columns read, so a row with only a 加分 typed is still read. */
export function extraCols(cols: Layout['cols']): number[] {
  return [cols.bonus, cols.minus ?? cols.deduction, cols.veto].filter((c): c is number => c !== undefined);
}

/**
 * Reads row r's extras for `unit`; `lost` is what the indicators read on the row lost (points −
 * score), against which a 扣分 column is the row's deduction total.
 */
export function wideExtras(sheet: SheetGrid, cols: Layout['cols'], r: number, unit: string, lost: number, at: Place, file: string | null): { adjustments: Adjustment[]; findings: Finding[] } {
  const adjustments: Adjustment[] = [];
  const findings: Finding[] = [];
  const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
  const note = (c: number | undefined) => text(get(c)) || text(get(cols.note));
  const add = (kind: Adjustment['kind'], points: number, c: number, why: string) =>
    adjustments.push({ unit, kind, points, note: why, file, sheet: sheet.name, cell: a1(r, c) });

  if (cols.bonus !== undefined && !isBlank(get(cols.bonus))) {
    const c = cols.bonus;
    const v = signedNumber(get(c));
    const shown = text(get(c));
    if (v === null) findings.push(adjustmentInvalid.at(at(a1(r, c), unit), { problem: `加分“${shown}”不是分数，未计入` }));
    else if (v < 0) findings.push(adjustmentInvalid.at(at(a1(r, c), unit), { problem: `加分“${shown}”为负数，未计入：减分由各项指标的得分体现` }));
    else if (v > 0) add('bonus', v, c, note(cols.bonusNote));
  }
  const minusCol = cols.minus ?? cols.deduction;
  if (minusCol !== undefined && !isBlank(get(minusCol))) {
    const v = signedNumber(get(minusCol));
    const shown = text(get(minusCol));
    const why = note(cols.minusNote);
    if (v === null) findings.push(adjustmentInvalid.at(at(a1(r, minusCol), unit), { problem: `减分“${shown}”不是分数，未计入` }));
    // A 扣分 total equal to what the indicators lost is their sum, already counted through them.
    else if (v !== 0 && tidy(Math.abs(v)) !== tidy(lost)) {
      findings.push(adjustmentInvalid.at(at(a1(r, minusCol), unit), {
        problem: `减分 ${fmt(Math.abs(v))} 分${why ? `（${why}）` : ''}未计入：各项指标共扣 ${fmt(lost)} 分，减分应体现在相应指标的得分中`,
      }));
    }
  }
  if (cols.veto !== undefined && !isBlank(get(cols.veto))) {
    const { word, why } = vetoWord(text(get(cols.veto)));
    const t = norm(word);
    if (YES.has(t)) add('veto', 0, cols.veto, why || text(get(cols.note)) || '一票否决');
    else if (!NO.has(t)) findings.push(adjustmentInvalid.at(at(a1(r, cols.veto), unit), { problem: `一票否决“${text(get(cols.veto))}”应为“是”或“否”，未计入` }));
  }
  return { adjustments, findings };
}
