/** Annual assessment (DOMAIN §3): round totals → annual base → adjustments → clamp → veto → rank. */
import { zhCollator, type Finding } from '../findings';
import { type AdjustmentItem, finish, unitAdjustments } from './adjustments';
import type { Params } from './params';
import { type Ranked, rankUnits } from './ranking';
import type { RectItem } from './rectification';
import type { Rubric } from './rubric';
import { scoreDisagreement, scoreMissing, scoreRoundMissing } from './rules';
import { type Adjustment, ROUNDS, ROUND_NAMES, type Round, type ScoreEntry } from './scores';
import { fmt, tidy, zhCompare } from './util';

export interface UnitInput {
  unit: string;
  category: string | null;
}

export interface AssessInput {
  units: UnitInput[];
  findings: Finding[];
  rubric: Rubric;
  params: Params;
  scores: ScoreEntry[];
  adjustments: Adjustment[];
  /** Previous rectification items (status + deadline), for the overdue deduction. */
  rectification?: RectItem[];
}

/** One unit × round × indicator: the inspectors' entries and their mean (null = not scored). */
export interface IndicatorResult {
  unit: string;
  round: Round;
  indicatorId: string;
  mean: number | null;
  entries: ScoreEntry[];
}

export interface UnitResult {
  unit: string;
  category: string | null;
  roundTotals: Partial<Record<Round, number>>;
  /** Annual base before adjustments; null when the unit has no score at all (then counted as 0). */
  base: number | null;
  adjustments: AdjustmentItem[];
  score: number;
  grade: string;
  veto: boolean;
  rank: number;
  categoryRank: number;
}

/** A unit without any score: never ranked, never graded 不合格 (status 未评分). */
export interface UnscoredUnit {
  unit: string;
  category: string | null;
  adjustments: AdjustmentItem[];
  veto: boolean;
}

export const UNSCORED = '未评分';

export interface Assessment {
  /** Scored units, sorted by rank, then unit name. */
  results: UnitResult[];
  /** Units with no score at all, by name: listed after the ranked ones, excluded from ranks and grade shares. */
  unscored: UnscoredUnit[];
  indicators: IndicatorResult[];
  /** score-missing, score-round-missing, score-disagreement. */
  findings: Finding[];
}

