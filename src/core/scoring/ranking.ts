/** Grades and ranks. Scores arrive tidied (see util.tidy), so ties compare exactly. */
import { addTo } from '../group';
import type { Params } from './params';
import { zhCompare } from './util';

export type RankStyle = Params['rankStyle'];

/**
 * Rank of each score, highest first. dense (中国式): 1, 2, 2, 3; rank.eq: 1, 2, 2, 4.
 * Returned in the input order.
 */
export function rankScores(scores: number[], style: RankStyle): number[] {
  const distinct = [...new Set(scores)].sort((a, b) => b - a);
  const denseOf = new Map(distinct.map((s, i) => [s, i + 1]));
  if (style === 'dense') return scores.map((s) => denseOf.get(s)!);
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

/** Grade by bands (a score ≥ band.min gets it; bands highest first), or the fail grade. */
export function gradeFor(score: number, veto: boolean, params: Pick<Params, 'grades' | 'failGrade'>): string {
  if (veto) return params.failGrade;
  return params.grades.find((g) => score >= g.min)?.grade ?? params.failGrade;
}

/**
 * How many units may be 优秀 under the quota: floor(quota × units), with a tolerance so that
 * 0.2 × 10 is 2, not 1.
 */
export function quotaSeats(quota: number, units: number): number {
  return Math.floor(quota * units + 1e-9);
}

export interface Rankable {
  unit: string;
  category: string | null;
  score: number;
  veto: boolean;
}

export type Ranked<T> = T & { grade: string; rank: number; categoryRank: number };

/**
 * Grades and ranks units, sorted by rank then name. With a quota, units in the first band keep it
 * in rank order only while a whole tie group fits within the seats ("at most"); the others
 * drop to the next band.
 */
export function rankUnits<T extends Rankable>(items: T[], params: Params): Ranked<T>[] {
  const ranks = rankScores(items.map((i) => i.score), params.rankStyle);
  const catRanks = new Array<number>(items.length);
  const byCat = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = it.category ?? '\u0000';
    addTo(byCat, key, i);
  });
  for (const idx of byCat.values()) {
    const r = rankScores(idx.map((i) => items[i]!.score), params.rankStyle);
    idx.forEach((i, k) => (catRanks[i] = r[k]!));
  }
  const out = items.map((it, i) => ({
    ...it,
    grade: gradeFor(it.score, it.veto, params),
    rank: ranks[i]!,
    categoryRank: catRanks[i]!,
  }));
  out.sort((a, b) => a.rank - b.rank || b.score - a.score || zhCompare(a.unit, b.unit));
  if (params.excellentQuota !== null) applyQuota(out, params, quotaSeats(params.excellentQuota, out.length));
  return out;
}

function applyQuota<T extends { score: number; grade: string }>(sorted: T[], params: Params, seats: number): void {
  const top = params.grades[0];
  if (!top) return;
  const next = params.grades[1]?.grade ?? params.failGrade;
  let used = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const group = sorted.slice(i, j).filter((u) => u.grade === top.grade);
    if (used + group.length <= seats) used += group.length;
    else {
      for (const u of group) u.grade = next;
      seats = used; // once a group does not fit, nobody below may take a seat either
    }
    i = j;
  }
}
