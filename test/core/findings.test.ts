/** sortFindings must give exactly compareFindings' order: it is the same sort with the keys worked out once. */
import { compareFindings, sortFindings, type Finding } from '../../src/core/findings';
import type { RuleId } from '../../src/core/rules/ids';

/** A small deterministic generator: the same list on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function findings(n: number, seed: number): Finding[] {
  const rnd = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Nulls and empty strings (which compare equal), Chinese names in pinyin order, ASCII.
  const units = [null, '', '化学学院', '物理学院', '外国语学院', '单位0001', '单位0010', 'Zeta'];
  const files = [null, 'a/化学学院.xlsx', 'a/物理学院.xlsx', 'b.xlsx', ''];
  const sheets = [null, '附件1', '附件2', 'Sheet1'];
  const cells = [null, 'A1', 'B10', 'AA2', 'B2', 'C1', 'not-a-cell'];
  const rules: RuleId[] = ['cell-phone', 'cell-required', 'form-missing', 'row-duplicate'];
  return Array.from({ length: n }, (_, i) => {
    const f: Finding = { rule: pick(rules), severity: pick(['error', 'warning', 'info'] as const), unit: pick(units), file: pick(files), sheet: pick(sheets), cell: pick(cells), form: null, message: `#${i}` };
    if (rnd() < 0.2) Object.assign(f, { cell: null, table: 1 + Math.floor(rnd() * 3), row: 1 + Math.floor(rnd() * 4) });
    return f;
  });
}

describe('sortFindings', () => {
  it.each([1, 2, 3])('orders like sort(compareFindings), ties kept in input order (seed %i)', (seed) => {
    const list = findings(3000, seed);
    const expected = [...list].sort(compareFindings).map((f) => f.message);
    expect(sortFindings([...list]).map((f) => f.message)).toEqual(expected);
  });

  it('sorts in place and returns the same array', () => {
    const list = findings(50, 9);
    expect(sortFindings(list)).toBe(list);
    expect(list.map((f) => f.message)).toEqual([...list].sort(compareFindings).map((f) => f.message));
  });
});
