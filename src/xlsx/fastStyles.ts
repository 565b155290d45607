/** Which cell styles are dates (styles.xml), and date serials as ISO calendar dates. */
import { CLOSE, END, OPEN, Scanner, XmlError } from './fastXml';

/** Built-in number formats that display dates or times (ECMA-376 18.8.30 and the CJK built-ins). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether a format code shows a date or time: a y/m/d/h/s token outside quoted text, `[…]`
 * sections (colours, locales such as `[$-F800]`, `[DBNum1]`, elapsed `[h]`), `\x` escapes and the
 * `_x` / `*x` padding and fill characters.
 */
export function isDateFormat(code: string): boolean {
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
        i = end;
        break;
      }
      case '\\':
      case '_':
      case '*':
        i++;
        break;
      case 'y': case 'Y': case 'm': case 'M': case 'd': case 'D':
      case 'h': case 'H': case 's': case 'S':
        return true;
      default:
        break;
    }
  }
  return false;
}

/** For each cellXfs index, whether its number format is a date; index 0 applies to cells without `s`. */
export function parseDateStyles(xml: string | null): boolean[] {
  if (xml === null) return [];
  const sc = new Scanner(xml);
  if (sc.root() !== 'styleSheet') throw new XmlError('not a style sheet');
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  for (let k = sc.next(); k !== END; k = sc.next()) {
    const name = sc.name;
    if (k === OPEN) {
      if (name === 'numFmts') inNumFmts = !sc.selfClosing;
      else if (name === 'cellXfs') inCellXfs = !sc.selfClosing;
      else if (name === 'numFmt' && inNumFmts) {
        const id = Number(sc.attr('numFmtId'));
        const code = sc.attr('formatCode');
        if (Number.isInteger(id) && code !== null) custom.set(id, code);
        sc.skip();
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(sc.attr('numFmtId') ?? '0');
        xfNumFmt.push(Number.isInteger(id) ? id : 0);
        sc.skip();
      }
    } else if (k === CLOSE) {
      if (name === 'numFmts') inNumFmts = false;
      else if (name === 'cellXfs') inCellXfs = false;
    }
  }
  return xfNumFmt.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : isBuiltInDate(id);
  });
}

/**
 * A date serial as `YYYY-MM-DD` (time of day dropped, rounded to the second first so float noise
 * such as 23:59:59.999 lands on the next day); epoch 1899-12-30, or 1904-01-01 for date1904
 * workbooks. Null when the serial is outside what a Date can hold.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const t = Math.round(ms / 1000) * 1000;
  const d = new Date(t);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y)) return null;
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}
