/**
 * Dates as programs print them when an export writes a date-time object as text: JavaScript's
 * and Java's toString(), .NET's 上午/下午 and AM/PM clock times. They read as the date shown.
 */
import type { Cell } from '../../../src/core/grid';
import { parseDate } from '../../../src/core/normalize';
import { AS_OF, formSheet, run, unitWorkbook, withCell } from '../builders';

const s = (v: string): Cell => ({ t: 's', v });

describe('dates printed by programs', () => {
  it.each([
    ['Mon Nov 18 2024 00:00:00 GMT+0800 (中国标准时间)', '2024-11-18'],
    ['Mon Nov 18 2024', '2024-11-18'],
    ['Mon Nov 18 00:00:00 CST 2024', '2024-11-18'],
    ['Sun Mar 05 08:30:00 GMT+08:00 2023', '2023-03-05'],
    ['Nov 18, 2024', '2024-11-18'],
    ['November 18, 2024', '2024-11-18'],
    ['Sept 3, 2024', '2024-09-03'],
    ['2024/11/18 上午 12:00:00', '2024-11-18'],
    ['2024/11/18 下午 3:05:00', '2024-11-18'],
    ['2024/11/18 3:05 PM', '2024-11-18'],
    ['2024-11-18 10:30:00 a.m.', '2024-11-18'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(s(text))).toEqual({ ok: true, iso, normalized: true });
  });

  it.each([
    // No day, a word that is no month, US order (11/12 would be a guess), an English month with a day it lacks.
    ['Nov 2024', 'invalid'],
    ['Novem 18, 2024', 'invalid'],
    ['Foo 18, 2024', 'invalid'],
    ['11/18/2024', 'invalid'],
    ['Nov 31, 2024', 'impossible'],
    ['Thu Feb 29 00:00:00 CST 2023', 'impossible'],
    ['2024/11/18 上午', 'invalid'],
  ])('near miss: %s stays %s', (text, reason) => {
    expect(parseDate(s(text))).toEqual({ ok: false, reason });
  });

  it('Chinese times after 日 still read as before', () => {
    expect(parseDate(s('2024年11月18日上午10点'))).toEqual({ ok: true, iso: '2024-11-18', normalized: true });
    expect(parseDate(s('2024年11月18日 下午3:30'))).toEqual({ ok: true, iso: '2024-11-18', normalized: true });
  });

  it('a Java-printed date in a sheet is checked as the date it names', () => {
    const rules = (v: string) =>
      run([unitWorkbook('信息工程学院.xlsx', { website: formSheet('website', withCell('website', '最后更新日期', v)) })])
        .findings.filter((f) => f.sheet === 'website')
        .map((f) => f.rule);
    expect(AS_OF).toBe('2024-11-20');
    // 2024-10-01 is 50 days before the as-of date: stale, exactly as the ISO text.
    expect(rules('Tue Oct 01 00:00:00 CST 2024').filter((r) => r.startsWith('website-stale'))).toEqual(rules('2024-10-01').filter((r) => r.startsWith('website-stale')));
    expect(rules('Tue Oct 01 00:00:00 CST 2024')).not.toContain('cell-date');
    expect(rules('Tue Oct 01 00:00:00 CST 2024').some((r) => r.startsWith('website-stale'))).toBe(true);
    // Near miss: a month that is no month is an invalid date, reported as such.
    expect(rules('Tue Okt 01 00:00:00 CST 2024')).toContain('cell-date');
  });
});