function groupBy<T, K>(xs: T[], key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function unitUniverse(input: AssessInput): UnitInput[] {
  const out = new Map<string, UnitInput>();
  for (const u of input.units) if (!out.has(u.unit)) out.set(u.unit, u);
  for (const e of [...input.scores, ...input.adjustments]) {
    if (!out.has(e.unit)) out.set(e.unit, { unit: e.unit, category: null });
  }
  return [...out.values()];
}

/** Per round: the total, or undefined when the unit was not scored in that round. */
function roundResults(unit: string, byRound: Map<Round, ScoreEntry[]>, input: AssessInput, findings: Finding[]) {
  const { rubric, params } = input;
  const totals: Partial<Record<Round, number>> = {};
  const indicators: IndicatorResult[] = [];
  for (const round of ROUNDS) {
    const entries = byRound.get(round);
    if (!entries?.length) continue;
    let total = 0;
    for (const ind of rubric.indicators) {
      // Inspectors in name order: the same wherever the scores were read from (评分 rows, 评分表 columns).
      const mine = entries.filter((e) => e.indicatorId === ind.id).sort((a, b) => zhCollator.compare(a.inspector, b.inspector));
      const m = mine.length ? mean(mine.map((e) => e.score)) : null;
      indicators.push({ unit, round, indicatorId: ind.id, mean: m === null ? null : tidy(m), entries: mine });
      if (m === null) {
        const what = `${ROUND_NAMES[round]}检查缺少“${ind.level2}”的评分，该项按 0 分计`;
        findings.push(scoreMissing.at({ unit }, { what }));
        continue;
      }
      total += m;
      const scores = mine.map((e) => e.score);
      const spread = Math.max(...scores) - Math.min(...scores);
      if (spread > params.disagreementRatio * ind.max + 1e-9) {
        // Scores from several files: name the file of each, so the office knows whom to ask.
        const files = new Set(mine.map((e) => e.file));
        const detail = mine.map((e) => `${e.inspector || '（未署名）'} ${fmt(e.score)}${files.size > 1 && e.file ? `（${e.file}）` : ''}`).join('、');
        const place = { unit, file: mine[0]!.file, sheet: mine[0]!.sheet, cell: mine[0]!.cell };
        findings.push(scoreDisagreement.at(place, { indicator: ind.level2, round: ROUND_NAMES[round], spread: tidy(spread), max: ind.max, detail }));
      }
    }
    totals[round] = tidy(total);
  }
  return { totals, indicators };
}

function annualBase(totals: Partial<Record<Round, number>>, weights: [number, number]): number | null {
  const present = ROUNDS.filter((r) => totals[r] !== undefined);
  if (!present.length) return null;
  let w = present.map((r) => (r === 1 ? weights[0] : weights[1]));
  if (w.every((x) => x === 0)) w = present.map(() => 1);
  const sumW = w.reduce((s, x) => s + x, 0);
  return tidy(present.reduce((s, r, i) => s + totals[r]! * w[i]!, 0) / sumW);
}

export function assess(input: AssessInput): Assessment {
  const { params } = input;
  const findings: Finding[] = [];
  const indicators: IndicatorResult[] = [];
  const conducted = new Set(input.scores.map((e) => e.round));
  const byUnit = new Map<string, Map<Round, ScoreEntry[]>>();
  for (const [unit, list] of groupBy(input.scores, (e) => e.unit)) byUnit.set(unit, groupBy(list, (e) => e.round));
  const findingsOf = groupBy(input.findings, (f) => f.unit ?? '');
  const adjustmentsOf = groupBy(input.adjustments, (a) => a.unit);
  const rectOf = groupBy(input.rectification ?? [], (i) => i.unit);
  const rows: (UnitInput & { score: number; veto: boolean; roundTotals: Partial<Record<Round, number>>; base: number | null; adjustments: AdjustmentItem[] })[] = [];
  const unscored: UnscoredUnit[] = [];
  for (const u of unitUniverse(input)) {
    const r = roundResults(u.unit, byUnit.get(u.unit) ?? new Map(), input, findings);
    indicators.push(...r.indicators);
    const base = annualBase(r.totals, params.roundWeights);
    if (base === null && conducted.size > 0) {
      findings.push(scoreMissing.at({ unit: u.unit }, { what: `全年没有任何评分，暂不排名（${UNSCORED}）` }));
    } else if (base !== null) {
      for (const round of conducted) {
        if (r.totals[round] === undefined) findings.push(scoreRoundMissing.at({ unit: u.unit }, { round: ROUND_NAMES[round] }));
      }
    }
    const adjustments = adjustmentsOf.get(u.unit) ?? [];
    const items = unitAdjustments(u.unit, findingsOf.get(u.unit) ?? [], adjustments, rectOf.get(u.unit) ?? [], params);
    const vetoes = adjustments.filter((a) => a.kind === 'veto');
    const subtotal = (base ?? 0) + items.reduce((s, i) => s + i.points, 0);
    const score = finish(u.unit, subtotal, vetoes, params, items, base !== null);
    if (base === null) unscored.push({ ...u, adjustments: items, veto: vetoes.length > 0 });
    else rows.push({ ...u, roundTotals: r.totals, base, adjustments: items, score, veto: vetoes.length > 0 });
  }
  unscored.sort((a, b) => zhCompare(a.unit, b.unit));
  const ranked: Ranked<(typeof rows)[number]>[] = rankUnits(rows, params);
  const results: UnitResult[] = ranked.map((x) => ({
    unit: x.unit,
    category: x.category,
    roundTotals: x.roundTotals,
    base: x.base,
    adjustments: x.adjustments,
    score: x.score,
    grade: x.grade,
    veto: x.veto,
    rank: x.rank,
    categoryRank: x.categoryRank,
  }));
  return { results, unscored, indicators, findings };
}
