/** Which cell styles are dates (styles.xml); the date rules themselves are in core/dates. */
import { isBuiltinDateFormat, isDateFormat } from '../core/dates';
import { CLOSE, END, OPEN, Scanner, XmlError } from './fastXml';
import type { Budget } from './limits';

export { isDateFormat, serialToIso } from '../core/dates';

/** For each cellXfs index, whether its number format is a date; index 0 applies to cells without `s`. */
export function parseDateStyles(xml: string | null, budget?: Budget): boolean[] {
  if (xml === null) return [];
  const sc = new Scanner(xml);
  if (sc.root() !== 'styleSheet') throw new XmlError('not a style sheet');
  const custom = new Map<number, string>();
  const xfNumFmt: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  let elements = 0;
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if ((++elements & 4095) === 0) budget?.check();
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
  // Once per format, not per style: a styles part may list a million styles over a few formats.
  const memo = new Map<number, boolean>();
  return xfNumFmt.map((id) => {
    let date = memo.get(id);
    if (date === undefined) {
      const code = custom.get(id);
      date = code !== undefined ? isDateFormat(code) : isBuiltinDateFormat(id);
      memo.set(id, date);
    }
    return date;
  });
}
