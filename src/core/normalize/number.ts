/** Head counts and follower counts as people type them: '2,000', '1.2万', '3000+', '约5000'. */
import type { Cell } from '../grid';
import { squash } from './text';

export type CountResult =
  | { ok: true; value: number; normalized: boolean }
  | { ok: false; reason: 'blank' | 'invalid' | 'negative' };

/** Words around the number that only say "about" or "more than"; compared squashed. */
// Never 不足 / 少于: "under 2000" read as 2000 would hide a count below a threshold.
const APPROX_PREFIXES: readonly string[] = ['大约', '大概', '将近', '接近', '超过', '约', '近', '逾', '共', '≈', '~', '>', '≥'];
/** What is counted, written after the number: 1200粉丝, 1.2万粉, 50名成员, 30位. */
const APPROX_SUFFIXES: readonly string[] = ['左右', '以上', '多', '余', '+', '人', '个', '名', '位', '粉丝', '粉', '成员'];
/** Unit multipliers (lower-cased, since squash lower-cases); 萬 and 億 as traditional-script input methods write them. */
const UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, w: 1e4, 千: 1e3, k: 1e3, 亿: 1e8, 億: 1e8 };

const PLAIN = /^\d+$/;
const MIXED_WAN = /^(\d+)万(\d+)(千)?$/;
const BRACKETED_NOTE = /\([^()]*\)|【[^【】]*】/g;
const CHINESE_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const CHINESE_COUNT = /^[零〇一二两三四五六七八九十百千万亿]+$/;

/** A count written in Chinese numerals (一万, 两千, 三千五百, 十二); null when it is not one. */
function chineseCount(t: string): number | null {
  if (!CHINESE_COUNT.test(t)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  // The unit right before the last digit, with no 零 between: 一万二 says 一万二千, 一千五 一千五百.
  let lastUnit = 0;
  for (const ch of t) {
    const d = CHINESE_DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) {
        lastUnit = 0; // 一千零五: 零 only holds a place, and the 五 is ones
        continue;
      }
      if (digit !== null) return null; // 一二: digits without a unit between them
      digit = d;
      continue;
    }
    const unit = CHINESE_UNITS[ch];
    if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
      continue;
    }
    lastUnit = ch === '万' ? 1e4 : 1e8;
    // 万 scales the section before it, 亿 everything before it.
    const part = section + (digit ?? 0);
    if (ch === '万') {
      if (part === 0) return null;
      total += part * 1e4;
    } else {
      total = (total + part) * 1e8;
      if (total === 0) return null;
    }
    section = 0;
    digit = null;
  }
  const tail = digit === null ? 0 : lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  return total + section + tail;
}
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+$/;
const DECIMAL = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

function stripAffixes(s: string): string {
  let t = s;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    const pre = APPROX_PREFIXES.find((p) => t.startsWith(p) && t.length > p.length);
    if (pre) t = t.slice(pre.length);
    const suf = APPROX_SUFFIXES.find((p) => t.endsWith(p) && t.length > p.length);
    if (suf) t = t.slice(0, -suf.length);
  }
  return t;
}

function parseText(raw: string, scale: number): CountResult {
  const s = squash(raw);
  if (s === '') return { ok: false, reason: 'blank' };
  if (PLAIN.test(s)) return { ok: true, value: Number(s) * scale, normalized: s !== raw || scale !== 1 };
  // A note in brackets says where the number comes from (（截至10月）, (含视频号)): not part of it.
  let t = stripAffixes(s.replace(BRACKETED_NOTE, '') || s);
  const spelled = chineseCount(t);
  if (spelled !== null) return { ok: true, value: spelled, normalized: true };
  // 1万2 / 1万2千 / 1万2000: ten-thousands, then thousands (or the rest written out).
  const mixed = MIXED_WAN.exec(t);
  if (mixed) {
    const rest = mixed[2]!.length === 1 || mixed[3] ? Number(mixed[2]) * 1e3 : Number(mixed[2]);
    return { ok: true, value: Math.round(Number(mixed[1]) * 1e4 + rest), normalized: true };
  }
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  // A unit written in the cell wins over the column's (1.2万 under 粉丝数（万） is still 1.2万).
  let multiplier = scale;
  const unit = t.slice(-1);
  const factor = UNITS[unit];
  if (factor !== undefined) {
    multiplier = factor;
    t = t.slice(0, -1);
  }
  // 12.800 / 1.234.567: dots grouping thousands, as some locales write them; a count is whole.
  if (multiplier === 1 && DOT_GROUPS.test(t)) t = t.replace(/\./g, '');
  if (!DECIMAL.test(t)) return { ok: false, reason: 'invalid' };
  const value = Math.round(Number(t.replace(/,/g, '')) * multiplier);
  if (negative && value !== 0) return { ok: false, reason: 'negative' };
  return { ok: true, value, normalized: true };
}

/**
 * Reads a non-negative whole count; `normalized` says it was not written as plain digits.
 * `scale`: the column's unit (1e4 under a header 粉丝数（万）), for numbers written without one.
 */
export function parseCount(cell: Cell | null | undefined, scale = 1): CountResult {
  if (!cell) return { ok: false, reason: 'blank' };
  if (cell.t === 's') return parseText(cell.v, scale);
  if (cell.t !== 'n' || !Number.isFinite(cell.v)) return { ok: false, reason: 'invalid' };
  if (cell.v < 0) return { ok: false, reason: 'negative' };
  const value = Math.round(cell.v * scale);
  return { ok: true, value, normalized: value !== cell.v };
}
