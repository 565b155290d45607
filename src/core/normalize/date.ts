/** Dates as written in filing sheets: Excel date cells, serial numbers and the usual Chinese text styles. */
import type { Cell } from '../grid';
import { serialToIso as excelSerialToIso } from '../dates';
import { toHalfWidth, withoutInvisible } from './text';

export type DateResult =
  | { ok: true; iso: string; normalized: boolean }
  | { ok: false; reason: 'blank' | 'invalid' | 'impossible' }
  /** A month without its day (2024年11月, 2024-11, 2024.11): `month` is 'YYYY-MM'. */
  | { ok: false; reason: 'month'; month: string };

const DAY_MS = 86_400_000;
/** Serials and compact yyyymmdd numbers are only trusted inside this year range. */
const SERIAL_YEARS = { min: 1950, max: 2100 };
const COMPACT_YEARS = { min: 1900, max: 2100 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Time of day after the date, ignored: ' 10:30', 'T10:30:00.000Z', ' 10:30:00+08:00'. */
const TIME_SUFFIX = /(?:\s+|T)\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
/** Dashes people type between the parts: ASCII, en and em dash (full-width ones are folded first). */
const SEPARATED = /^(\d{4})([-/._\u2013\u2014])(\d{1,2})\2(\d{1,2})[日号]?$/;
/**
 * A year of two digits, as people shorten it in a hurry: 24.3.25, 24/3/25, 24年3月25日. Year
 * first, as Chinese dates always are; read as 20yy (a filing date of this century).
 */
const SHORT_YEAR = /^(\d{2})(?:([-/.\u2013\u2014])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})[日号]?)$/;
/** A weekday after the date, bracketed or not: '（周二）', ' 星期二'. */
const WEEKDAY = /\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?$/;
/** A time of day after 日 or a space, in Chinese or with colons: '10时30分', '10点', '日10:30'. */
const CHINESE_TIME = /(?<=[日号\s])\s*(?:上午|下午|晚上|早上)?(?:[01]?\d|2[0-3])(?:[时点](?:[0-5]?\d分?)?|:[0-5]\d(?::[0-5]\d)?)$/;
/** Chinese numerals of a date written out: 二〇二四年十一月五日. */
const CHINESE_DIGITS: Readonly<Record<string, number>> = { '〇': 0, '零': 0, '○': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const CHINESE_NUMERAL_DATE = /^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
/** 上午/下午 or AM/PM around a clock time, as .NET and Java print a date-time ('2024/11/18 上午 12:00:00', '… 3:05 PM'). */
const MERIDIEM = /\s*(?:上午|下午|[AaPp]\.?[Mm]\.?)\s*(?=\d{1,2}:\d{2})|(?<=:\d{2})\s*[AaPp]\.?[Mm]\.?$/;
/**
 * English month names, as programs print a date they did not format: JavaScript's
 * 'Mon Nov 18 2024 00:00:00 GMT+0800 (中国标准时间)', 'Nov 18, 2024', and Java's
 * 'Mon Nov 18 00:00:00 CST 2024'.
 */
const MONTH_NAME_DATE = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*gmt[+-]\d{4})?(?:\s*\([^)]*\))?)?$/i;
const JAVA_DATE = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+\d{1,2}:\d{2}:\d{2}\s+[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\s+(\d{4})$/i;
/** English month names and their abbreviations → month number. */
const MONTHS = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap((name, i): [string, number][] => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
  ]),
).set('sept', 9);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** A year and month only: 2024年11月, 2024-11, 2024/11, 2024.11 (six digits alone are too ambiguous). */
const MONTH_ONLY = /^(\d{4})(?:年(\d{1,2})月份?|[-/.\u2013\u2014](\d{1,2}))$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since the epoch at UTC midnight; setUTCFullYear keeps years 0–99 literal. */
function utcMs(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function msToIso(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** y/m/d to ISO if it is a real calendar date, else null. */
function realDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = msToIso(utcMs(y, m, d));
  return iso === `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` ? iso : null;
}

function isoMs(iso: string): number {
  const m = ISO.exec(iso);
  const ms = m ? utcMs(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (!m || msToIso(ms) !== iso) throw new RangeError(`not an ISO date: ${iso}`);
  return ms;
}

/** Whole days from A to B (B − A). Throws RangeError on a malformed ISO date. */
export function daysBetween(isoA: string, isoB: string): number {
  const a = dayNumber(isoA);
  const b = dayNumber(isoB);
  if (a !== null && b !== null) return b - a;
  return Math.round((isoMs(isoB) - isoMs(isoA)) / DAY_MS);
}

/** Days since 1970-01-01 of a real YYYY-MM-DD date, by arithmetic (civil-from-days inverse); else null. */
function dayNumber(iso: string): number | null {
  if (isoShaped(iso)?.ok !== true) return null;
  const y0 = digitsAt(iso, 0, 4);
  const m = digitsAt(iso, 5, 2);
  const d = digitsAt(iso, 8, 2);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function addDays(iso: string, n: number): string {
  return msToIso(isoMs(iso) + Math.trunc(n) * DAY_MS);
}

/**
 * Days and times are the office's: China Standard Time (UTC+8, China's one time zone), not the
 * machine's clock, so a batch run on a server kept on UTC agrees with the web page and Excel.
 */
export const OFFICE_UTC_OFFSET_MS = 8 * 3_600_000;

/** Today on the office's calendar at `now`. */
export function todayIso(now: Date): string {
  const d = new Date(now.getTime() + OFFICE_UTC_OFFSET_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/**
 * Excel 1900-system serial to ISO, as core/dates reads it (rounded to the second, then the time
 * of day dropped); outside its range, the plain day count. Excel counts a fake
 * 1900-02-29 as serial 60, so from 61 on the epoch is 1899-12-30; serial 60 itself lands on 1900-03-01.
 */
export function serialToIso(n: number): string {
  const exact = excelSerialToIso(n);
  if (exact !== null) return exact;
  const day = Math.floor(n);
  const epoch = day >= 61 ? utcMs(1899, 12, 30) : utcMs(1899, 12, 31);
  return msToIso(epoch + day * DAY_MS);
}

/** ISO to Excel 1900-system serial (inverse of serialToIso). Throws RangeError on a malformed date. */
export function isoToSerial(iso: string): number {
  const d = daysBetween('1899-12-30', iso);
  return d >= 61 ? d : d - 1;
}

function fromParts(y: string, m: string, d: string, normalized: boolean): DateResult {
  const iso = realDate(Number(y), Number(m), Number(d));
  return iso ? { ok: true, iso, normalized } : { ok: false, reason: 'impossible' };
}

function inYears(y: number, range: { min: number; max: number }): boolean {
  return y >= range.min && y <= range.max;
}

function parseNumber(v: number): DateResult {
  if (!Number.isFinite(v) || v < 1) return { ok: false, reason: 'invalid' };
  // An 8-digit integer such as 20240325 is a date typed without separators, not a serial.
  if (Number.isInteger(v) && v >= 1e7 && v < 1e8) {
    const m = COMPACT.exec(String(v));
    if (m && inYears(Number(m[1]), COMPACT_YEARS)) return fromParts(m[1]!, m[2]!, m[3]!, true);
    return { ok: false, reason: 'invalid' };
  }
  // 2019.3 / 2019.09 / 2024.11 typed into a number cell: a year and its month. Never x.1: the
  // number cell lost the trailing 0 of 2024.10, so January and October cannot be told apart.
  const month = NUMBER_MONTH.exec(String(v));
  if (month && month[2] !== '1') return monthOnly(Number(month[1]), Number(month[2]));
  const iso = serialToIso(v);
  if (!inYears(Number(iso.slice(0, 4)), SERIAL_YEARS)) return { ok: false, reason: 'invalid' };
  return { ok: true, iso, normalized: true };
}
const NUMBER_MONTH = /^((?:19|20)\d{2})\.(\d{1,2})$/;

function parseText(raw: string): DateResult {
  const s = withoutInvisible(toHalfWidth(raw)).trim();
  if (s === '') return { ok: false, reason: 'blank' };
  if (ISO.test(raw)) return fromParts(raw.slice(0, 4), raw.slice(5, 7), raw.slice(8, 10), false);
  const date = withoutNotes(s).replace(/\s+/g, '');
  let m = SEPARATED.exec(date);
  if (m) return fromParts(m[1]!, m[3]!, m[4]!, true);
  m = CHINESE.exec(date);
  if (m) return fromParts(m[1]!, m[2]!, m[3]!, true);
  m = COMPACT.exec(date);
  if (m && inYears(Number(m[1]), COMPACT_YEARS)) return fromParts(m[1]!, m[2]!, m[3]!, true);
  m = SHORT_YEAR.exec(date);
  if (m) return fromParts(`20${m[1]!}`, m[3] ?? m[5]!, m[4] ?? m[6]!, true);
  m = MONTH_ONLY.exec(date);
  if (m) return monthOnly(Number(m[1]), Number(m[2] ?? m[3]));
  m = CHINESE_NUMERAL_DATE.exec(date);
  if (m) return fromParts(String(chineseNumber(m[1]!, true)), String(chineseNumber(m[2]!)), String(chineseNumber(m[3]!)), true);
  return monthNameDate(s);
}

/** A year alone: 2019, 2019年, 2019年度, or the number 2019 (never a serial: that is a day in 1905). */
const YEAR_ALONE = /^((?:19|20)\d{2})(?:年度?)?$/;
const YEAR_RANGE = { min: 1990, max: 2099 };
function yearAlone(cell: Cell | null | undefined): string | null {
  if (cell?.t === 'n') return Number.isInteger(cell.v) && cell.v >= YEAR_RANGE.min && cell.v <= YEAR_RANGE.max ? String(cell.v) : null;
  if (cell?.t !== 's') return null;
  const m = YEAR_ALONE.exec(withoutInvisible(toHalfWidth(cell.v)).replace(/\s+/g, ''));
  return m && Number(m[1]) >= YEAR_RANGE.min ? m[1]! : null;
}

function monthOnly(y: number, m: number): DateResult {
  return m >= 1 && m <= 12 ? { ok: false, reason: 'month', month: `${pad(y, 4)}-${pad(m, 2)}` } : { ok: false, reason: 'impossible' };
}

/** A date with an English month name (see MONTH_NAME_DATE); a month name that is none is invalid. */
function monthNameDate(s: string): DateResult {
  const m = MONTH_NAME_DATE.exec(s) ?? JAVA_DATE.exec(s);
  const month = m ? MONTHS.get(m[1]!.toLowerCase()) : undefined;
  return m && month ? fromParts(m[3]!, String(month), m[2]!, true) : { ok: false, reason: 'invalid' };
}

/** The date part of a text: a time of day, a weekday and a closing full stop after it dropped. */
function withoutNotes(s: string): string {
  let t = s;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(MERIDIEM, ' ').replace(TIME_SUFFIX, '').replace(WEEKDAY, '').replace(CHINESE_TIME, '').replace(/(?<=[\d日号])[.。]$/, '').trim();
  }
  return t;
}

/** 二〇二四 (digit by digit, `spelled`) or 十一 / 二十 / 三十一 (with 十); NaN when malformed. */
function chineseNumber(t: string, spelled = false): number {
  if (spelled) return Number([...t].map((ch) => CHINESE_DIGITS[ch]).join(''));
  const [tens = '', ones = ''] = t.split('十');
  if (!t.includes('十')) return t.length === 1 ? CHINESE_DIGITS[t]! : NaN;
  const hi = tens === '' ? 1 : tens.length === 1 ? CHINESE_DIGITS[tens]! : NaN;
  const lo = ones === '' ? 0 : ones.length === 1 ? CHINESE_DIGITS[ones]! : NaN;
  return hi * 10 + lo;
}

/**
 * Reads a date cell in any accepted form; `normalized` says the written form was not already ISO.
 * With `month` (a column where the month is precise enough), a month alone reads as 'YYYY-MM';
 * with `year` (开通日期 of an account opened years ago), a year alone reads as 'YYYY'.
 */
export function parseDate(cell: Cell | null | undefined, month = false, year = false): DateResult {
  if (year) {
    const y = yearAlone(cell);
    if (y) return { ok: true, iso: y, normalized: true };
  }
  if (month) {
    const r = parseDate(cell);
    return !r.ok && r.reason === 'month' ? { ok: true, iso: r.month, normalized: true } : r;
  }
  if (!cell) return { ok: false, reason: 'blank' };
  switch (cell.t) {
    case 'd':
    case 's': {
      // A date cell before 1950 is a formula's 0 or a stray serial shown as a date (1900/1/0), no day anyone meant.
      if (cell.t === 'd' && Number(cell.v.slice(0, 4)) < SERIAL_YEARS.min) return { ok: false, reason: 'invalid' };
      const iso = isoShaped(cell.v);
      if (iso !== null) return iso;
      // The same few dates fill every sheet: remember what each text reads as (bounded).
      const memo = cell.t === 'd' ? DATE_CELLS : TEXT_CELLS;
      const known = memo.get(cell.v);
      if (known) return { ...known };
      const r = cell.t === 'd' ? dateCell(cell.v) : parseText(cell.v);
      if (memo.size >= 5_000) memo.clear();
      memo.set(cell.v, r);
      return { ...r };
    }
    case 'n':
      return parseNumber(cell.v);
    default:
      return { ok: false, reason: 'invalid' };
  }
}

/**
 * A text written exactly as YYYY-MM-DD, read without regular expressions or Date objects (what
 * most date cells hold); null for any other text. The same result as dateCell and parseText.
 */
function isoShaped(v: string): DateResult | null {
  if (v.length !== 10 || v.charCodeAt(4) !== 0x2d || v.charCodeAt(7) !== 0x2d) return null;
  const y = digitsAt(v, 0, 4);
  const m = digitsAt(v, 5, 2);
  const d = digitsAt(v, 8, 2);
  if (y < 0 || m < 0 || d < 0) return null;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? { ok: true, iso: v, normalized: false } : { ok: false, reason: 'impossible' };
}

function digitsAt(v: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = v.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Proleptic Gregorian, as Date counts. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DATE_CELLS = new Map<string, DateResult>();
const TEXT_CELLS = new Map<string, DateResult>();

function dateCell(v: string): DateResult {
  const m = ISO.exec(v);
  return m ? fromParts(m[1]!, m[2]!, m[3]!, false) : { ok: false, reason: 'invalid' };
}
