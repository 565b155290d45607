/**
 * Excel date serials and number formats, shared by every reader (xlsx parts, Office.js values)
 * so that one cell reads the same everywhere.
 *
 * Decisions:
 * - A format is a date format when it shows a calendar part: a year, a day, or a month (an `m`
 *   that is not minutes). A time-only format (`h:mm`, `[h]:mm:ss`, `mm:ss`, 上午/下午h"时"mm"分")
 *   is NOT a date: the filing sheets hold calendar dates, and a time of day has none. Such a
 *   cell reads as its number (the fraction of a day) in every reader.
 * - A serial is rounded to the nearest second before its date is taken (Excel shows
 *   45000.9999999 as 2023-03-16 00:00:00), then the time of day is dropped.
 * - 1900 system: Excel counts a fake 1900-02-29 (serial 60); from 61 on the epoch is
 *   1899-12-30, below it 1899-12-31, and 60 itself lands on 1900-03-01. 1904 system: serial 0
 *   is 1904-01-01. Negative serials and ones past what a Date holds are not dates (null).
 */

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * Built-in number format ids (ECMA-376 18.8.30 and the zh-CN built-ins 27–36, 50–58) that show
 * a calendar date. Time-only built-ins (18–21, 32–35, 45–47, 55, 56) are left out on purpose.
 */
export const BUILTIN_DATE_FORMAT_IDS: ReadonlySet<number> = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

export function isBuiltinDateFormat(id: number): boolean {
  return BUILTIN_DATE_FORMAT_IDS.has(id);
}

/** `[$-F800]` is Windows' system long date; `[$-F400]` the system long time (not a date). */
const SYSTEM_LONG_DATE = /\[\$-F800\]/i;

/**
 * Whether a format code shows a calendar date. Tokens are looked for outside quoted text,
 * `[…]` sections (colours, locales, `[DBNum1]`, elapsed `[h]`), `\x` escapes and the `_x` / `*x`
 * padding and fill characters. An `m` right after an hour or right before a second (separators
 * between them allowed) is minutes.
 */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code) return false;
  if (SYSTEM_LONG_DATE.test(code)) return true;
  const tokens: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    switch (ch) {
      case '"': {
        const end = code.indexOf('"', i + 1);
        if (end < 0) return false;
        i = end;
        break;
      }
      case '[': {
        const end = code.indexOf(']', i + 1);
        if (end < 0) return false;
        // Elapsed time ([h]:mm, [mm]:ss) is a duration: its hours make the m after them minutes.
        const inner = code.slice(i + 1, end).toLowerCase();
        if (/^h+$/.test(inner)) tokens.push('h');
        else if (/^m+$/.test(inner)) tokens.push('n');
        else if (/^s+$/.test(inner)) tokens.push('s');
        i = end;
        break;
      }
      case '\\':
      case '_':
      case '*':
        i++;
        break;
      default: {
        const c = ch.toLowerCase();
        const ahead = code.slice(i, i + 5).toLowerCase();
        if (ahead === 'am/pm') {
          i += 4;
          break;
        }
        if (ahead.startsWith('a/p')) {
          i += 2;
          break;
        }
        if (c === 'y' || c === 'd' || c === 'm' || c === 'h' || c === 's') {
          // One token per run of the same letter (yyyy, mm, ss).
          if (tokens.length && tokens[tokens.length - 1] === c && code[i - 1]?.toLowerCase() === c) break;
          tokens.push(c);
        } else if (c === 'e' && /^e[+-]/i.test(code.slice(i))) {
          i++; // scientific notation, not a token
        }
      }
    }
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t === 'y' || t === 'd') return true;
    if (t === 'm' && tokens[k - 1] !== 'h' && tokens[k + 1] !== 's') return true;
  }
  return false;
}

/**
 * A date serial as `YYYY-MM-DD` in the workbook's date system (see the decisions above); null
 * when it is not a date Excel can show.
 */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  // Whole seconds first, so float noise such as 23:59:59.9999 lands on the next day.
  const seconds = Math.round(serial * 86_400);
  const day = Math.floor(seconds / 86_400);
  let ms: number;
  if (date1904) ms = EPOCH_1904 + day * DAY_MS;
  else ms = (day >= 61 ? EPOCH_1900 : EPOCH_1900 + DAY_MS) + day * DAY_MS;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y) || y > 9999) return null;
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`;
}
