import fc from 'fast-check';
import type { Cell } from '../../../src/core/grid';
import { addDays, daysBetween, isoToSerial, parseDate, serialToIso, todayIso } from '../../../src/core/normalize';

const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number): Cell => ({ t: 'n', v });
const pad = (x: number, w = 2): string => String(x).padStart(w, '0');
const FULL_DIGITS = '０１２３４５６７８９';
const fullWidth = (t: string): string => t.replace(/\d/g, (d) => FULL_DIGITS[Number(d)]!);

describe('parseDate', () => {
  it.each<[Cell, string, boolean]>([
    [{ t: 'd', v: '2024-03-25' }, '2024-03-25', false],
    [s('2024-03-25'), '2024-03-25', false],
    [s('2024/3/25'), '2024-03-25', true],
    [s('2024.3.25'), '2024-03-25', true],
    [s('2024-3-5'), '2024-03-05', true],
    [s('2024年3月25日'), '2024-03-25', true],
    [s('2024年03月25号'), '2024-03-25', true],
    [s('20240325'), '2024-03-25', true],
    [s(' 2024-03-25 '), '2024-03-25', true],
    [s('2024-03-25 10:30'), '2024-03-25', true],
    [s('2024-03-25T10:30:00.000Z'), '2024-03-25', true],
    [s('2024/3/25 8:05:09'), '2024-03-25', true],
    [s('２０２４年３月２５日'), '2024-03-25', true],
    [s('２０２４－０３－２５'), '2024-03-25', true],
    [n(45376), '2024-03-25', true],
    [n(45376.75), '2024-03-25', true],
    [n(20240325), '2024-03-25', true],
    [s('2024-02-29'), '2024-02-29', false],
    // Century years leap only every 400 years.
    [s('2000-02-29'), '2000-02-29', false],
    [{ t: 'd', v: '2024-04-30' }, '2024-04-30', false],
  ])('%j → %s', (cell, iso, normalized) => {
    expect(parseDate(cell)).toEqual({ ok: true, iso, normalized });
  });

  it.each<[Cell | null | undefined, string]>([
    [null, 'blank'],
    [undefined, 'blank'],
    [s(''), 'blank'],
    [s('  \n'), 'blank'],
    [s('2024-02-30'), 'impossible'],
    [s('2023-02-29'), 'impossible'],
    [s('2023-13-01'), 'impossible'],
    [s('2023-00-10'), 'impossible'],
    [s('2023年4月31日'), 'impossible'],
    [s('20230230'), 'impossible'],
    [n(20230230), 'impossible'],
    [{ t: 'd', v: '2023-02-30' }, 'impossible'],
    [s('1900-02-29'), 'impossible'],
    [{ t: 'd', v: '2100-02-29' }, 'impossible'],
    [s('2024-04-31'), 'impossible'],
    [s('2024-03'), 'month'],
    [s('2024/03-25'), 'invalid'],
    [s('4-3-25'), 'invalid'],
    [s('2024-03-25 下午'), 'invalid'],
    [s('12345678'), 'invalid'],
    [s('长期'), 'invalid'],
    [n(100), 'invalid'],
    [n(-1), 'invalid'],
    [n(80000), 'invalid'],
    [n(12345678), 'invalid'],
    [n(Number.NaN), 'invalid'],
    [{ t: 'b', v: true }, 'invalid'],
    [{ t: 'e', v: '#REF!' }, 'invalid'],
    [{ t: 'd', v: '2024/03/25' }, 'invalid'],
  ])('%j fails as %s', (cell, reason) => {
    expect(parseDate(cell)).toMatchObject({ ok: false, reason });
  });

  it('accepts serials only for years 1950..2100', () => {
    expect(parseDate(n(isoToSerial('1950-01-01')))).toMatchObject({ ok: true, iso: '1950-01-01' });
    expect(parseDate(n(isoToSerial('1949-12-31')))).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDate(n(isoToSerial('2100-12-31')))).toMatchObject({ ok: true, iso: '2100-12-31' });
    expect(parseDate(n(isoToSerial('2101-01-01')))).toEqual({ ok: false, reason: 'invalid' });
  });

  const ymd = fc
    .record({ y: fc.integer({ min: 1950, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate());
  const styles: ((y: number, m: number, d: number) => string)[] = [
    (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
    (y, m, d) => `${y}/${m}/${d}`,
    (y, m, d) => `${y}.${m}.${d}`,
    (y, m, d) => `${y}年${m}月${d}日`,
    (y, m, d) => `${y}年${pad(m)}月${pad(d)}号`,
    (y, m, d) => `${y}${pad(m)}${pad(d)}`,
    (y, m, d) => `${y}-${pad(m)}-${pad(d)} 12:34:56`,
    (y, m, d) => `${y}-${pad(m)}-${pad(d)}T08:00`,
  ];

  it('round-trips every valid date in every text style, full-width or not', () => {
    fc.assert(
      fc.property(ymd, fc.nat(styles.length - 1), fc.boolean(), ({ y, m, d }, i, wide) => {
        const text = styles[i]!(y, m, d);
        const r = parseDate(s(wide ? fullWidth(text) : text));
        expect(r).toEqual({ ok: true, iso: `${y}-${pad(m)}-${pad(d)}`, normalized: i !== 0 || wide });
      }),
    );
  });

  it('reads the serial of any valid date back to that date', () => {
    fc.assert(
      fc.property(ymd, ({ y, m, d }) => {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        expect(parseDate(n(isoToSerial(iso)))).toEqual({ ok: true, iso, normalized: true });
      }),
    );
  });
});

describe('serials', () => {
  it('matches Excel at known points, including the fake 1900-02-29', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBe('1900-03-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(25569)).toBe('1970-01-01');
    expect(serialToIso(45376)).toBe('2024-03-25');
    expect(isoToSerial('1900-01-01')).toBe(1);
    expect(isoToSerial('1900-02-28')).toBe(59);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2024-03-25')).toBe(45376);
  });
  it('round-trips serial → iso → serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }).filter((x) => x !== 60), (x) => isoToSerial(serialToIso(x)) === x),
    );
  });
  it('rejects malformed ISO input', () => {
    expect(() => isoToSerial('2024-2-3')).toThrow(RangeError);
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it('counts days B − A across leap years and DST-free', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-25', '2024-01-01')).toBe(-84);
    expect(daysBetween('1899-12-30', '2024-03-25')).toBe(45376);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20000, max: 70000 }), fc.integer({ min: -5000, max: 5000 }), (serial, k) => {
        const a = serialToIso(serial);
        return daysBetween(a, addDays(a, k)) === k;
      }),
    );
  });
  it('todayIso is the office calendar date (UTC+8), whatever the machine’s time zone', () => {
    expect(todayIso(new Date('2024-03-05T15:59:00Z'))).toBe('2024-03-05');
    expect(todayIso(new Date('2024-03-05T16:00:00Z'))).toBe('2024-03-06');
    expect(todayIso(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });
});
