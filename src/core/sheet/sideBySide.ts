/**
 * Forms laid side by side on one sheet (网站 in A:G, a blank column, 新媒体 in I:R): one sheet
 * per form, each keeping its cells' places (columns of the others blank), so each is checked as
 * its own form with the right A1 cells, as stacked forms are (detect.ts scanTables).
 */
import { cellText, isBlank, type Merge, type SheetGrid } from '../grid';
import { isUnanswered, toHalfWidth } from '../normalize/text';
import type { Detection } from './detect';

type Band = [left: number, right: number];

/** Every form opens with its 序号: a second one in a header row starts the next form. */
const SEQ = /^(?:序号|编号|序)$/;

/**
 * Runs of header cells in row `top` separated by blank columns (a merge over the row fills
 * what it covers) or starting at a 序号.
 */
export function headerBands(sheet: SheetGrid, top: number): Band[] {
  const row = sheet.rows[top] ?? [];
  const filled = row.map((c) => !isBlank(c));
  for (const m of sheet.merges) if (m.top <= top && m.bottom >= top) for (let c = m.left; c <= m.right; c++) filled[c] = true;
  const bands: Band[] = [];
  for (let c = 0; c < filled.length; c++) {
    if (!filled[c]) continue;
    const last = bands[bands.length - 1];
    if (last && last[1] === c - 1 && !SEQ.test(cellText(row[c]).replace(/\s/g, ''))) last[1] = c;
    else bands.push([c, c]);
  }
  return bands;
}

/**
 * The sheet with only columns left..right kept (others blank, places kept). A line above the
 * header written in one cell (填报单位：… across the sheet) is every form's, kept whole.
 */
export function columnSlice(sheet: SheetGrid, [left, right]: Band, top: number): SheetGrid {
  const rows = sheet.rows.map((row, r) => {
    if (r < top && row.filter((c) => !isBlank(c)).length === 1) return row;
    const out = row.slice(0, right + 1);
    for (let c = 0; c < Math.min(left, out.length); c++) out[c] = null;
    return out;
  });
  const merges: Merge[] = [];
  for (const m of sheet.merges) {
    if (m.top < top && rows[m.top] === sheet.rows[m.top]) merges.push(m);
    else if (m.right >= left && m.left <= right) merges.push({ ...m, left: Math.max(m.left, left), right: Math.min(m.right, right) });
  }
  return { ...sheet, rows, merges };
}

/**
 * The forms of a table side by side, one sheet each; null when the table holds one form. Split
 * only where at least two bands are each a different form: a form with one blank header cell
 * is one form. A band that is no form (a 备注 block) goes with the form on its left.
 */
export function splitSideBySide(sheet: SheetGrid, head: Detection, detect: (s: SheetGrid) => Detection | null): SheetGrid[] | null {
  const top = head.headerTop;
  const bands = headerBands(sheet, top);
  if (bands.length < 2) return null;
  const forms = bands.map((b) => {
    const d = detect(columnSlice(sheet, b, top));
    return d && d.headerTop === top ? d.form.id : null;
  });
  const found = forms.filter((f) => f !== null);
  if (found.length < 2 || new Set(found).size !== found.length) return null;
  const groups: Band[] = [];
  bands.forEach((b, i) => {
    const last = groups[groups.length - 1];
    if (forms[i] !== null || !last) groups.push([b[0], b[1]]);
    else last[1] = b[1];
  });
  // A leading band with no form joins the first form.
  if (forms[0] === null && groups.length > 1) groups.splice(0, 2, [groups[0]![0], groups[1]![1]]);
  // The blank columns after a form, and those right of the last, are its own: a value there is
  // its cell-extra, never lost between two forms.
  let width = 0;
  for (const r of sheet.rows) if (r.length > width) width = r.length;
  groups.forEach((g, i) => (g[1] = i + 1 < groups.length ? groups[i + 1]![0] - 1 : Math.max(g[1], width - 1)));
  return groups.map((g) => columnSlice(sheet, g, top));
}

/**
 * An online form's repeated question group: 网站1名称 … 网站2名称 (a questionnaire has no rows
 * to add, so the office asks for 网站1, 网站2…). The entity word, its number, then the question.
 */
const GROUP = /(?:网站|站点|账号|帐号|平台|公众号|群组|工作群|群|大V)\s*([0-9０-９]{1,2})\s*(?:[:：、.．)）_-]\s*)?(?=\S)/;

