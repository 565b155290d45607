/** Spotting a PRC resident ID number pasted into a field that must not hold one. */
import { toHalfWidth } from './text';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** 18 characters not touching other digits; region codes start 1–9. */
const CANDIDATE = /(?<!\d)[1-9]\d{16}[\dX](?!\d)/gi;
const BIRTH_YEARS = { min: 1900, max: 2100 };

/** The check character (GB 11643) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function plausibleBirth(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < BIRTH_YEARS.min || y > BIRTH_YEARS.max || m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whether `count` digits (half- or full-width) follow each other somewhere in the text. */
function hasDigitRun(text: string, count: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      if (++run >= count) return true;
    } else run = 0;
  }
  return false;
}

/** The provinces' two-digit codes (GB/T 2260), 11 Beijing … 82 Macao. */
export const PROVINCE_CODES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '));
/** 18 digits in groups (110105 19491231 002X, 1101-0519-4912-3100-2X): one space or dash between. */
const GROUPED = /(?<![\d\s-])[1-9](?:[ -]?\d){16}[ -]?[\dX](?![\d-]|\s\d)/gi;

/**
 * The first 18-digit resident ID in `text` (upper-case X), or null. Full-width digits count. An
 * ID whose check character is right is one wherever it is from; one with a province's code and a
 * real birth date is one too, check character or not: a mistyped ID is still a person's, and an
 * ID typed as a number keeps only its first 15 digits.
 */
export function findPersonalId(text: string): string | null {
  if (text.length < 18 || !hasDigitRun(text, 4)) return null; // nearly every cell: no room for an ID
  const half = toHalfWidth(text);
  const seen: string[] = [];
  for (const m of half.matchAll(CANDIDATE)) seen.push(m[0].toUpperCase());
  if (!hasDigitRun(text, 17)) for (const m of half.matchAll(GROUPED)) seen.push(m[0].replace(/[ -]/g, '').toUpperCase());
  for (const id of seen) {
    if (!plausibleBirth(id.slice(6, 14))) continue;
    if (idCheckChar(id.slice(0, 17)) === id[17] || PROVINCE_CODES.has(id.slice(0, 2))) return id;
  }
  return null;
}
