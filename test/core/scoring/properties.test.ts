import fc from 'fast-check';
import { type Adjustment, DEFAULT_RUBRIC, type ScoreEntry, assess, makeParams, rankScores } from '../../../src/core/scoring';
import { finding } from './helpers';
import type { RuleId } from '../../../src/core/findings';

const UNITS = ['甲', '乙', '丙', '丁', '戊'];
const RULES: RuleId[] = ['form-missing', 'website-stale-long', 'group-not-real-name', 'zombie-still-registered', 'unit-missing'];

const scoreArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  ind: fc.integer({ min: 0, max: DEFAULT_RUBRIC.indicators.length - 1 }),
  round: fc.constantFrom(1 as const, 2 as const),
  inspector: fc.constantFrom('张三', '李四'),
  frac: fc.double({ min: 0, max: 1, noNaN: true }),
});

const inputArb = fc.record({
  scores: fc.array(scoreArb, { maxLength: 60 }),
  findings: fc.array(fc.record({ unit: fc.constantFrom(...UNITS), rule: fc.constantFrom(...RULES), cell: fc.constantFrom('A1', 'B2', 'C3', 'D4') }), { maxLength: 30 }),
  adjustments: fc.array(fc.record({ unit: fc.constantFrom(...UNITS), veto: fc.boolean(), points: fc.integer({ min: 0, max: 10 }) }), { maxLength: 5 }),
  style: fc.constantFrom('dense' as const, 'rank.eq' as const),
  quota: fc.constantFrom(null, 0.2, 0.5),
});

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function run(x: Input) {
  const scores: ScoreEntry[] = x.scores.map((s) => {
    const ind = DEFAULT_RUBRIC.indicators[s.ind]!;
    return { round: s.round, inspector: s.inspector, unit: s.unit, indicatorId: ind.id, score: Math.round(s.frac * ind.max * 2) / 2, note: '', file: null, sheet: null, cell: null };
  });
  const adjustments: Adjustment[] = x.adjustments.map((a) => ({ unit: a.unit, kind: a.veto ? 'veto' : 'bonus', points: a.veto ? 0 : a.points, note: '', file: null, sheet: null, cell: null }));
  return assess({
    units: UNITS.map((unit, i) => ({ unit, category: i % 2 ? '教学单位' : '职能部门' })),
    findings: x.findings.map((f) => finding(f.rule, f.unit, { cell: f.cell, form: f.rule === 'form-missing' ? 'website' : null })),
    rubric: DEFAULT_RUBRIC,
    params: makeParams({ asOf: '2024-11-20', rankStyle: x.style, excellentQuota: x.quota }),
    scores,
    adjustments,
  });
}

describe('properties', () => {
  it('score within [0, 100]; base + items = score; veto ⇒ 不合格 and ≤ 59', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        for (const r of run(x).results) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect((r.base ?? 0) + r.adjustments.reduce((s, a) => s + a.points, 0)).toBeCloseTo(r.score, 9);
          if (r.veto) {
            expect(r.grade).toBe('不合格');
            expect(r.score).toBeLessThanOrEqual(59);
          }
        }
      }),
    );
  });

  it('rank order is consistent with scores, overall and within category', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const rs = run(x).results;
        for (const a of rs) {
          for (const b of rs) {
            if (a.score > b.score) expect(a.rank).toBeLessThan(b.rank);
            if (a.score === b.score) expect(a.rank).toBe(b.rank);
            if (a.category === b.category && a.score > b.score) expect(a.categoryRank).toBeLessThan(b.categoryRank);
          }
        }
        for (let i = 1; i < rs.length; i++) expect(rs[i]!.rank).toBeGreaterThanOrEqual(rs[i - 1]!.rank);
      }),
    );
  });

  it('dense ranks are contiguous from 1; RANK.EQ ranks count the better scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }).map((n) => n * 5), { minLength: 1, maxLength: 40 }), (scores) => {
        const dense = rankScores(scores, 'dense');
        const distinct = new Set(dense);
        expect([...distinct].sort((a, b) => a - b)).toEqual(Array.from({ length: distinct.size }, (_, i) => i + 1));
        const eq = rankScores(scores, 'rank.eq');
        scores.forEach((s, i) => expect(eq[i]).toBe(1 + scores.filter((o) => o > s).length));
      }),
    );
  });
});
