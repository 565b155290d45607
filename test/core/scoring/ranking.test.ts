import { gradeFor, makeParams, quotaSeats, rankScores, rankUnits } from '../../../src/core/scoring';

const params = makeParams({ asOf: '2024-11-20' });
const u = (unit: string, score: number, category: string | null = null, veto = false) => ({ unit, score, category, veto });

describe('grades', () => {
  it('boundaries are inclusive; just below falls to the next band', () => {
    expect(gradeFor(90, false, params)).toBe('优秀');
    expect(gradeFor(89.9999, false, params)).toBe('良好');
    expect(gradeFor(80, false, params)).toBe('良好');
    expect(gradeFor(79.99, false, params)).toBe('合格');
    expect(gradeFor(60, false, params)).toBe('合格');
    expect(gradeFor(59.99, false, params)).toBe('不合格');
    expect(gradeFor(100, true, params)).toBe('不合格');
  });
});

describe('rankScores', () => {
  it('dense (中国式): 1, 2, 2, 3', () => {
    expect(rankScores([95, 90, 90, 85], 'dense')).toEqual([1, 2, 2, 3]);
  });
  it('RANK.EQ: 1, 2, 2, 4', () => {
    expect(rankScores([95, 90, 90, 85], 'rank.eq')).toEqual([1, 2, 2, 4]);
  });
  it('compares at full precision: 89.995 and 90 do not tie', () => {
    expect(rankScores([89.995, 90], 'dense')).toEqual([2, 1]);
  });
});

describe('rankUnits', () => {
  it('ranks overall and within category, sorted by rank', () => {
    const out = rankUnits([u('A', 80, '教学单位'), u('B', 95, '职能部门'), u('C', 90, '教学单位'), u('D', 90, '职能部门'), u('E', 70, '教学单位')], params);
    expect(out.map((x) => [x.unit, x.rank, x.categoryRank])).toEqual([
      ['B', 1, 1],
      ['C', 2, 1],
      ['D', 2, 2],
      ['A', 3, 2],
      ['E', 4, 3],
    ]);
    const eq = rankUnits([u('A', 80, '教学单位'), u('B', 95, '职能部门'), u('C', 90, '教学单位'), u('D', 90, '职能部门')], { ...params, rankStyle: 'rank.eq' });
    expect(eq.map((x) => [x.unit, x.rank])).toEqual([['B', 1], ['C', 2], ['D', 2], ['A', 4]]);
  });

  it('quota off: everyone ≥ 90 is 优秀', () => {
    const out = rankUnits([u('A', 95), u('B', 92), u('C', 91), u('D', 90)], params);
    expect(out.map((x) => x.grade)).toEqual(['优秀', '优秀', '优秀', '优秀']);
  });

  it('quota on: floor(q × units) seats, the rest ≥ 90 become 良好 by rank', () => {
    const units = [u('A', 95), u('B', 92), u('C', 91), u('D', 90), ...[1, 2, 3, 4, 5, 6].map((i) => u(`X${i}`, 70))];
    expect(quotaSeats(0.2, 10)).toBe(2);
    const out = rankUnits(units, { ...params, excellentQuota: 0.2 });
    expect(out.slice(0, 4).map((x) => [x.unit, x.grade])).toEqual([['A', '优秀'], ['B', '优秀'], ['C', '良好'], ['D', '良好']]);
  });

  it('quota with a tie at the boundary: the tied group does not fit, so no one of it is 优秀', () => {
    const units = [u('A', 95), u('B', 92), u('C', 92), ...[1, 2, 3, 4, 5, 6, 7].map((i) => u(`X${i}`, 70))];
    const out = rankUnits(units, { ...params, excellentQuota: 0.2 });
    expect(out.slice(0, 3).map((x) => [x.unit, x.grade])).toEqual([['A', '优秀'], ['B', '良好'], ['C', '良好']]);
    const fits = rankUnits(units, { ...params, excellentQuota: 0.3 });
    expect(fits.slice(0, 3).map((x) => x.grade)).toEqual(['优秀', '优秀', '优秀']);
  });

  it('a vetoed unit is 不合格 and takes no quota seat', () => {
    const out = rankUnits([u('A', 59, null, true), u('B', 92), ...[1, 2, 3, 4].map((i) => u(`X${i}`, 70))], { ...params, excellentQuota: 0.2 });
    expect(out.find((x) => x.unit === 'A')!.grade).toBe('不合格');
    expect(out.find((x) => x.unit === 'B')!.grade).toBe('优秀');
  });
});