function groupOf(text: string): number | null {
  const m = GROUP.exec(text.replace(/^\s*(?:[Qq]?\d+\s*[、.．:：)）]\s*)/, ''));
  return m ? Number(toHalfWidth(m[1]!)) : null;
}

/**
 * The groups of a table laid out as repeated question groups, one sheet per group: its own
 * columns and the shared ones (序号, 提交时间, 所在单位), the other groups' blank; a row whose
 * group is unanswered there ((空), blank) is no row of that sheet. Null for a plain table.
 */
export function splitRepeatedGroups(sheet: SheetGrid, head: Detection, detect: (s: SheetGrid) => Detection | null): SheetGrid[] | null {
  const header = sheet.rows[head.headerTop] ?? [];
  return sliceGroups(sheet, head, detect, header.map((c) => (isBlank(c) ? null : groupOf(cellText(c)))));
}

/**
 * A questionnaire asking for several forms in one row (网站名称 … 最后更新日期, then 网络平台 …
 * 联系电话): one sheet per form where the columns only one form's labels name run in disjoint
 * stretches; a column two forms share (联系电话, 主要用途) goes with the stretch it stands in,
 * and the columns before the first (序号, 提交时间, 所在单位) with every form.
 */
export function splitFormsInRow(sheet: SheetGrid, head: Detection, detect: (s: SheetGrid) => Detection | null, naming: (text: string) => readonly { id: string }[]): SheetGrid[] | null {
  const header = sheet.rows[head.headerTop] ?? [];
  const named = header.map((c) => (isBlank(c) ? [] : naming(cellText(c)).map((f) => f.id)));
  // The forms the row asks for: those a column names alone (网站名称, 开通日期); a label they
  // share with a form not asked for (账号名称 is 网络大V's too) is theirs.
  const present = new Set(named.flatMap((f) => (f.length === 1 ? f : [])));
  const own = named.map((f) => {
    const here = f.filter((x) => present.has(x));
    return here.length === 1 ? here[0]! : null;
  });
  const spans = new Map<string, [number, number]>();
  own.forEach((f, c) => {
    if (f === null) return;
    const s = spans.get(f);
    if (s) s[1] = c;
    else spans.set(f, [c, c]);
  });
  // At least two forms, each named by three of its own columns, one after the other.
  const order = [...spans.entries()].filter(([f]) => own.filter((x) => x === f).length >= 3).sort((a, b) => a[1][0] - b[1][0]);
  if (order.length < 2 || order.some(([, s], i) => i > 0 && s[0] <= order[i - 1]![1][1])) return null;
  const group = header.map((_, c) => {
    if (c < order[0]![1][0]) return null;
    let k = 0;
    while (k + 1 < order.length && c >= order[k + 1]![1][0]) k++;
    return k + 1;
  });
  const parts = sliceGroups(sheet, head, detect, group);
  if (!parts) return null;
  // Different forms: not one form's parts.
  for (const p of parts) delete p.repeatedGroup;
  return parts;
}

function sliceGroups(sheet: SheetGrid, head: Detection, detect: (s: SheetGrid) => Detection | null, group: (number | null)[]): SheetGrid[] | null {
  const top = head.headerTop;
  const ids = [...new Set(group.filter((g): g is number => g !== null))].sort((a, b) => a - b);
  if (ids.length < 2) return null;
  const out: SheetGrid[] = [];
  for (const id of ids) {
    const own = group.flatMap((g, c) => (g === id ? [c] : []));
    const rows = sheet.rows.map((row, r) => {
      if (r <= head.headerBottom) return r < top ? row : row.map((c, k) => (group[k] === null || group[k] === id ? c : null));
      if (own.every((c) => isBlank(row[c]) || (row[c]?.t === 's' && isUnanswered(row[c]!.v)))) return [];
      return row.map((c, k) => (group[k] === null || group[k] === id ? c : null));
    });
    const part: SheetGrid = { ...sheet, rows, repeatedGroup: id, merges: sheet.merges.filter((m) => m.left === m.right ? group[m.left] === null || group[m.left] === id : m.top < top) };
    const d = detect(part);
    if (!d || d.headerTop !== top) return null;
    out.push(part);
  }
  return out;
}
