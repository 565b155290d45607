/** Which cell styles are dates (styles.xml); the date rules themselves are in core/dates. */
import { isBuiltinDateFormat, isDateFormat } from '../core/dates';
import { CLOSE, END, OPEN, Scanner, XmlError } from './fastXml';

export { isDateFormat, serialToIso } from '../core/dates';

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
    return code !== undefined ? isDateFormat(code) : isBuiltinDateFormat(id);
  });
}
