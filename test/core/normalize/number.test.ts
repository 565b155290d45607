import fc from 'fast-check';
import type { Cell } from '../../../src/core/grid';
import { parseCount } from '../../../src/core/normalize';

const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number): Cell => ({ t: 'n', v });

describe('parseCount', () => {
  it.each<[Cell, number, boolean]>([
    [n(48), 48, false],
    [n(0), 0, false],
    [n(12.6), 13, true],
    [s('48'), 48, false],
    [s('0'), 0, false],
    [s(' 48 '), 48, true],
    [s('４８'), 48, true],
    [s('48人'), 48, true],
    [s('48个'), 48, true],
    [s('2,000'), 2000, true],
    [s('2，000'), 2000, true],
    [s('1,234,567'), 1234567, true],
    [s('1.2万'), 12000, true],
    [s('1.2w'), 12000, true],
    [s('1.2W'), 12000, true],
    [s('10万+'), 100000, true],
    [s('3万余人'), 30000, true],
    [s('3000+'), 3000, true],
    [s('3000多'), 3000, true],
    [s('3000余'), 3000, true],
    [s('约5000'), 5000, true],
    [s('大约5000'), 5000, true],
    [s('5000左右'), 5000, true],
    [s('5000人左右'), 5000, true],
    [s('近5000'), 5000, true],
    [s('5千'), 5000, true],
    [s('5k'), 5000, true],
    [s('5K'), 5000, true],
    [s('1.5亿'), 150000000, true],
    [s('12.5'), 13, true],
    // Spoken shorthand: the digit after a unit is the next unit down; 零 keeps it ones.
    [s('一万二'), 12000, true],
    [s('两万五'), 25000, true],
    [s('一千五'), 1500, true],
    [s('三百五'), 350, true],
    [s('一万二千三'), 12300, true],
    [s('一千零五'), 1005, true],
    [s('十二'), 12, true],
    [s('一亿五'), 150000000, true],
    // Dots grouping thousands; near miss: one or two decimals are a decimal.
    [s('12.800'), 12800, true],
    [s('1.234.567'), 1234567, true],
    [s('12.80'), 13, true],
  ])('%j → %d', (cell, value, normalized) => {
    expect(parseCount(cell)).toEqual({ ok: true, value, normalized });
  });

  it.each<[Cell | null | undefined, string]>([
    [null, 'blank'],
    [s(''), 'blank'],
    [s('  '), 'blank'],
    [s('abc'), 'invalid'],
    [s('很多'), 'invalid'],
    // '人次' counts visits, not people: not a head count.
    [s('12万人次'), 'invalid'],
    [s('20,00'), 'invalid'],
    [s('3000-5000'), 'invalid'],
    [s('万'), 'invalid'],
    [s('多'), 'invalid'],
    [s('1e5'), 'invalid'],
    [s('无'), 'invalid'],
    [s('-5'), 'negative'],
    [n(-3), 'negative'],
    [n(Number.POSITIVE_INFINITY), 'invalid'],
    [{ t: 'b', v: true }, 'invalid'],
    [{ t: 'd', v: '2024-03-25' }, 'invalid'],
    [{ t: 'e', v: '#REF!' }, 'invalid'],
  ])('%j fails as %s', (cell, reason) => {
    expect(parseCount(cell)).toEqual({ ok: false, reason });
  });

  const count = fc.nat({ max: 1e12 });
  const groups = (x: number): string => String(x).replace(/\B(?=(\d{3})+$)/g, ',');

  it('reads thousands separators, "n+", "约n" and friends back to n', () => {
    const styles = [groups, (x: number) => `${x}+`, (x: number) => `约${x}`, (x: number) => `${groups(x)}多人`, (x: number) => `${x}左右`];
    fc.assert(
      fc.property(count, fc.nat(styles.length - 1), (x, i) => {
        const r = parseCount(s(styles[i]!(x)));
        expect(r).toMatchObject({ ok: true, value: x });
      }),
    );
  });

  it('reads plain digits as not normalized', () => {
    fc.assert(fc.property(count, (x) => expect(parseCount(s(String(x)))).toEqual({ ok: true, value: x, normalized: false })));
  });

  it('reads "x万" as round(x × 10000)', () => {
    const x = fc.integer({ min: 0, max: 99999 }).chain((whole) => fc.integer({ min: 0, max: 9999 }).map((frac) => Number(`${whole}.${frac}`)));
    fc.assert(fc.property(x, (v) => expect(parseCount(s(`${v}万`))).toEqual({ ok: true, value: Math.round(v * 10000), normalized: true })));
  });
});
