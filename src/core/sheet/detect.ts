/**
 * Finds the header row (one or two rows, anywhere in the first rows) and the form of a sheet,
 * and maps each header cell to a template column.
 */
import { type Cell, cellText, isBlank, type SheetGrid } from '../grid';
import { FORMS, type ColumnDef, type FormTemplate } from '../forms/templates';
import { headerKey, isSpace, squash } from '../normalize/text';
import { makeResolver, mergeBottom, saysContinued } from './labels';
import { splitFormsInRow, splitRepeatedGroups, splitSideBySide } from './sideBySide';

const SCAN_ROWS = 20;

export type MatchKind = 'exact' | 'alias';

export interface HeaderCell {
  col: number;
  text: string;
  column: ColumnDef | null;
  match: MatchKind | null;
}

export interface Detection {
  form: FormTemplate;
  /** First and last sheet rows (0-based) of the header. */
  headerTop: number;
  headerBottom: number;
  /** First sheet row of data. */
  dataStart: number;
  cells: HeaderCell[];
  score: number;
}

type Match = { column: ColumnDef; match: MatchKind };

/** Per form: header key → column, exact labels winning over aliases. Built once. */
const LOOKUP = new Map<FormTemplate, Map<string, Match>>();
function lookup(form: FormTemplate): Map<string, Match> {
  let m = LOOKUP.get(form);
  if (!m) {
    m = new Map();
    for (const c of form.columns) for (const a of [...(c.aliases ?? []), ...(c.exactAliases ?? [])]) m.set(headerKey(a), { column: c, match: 'alias' });
    for (const c of form.columns) m.set(headerKey(c.label), { column: c, match: 'exact' });
    LOOKUP.set(form, m);
  }
  return m;
}

/** Which cells of a row under a header are labels of a second header row. */
function lowerLabels(form: FormTemplate, next: string[], nextKeys: string[]): (c: number) => boolean {
  // A row holding a number (序号 1, 42000) is data, whatever labels it holds: 学生 in a data row
  // under 类别（教师/学生） is a value, not the 专业年级 of a second header row.
  if (next.some(isNumberText)) return () => false;
  // 教师 / 学生 alone are values as often as labels: they name sub-columns only as a pair.
  const labels = new Set<number>();
  for (let c = 0; c < next.length; c++) if (next[c] && matchKey(form, nextKeys[c] ?? '')) labels.add(c);
  const exact = exactKeys(form);
  return (c) => labels.has(c) && (labels.size >= 2 || !exact.has(nextKeys[c]!));
}

/** Per form: the header keys of its whole-cell-only aliases (教师, 学生). */
const EXACT_KEYS = new Map<FormTemplate, Set<string>>();
function exactKeys(form: FormTemplate): Set<string> {
  let s = EXACT_KEYS.get(form);
  if (!s) EXACT_KEYS.set(form, (s = new Set(form.columns.flatMap((c) => (c.exactAliases ?? []).map(headerKey)))));
  return s;
}

/** The template column a header text names, exact label first, then aliases. */
export function matchColumn(form: FormTemplate, text: string): Match | null {
  return matchKey(form, headerKey(text));
}

function matchKey(form: FormTemplate, key: string): Match | null {
  return key ? (lookup(form).get(key) ?? null) : null;
}

/** A questionnaire's question number before a header (2、网站名称, Q3 粉丝人数). */
const QUESTION_NO = /^\s*(?:[Qq]?\d+\s*[、.．:：)）]?\s*)/;

/** The forms one of whose labels or aliases a header is, word for word (its question number left out). */
export function formsNaming(text: string): FormTemplate[] {
  const key = headerKey(text.replace(QUESTION_NO, '')).replace(GROUP_NUMBER, '$1');
  return key ? FORMS.filter((f) => lookup(f).has(key)) : [];
}

/** An online form's repeated question group's number (网站1栏目, 账号2ID) left out: the question is the template's. */
const GROUP_NUMBER = /(网站|站点|账号|帐号|平台|公众号|群组|工作群|群)[0-9]{1,2}/;

function mapRow(form: FormTemplate, texts: string[], keyRow: string[]): { cells: HeaderCell[]; score: number; required: number } {
  const keys = keyRow.some((k) => GROUP_NUMBER.test(k)) ? keyRow.map((k) => k.replace(GROUP_NUMBER, '$1')) : keyRow;
  const cells: HeaderCell[] = texts.map((text, col) => {
    const m = matchKey(form, keys[col] ?? '');
    return { col, text, column: m?.column ?? null, match: m?.match ?? null };
  });
  // A header that only contains a label (网站负责人姓名, 粉丝人数合计) names that column when
  // nothing else claimed it: longer labels first, so 群管理员姓名 never becomes 管理员姓名.
  const claimed = new Set(cells.filter((c) => c.column).map((c) => c.column!.key));
  const wanted = new Map<string, { cell: HeaderCell; column: ColumnDef }[]>();
  for (const c of cells) {
    if (c.column || !keys[c.col]) continue;
    const hit = containedColumn(form, keys[c.col]!);
    if (!hit || claimed.has(hit.key)) continue;
    const list = wanted.get(hit.key);
    if (list) list.push({ cell: c, column: hit });
    else wanted.set(hit.key, [{ cell: c, column: hit }]);
  }
  for (const [key, list] of wanted) {
    // 负责人电话 and 管理员电话 both hold a phone: the row's phone is its owner's (管理员).
    const owner = key === form.owner.phone && list.length > 1 ? ownerWords(form) : [];
    const best = list.find((x) => owner.some((w) => keys[x.cell.col]!.includes(w))) ?? list[0]!;
    best.cell.column = best.column;
    best.cell.match = 'alias';
  }
  let score = 0;
  const seen = new Set<string>();
  let required = 0;
  for (const c of cells) {
    if (!c.column) continue;
    score += c.match === 'exact' ? 2 : 1;
    if (c.column.required && !seen.has(c.column.key)) required++;
    seen.add(c.column.key);
  }
  return { cells, score, required };
}

/** The owner column's label and aliases without 姓名 (管理员, 网站管理员): what names whose phone a column holds. */
const OWNER_WORDS = new Map<FormTemplate, string[]>();
function ownerWords(form: FormTemplate): string[] {
  let words = OWNER_WORDS.get(form);
  if (!words) {
    const col = form.columns.find((c) => c.key === form.owner.name);
    words = col ? [col.label, ...(col.aliases ?? [])].map((l) => headerKey(l).replace(/姓名|名字$/, '')).filter((w) => w.length >= 2) : [];
    OWNER_WORDS.set(form, words);
  }
  return words;
}

/** A cell's text that is a number alone (1, 42000, 13800001111): never a header label. */
function isNumberText(t: string): boolean {
  return /^\s*\d+(?:\.\d+)?\s*$/.test(t);
}

/** Words joining two things in one header: 网站名称及网址, 姓名/职务. */
const COORDINATION = /[及和与、/或&]/;

/** Label keys of a form, longest first, for containment matching (two characters or more). */
const CONTAINED = new Map<FormTemplate, { key: string; column: ColumnDef }[]>();
/** Per form: header key → the column it contains; header texts repeat across files (bounded). */
const CONTAINED_HITS = new Map<FormTemplate, Map<string, ColumnDef | null>>();
function containedColumn(form: FormTemplate, key: string): ColumnDef | null {
  let hits = CONTAINED_HITS.get(form);
  if (!hits) CONTAINED_HITS.set(form, (hits = new Map()));
  let hit = hits.get(key);
  if (hit === undefined) {
    let list = CONTAINED.get(form);
    if (!list) {
      list = form.columns
        .flatMap((c) => [c.label, ...(c.aliases ?? [])].map((l) => ({ key: headerKey(l), column: c })))
        .filter((x) => x.key.length >= 2 && x.column.type !== 'seq')
        .sort((a, b) => b.key.length - a.key.length);
      CONTAINED.set(form, list);
    }
    // Chinese compounds name their head last: 管理员电话 is a phone, 账号管理员 an admin. A
    // coordination (网站名称及网址) has two heads: there the longest label wins as before.
    const suffix = COORDINATION.test(key) ? undefined : list.find((x) => key.endsWith(x.key));
    hit = (suffix ?? list.find((x) => key.includes(x.key)))?.column ?? null;
    if (hits.size >= 5_000) hits.clear();
    hits.set(key, hit);
  }
  return hit;
}

/** Form keywords found in free text above the header (title rows) or the sheet name. */
const KEYWORDS = new Map(FORMS.map((f) => [f, f.keywords.map(squash)]));
function keywordScore(form: FormTemplate, squashed: string): number {
  return KEYWORDS.get(form)!.some((k) => squashed.includes(k)) ? 3 : 0;
}

export interface DetectWindow {
  /** First row that may hold a header (default: the first row with content). */
  from?: number;
  /** Rows after `from` to try (default SCAN_ROWS). */
  rows?: number;
  /** Title rows above `from` that count for the form's keywords (default 0). */
  aboveFrom?: number;
}

function firstFilledRow(sheet: SheetGrid): number {
  const r = sheet.rows.findIndex((row) => row && row.some((c) => !isBlank(c)));
  return r < 0 ? 0 : r;
}

type Pick = { cells: HeaderCell[]; score: number; required: number; bottom: number; mapped: number };

/**
 * One sheet's header texts, keys and candidate header mappings, each computed once: splitTables
 * and parseSheet both detect on a sheet, with different windows over the same rows.
 */
export class SheetScan {
  private readonly text: (row: number, col: number) => string;
  private readonly lines: string[][] = [];
  private readonly keyLines: string[][] = [];
  private readonly masks: number[] = [];
  /** Best mapping of a header starting at row r (one row or two) for FORMS[f], at r * FORMS.length + f. */
  private readonly picks = new Map<number, Pick>();
  private readonly aboveTexts = new Map<string, string>();

  constructor(readonly sheet: SheetGrid) {
    this.text = makeResolver(sheet);
  }

  line(r: number): string[] {
    let line = this.lines[r];
    if (!line) {
      const n = this.sheet.rows[r]?.length ?? 0;
      line = new Array<string>(n);
      for (let c = 0; c < n; c++) line[c] = this.text(r, c);
      this.lines[r] = line;
    }
    return line;
  }

  keys(r: number): string[] {
    let keys = this.keyLines[r];
    if (!keys) this.keyLines[r] = keys = this.line(r).map(headerKey);
    return keys;
  }

  /**
   * Which forms row r has a label of: rows without any known label cannot start a header. Read
   * from the cells, without keeping the row's texts: most rows looked at are data rows.
   */
  mask(r: number): number {
    let mask = this.masks[r];
    if (mask === undefined) {
      mask = 0;
      const row = this.sheet.rows[r];
      const n = row?.length ?? 0;
      for (let c = 0; c < n; c++) {
        // A number cell reads as its own text (never blank, so never a merge's): no label.
        if (row![c]?.t === 'n' && NUMBERS_NEVER_LABELS) continue;
        const text = this.text(r, c);
        if (tooLongForLabel(text)) continue;
        const k = headerKey(text);
        if (k.length < LABEL_LENGTH.min || k.length > LABEL_LENGTH.max || !LABEL_FIRST.has(k.charCodeAt(0))) continue;
        mask |= LABEL_FORMS.get(k) ?? 0;
      }
      this.masks[r] = mask;
    }
    return mask;
  }

  /** The sheet name and rows [from, r), squashed, for the forms' keywords (built only for a candidate header). */
  above(from: number, r: number): string {
    const key = `${from},${r}`;
    let t = this.aboveTexts.get(key);
    if (t === undefined) {
      t = `${this.sheet.name} `;
      for (let rr = from; rr < r; rr++) t += ' ' + this.line(rr).join(' ');
      this.aboveTexts.set(key, (t = squash(t)));
    }
    return t;
  }

  pick(f: number, r: number): Pick {
    const at = r * FORMS.length + f;
    let pick = this.picks.get(at);
    if (!pick) {
      pick = this.computePick(FORMS[f]!, r);
      this.picks.set(at, pick);
    }
    return pick;
  }

  private computePick(form: FormTemplate, r: number): Pick {
    const line = this.line(r);
    const keys = this.keys(r);
    const single = mapRow(form, line, keys);
    let pick = { cells: single.cells, score: single.score, required: single.required, bottom: r };
    const next = this.line(r + 1);
    // A two-row header needs labels in its upper row too; a title or signer line above never counts.
    const nextKeys = this.keys(r + 1);
    // Without a label in the lower row the pair scores as the upper row alone: nothing to try.
    // A label typed over two cells (最后更新 / 日期) reads as one when the two together are a label.
    const joined = (c: number) => (next[c] && keys[c] && nextKeys[c] ? keys[c] + nextKeys[c] : '');
    const lowerLabel = single.score > 0 ? lowerLabels(form, next, nextKeys) : () => false;
    if (single.score > 0 && nextKeys.some((_, c) => lowerLabel(c) || !!matchKey(form, joined(c))) && next.some((t) => t.trim())) {
      const width = Math.max(line.length, next.length);
      const combined: string[] = [];
      const combinedKeys: string[] = [];
      for (let c = 0; c < width; c++) {
        const both = joined(c);
        if (both && matchKey(form, both)) {
          combined.push(line[c]! + next[c]!);
          combinedKeys.push(both);
          continue;
        }
        const lowerWins = lowerLabel(c);
        combined.push(lowerWins ? next[c]! : (line[c] ?? ''));
        combinedKeys.push(lowerWins ? nextKeys[c]! : (keys[c] ?? ''));
      }
      const double = mapRow(form, combined, combinedKeys);
      // Only a real sub-header row adds columns; a first data row never matches labels.
      if (double.score > single.score) pick = { cells: double.cells, score: double.score, required: double.required, bottom: r + 1 };
    }
    if (pick.bottom === r && this.ownerPhoneBelow(form, pick.cells, r, line, next, nextKeys)) pick.bottom = r + 1;
    let mapped = 0;
    for (const c of pick.cells) if (c.column) mapped++;
    return { cells: pick.cells, score: pick.score, required: pick.required, bottom: pick.bottom, mapped };
  }

  /**
   * 联系电话 merged over 负责人 | 管理员: the row below says whose phone each column holds, and the
   * row's phone is its owner's (as with 负责人电话 | 管理员电话 side by side). The other column
   * keeps its name (负责人联系电话), so it is no column without a header. True when it applies.
   */
  private ownerPhoneBelow(form: FormTemplate, cells: HeaderCell[], r: number, line: string[], next: string[], nextKeys: string[]): boolean {
    const phone = cells.find((c) => c.column?.key === form.owner.phone);
    if (!phone) return false;
    const merge = this.sheet.merges.find((m) => m.top <= r && m.bottom === r && m.left === phone.col && m.right > m.left);
    if (!merge) return false;
    const span: number[] = [];
    for (let c = merge.left; c <= merge.right; c++) span.push(c);
    if (span.some((c) => !nextKeys[c] || isNumberText(next[c]!))) return false;
    const owner = ownerWords(form);
    const best = span.find((c) => owner.some((w) => nextKeys[c]!.includes(w)));
    if (best === undefined) return false;
    const column = phone.column;
    const match = phone.match;
    for (const c of span) {
      let cell = cells.find((x) => x.col === c);
      if (!cell) cells.push((cell = { col: c, text: '', column: null, match: null }));
      cell.text = next[c]! + line[merge.left]!;
      cell.column = c === best ? column : null;
      cell.match = c === best ? match : null;
    }
    cells.sort((a, b) => a.col - b.col);
    return true;
  }
}

export function detectForm(sheet: SheetGrid, win: DetectWindow = {}, scan: SheetScan = new SheetScan(sheet)): Detection | null {
  const from = win.from ?? firstFilledRow(sheet);
  const aboveFrom = Math.min(win.aboveFrom ?? 0, from);
  const last = Math.min(sheet.rows.length, from + (win.rows ?? SCAN_ROWS));
  const aboveAt = (r: number) => scan.above(aboveFrom, r);
  let best: Detection | null = null;
  for (let f = 0; f < FORMS.length; f++) {
    const form = FORMS[f]!;
    for (let r = from; r < last; r++) {
      if (!(scan.mask(r) & (1 << f))) continue;
      const pick = scan.pick(f, r);
      if (pick.required >= 2 && pick.mapped >= 3) {
        const score = pick.score + keywordScore(form, aboveAt(r));
        if (!best || score > best.score) {
          let dataStart = pick.bottom + 1;
          for (const c of pick.cells) if (c.column) dataStart = Math.max(dataStart, mergeBottom(sheet, pick.bottom, c.col) + 1);
          best = { form, headerTop: r, headerBottom: pick.bottom, dataStart, cells: pick.cells, score };
        }
      }
    }
  }
  return best;
}

/**
 * detectForm over the usual window, then, when that finds nothing, from the first row further
 * down that looks like a header: a long block of notes may stand above the table.
 */
export function findForm(sheet: SheetGrid, scan: SheetScan = new SheetScan(sheet)): Detection | null {
  const found = detectForm(sheet, {}, scan);
  if (found) return found;
  for (let r = firstFilledRow(sheet) + SCAN_ROWS; r < sheet.rows.length; r++) {
    if (mayBeHeader(sheet, r)) return detectForm(sheet, { from: r, rows: SCAN_ROWS, aboveFrom: 0 }, scan);
  }
  return null;
}

/** Every label of every form, for a quick look at whether a row may be a header at all. */
const ANY_LABEL = new Set(FORMS.flatMap((f) => [...lookup(f).keys()]));
/** Header key → bit f set when it is a label of FORMS[f]. */
const LABEL_FORMS = new Map<string, number>();
FORMS.forEach((f, i) => {
  for (const k of lookup(f).keys()) LABEL_FORMS.set(k, (LABEL_FORMS.get(k) ?? 0) | (1 << i));
});
/** Lengths and first characters of the label keys: a quick no for most data cells. */
const LABEL_LENGTH = { min: Math.min(...[...ANY_LABEL].map((k) => k.length)), max: Math.max(...[...ANY_LABEL].map((k) => k.length)) };
const LABEL_FIRST = new Set([...ANY_LABEL].map((k) => k.charCodeAt(0)));
/**
 * Whether headerKey(text) is surely longer than any label key: more characters than that which
 * headerKey keeps (it drops whitespace, '*', ':' and bracketed notes; with a bracket, no answer).
 * Scans only that far, so a long data text is ruled out without normalising it.
 */
function tooLongForLabel(text: string): boolean {
  if (text.length <= LABEL_LENGTH.max) return false;
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x28 || ch === 0x5b || ch === 0x3010 || ch === 0xff08 || ch === 0xff3b) return false;
    if (isSpace(ch) || DROPPED.has(ch)) continue;
    if (++kept > LABEL_LENGTH.max) return true;
  }
  return false;
}

/** Characters headerKey may drop besides whitespace: zero-width ones, '*' and ':' (half- and full-width). */
const DROPPED = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x2a, 0xff0a, 0x3a, 0xff1a]);

/** A number's text (String(n): digits, '.', 'e', signs, or NaN, Infinity) is no label key. */
const NUMBERS_NEVER_LABELS = ![...ANY_LABEL].some((k) => /^[-+.\de]*$|^-?infinity$|^nan$/.test(k));
/** First characters of those labels: most data cells are ruled out without normalising them. */
const FIRST_CHARS = new Set([...ANY_LABEL].map((k) => k[0]!));

function maybeLabel(c: Cell | null | undefined): c is { t: 's'; v: string } {
  if (c?.t !== 's' || c.v.length > 60) return false;
  const v = c.v;
  let first = 0;
  while (first < v.length && (v.charCodeAt(first) === 0x2a || v.charCodeAt(first) === 0xff0a || isSpace(v.charCodeAt(first)))) first++;
  if (first === v.length || !labelFirst(v, first)) return false;
  // Labels carry no digits.
  for (let i = first; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) return false;
  }
  return true;
}

/** Whether v[at], lower-cased, starts some label; ASCII and CJK ideographs without a new string. */
function labelFirst(v: string, at: number): boolean {
  const ch = v.charCodeAt(at);
  if (ch < 0x80) return LABEL_FIRST.has(ch >= 0x41 && ch <= 0x5a ? ch + 0x20 : ch);
  if (ch >= 0x4e00 && ch <= 0x9fff) return LABEL_FIRST.has(ch);
  return FIRST_CHARS.has(v[at]!.toLowerCase());
}


/**
 * Whether a row has at least three cells naming some form's columns: a cheap pre-check run on
 * every row. Labels carry no digits, so data rows (序号, phones, dates, counts) fail fast.
 */
function mayBeHeader(sheet: SheetGrid, r: number): boolean {
  const row = sheet.rows[r];
  if (!row || row.length < 3) return false;
  let candidates = 0;
  for (const c of row) if (maybeLabel(c)) candidates++;
  if (candidates < 3) return false;
  let hits = 0;
  for (const c of row) if (maybeLabel(c) && ANY_LABEL.has(headerKey(c.v)) && ++hits >= 3) return true;
  return false;
}

/** Title, 附件, 续表 and signer lines belong to the table below them. */
const TITLE_WORDS = /附件\s*\d|备案表|统计表|登记表|信息表|清理表|填报单位|填表人|单位负责人/;
/** What makes a line naming a form (新媒体平台) a title rather than a row's value (学院新媒体中心网站). */
const TITLE_MARK = /表|登记|备案|统计|清理|情况|汇总|一览|^[一二三四五六七八九十\d]{1,2}[、.．]|平台$/;
function titleLike(sheet: SheetGrid, r: number): boolean {
  const row = sheet.rows[r] ?? [];
  const filled = row.filter((c) => !isBlank(c));
  // A row opening with its 序号 is the upper table's data, whatever its text says.
  if (filled[0]?.t === 'n') return false;
  const t = row.map((c) => cellText(c)).join(' ');
  if (TITLE_WORDS.test(t) || saysContinued(t)) return true;
  if (filled.length > 2) return false;
  const squashed = squash(t);
  return FORMS.some((f) => keywordScore(f, squashed) > 0) && (TITLE_MARK.test(squashed) || mergedAcross(sheet, r));
}

/** Whether a merge at least three columns wide starts on row r: how titles are centred. */
function mergedAcross(sheet: SheetGrid, r: number): boolean {
  return sheet.merges.some((m) => m.top === r && m.right - m.left >= 2);
}

/** A form's full title (XX学院新媒体平台登记备案表), 附件2 or 续表 standing alone: a page's title line, never data. */
const FULL_TITLES = FORMS.map((f) => squash(f.keywords[0]!));
const ANNEX_ALONE = /^附件\d{1,2}[:：]?$/;
export function isTitleLine(text: string): boolean {
  if (text.length > 80) return false;
  const squashed = squash(text);
  return ANNEX_ALONE.test(squashed) || FULL_TITLES.some((t) => squashed.includes(t)) || (text.length <= 20 && saysContinued(text));
}

/** The sheet's rows [start, end) as a sheet of its own, keeping row numbers (and so A1 cells). */
function slice(sheet: SheetGrid, start: number, end: number): SheetGrid {
  const rows = Array.from({ length: end }, (_, r) => (r < start ? [] : (sheet.rows[r] ?? [])));
  const merges = sheet.merges.filter((m) => m.top >= start && m.top < end).map((m) => ({ ...m, bottom: Math.min(m.bottom, end - 1) }));
  return { ...sheet, rows, merges };
}

/**
 * Several forms stacked on one sheet (with or without blank rows or their own title rows
 * between them): one sheet per table, each keeping its rows' places, so each is checked as its
 * own form with the right A1 cells. Another form's header ends the table above it; the title
 * and signer lines right above a header go with it. A sheet with one table comes back as is.
 */
export function splitTables(sheet: SheetGrid): SheetGrid[] {
  return scanTables(sheet).map((t) => t.sheet);
}

/** splitTables, each table with its scan: parseSheet(sheet, scan) then reuses what was read. */
export function scanTables(sheet: SheetGrid): { sheet: SheetGrid; scan: SheetScan }[] {
  const scan = new SheetScan(sheet);
  const heads: Detection[] = [];
  let floor = 0;
  for (let r = firstFilledRow(sheet); r < sheet.rows.length; r++) {
    if (!mayBeHeader(sheet, r)) continue;
    const d = detectForm(sheet, { from: r, rows: 1, aboveFrom: Math.max(floor, r - 4) }, scan);
    if (!d || d.headerTop !== r) continue;
    heads.push(d);
    floor = d.dataStart;
    r = d.dataStart - 1;
  }
  if (heads.length < 2) {
    // A header no label matches word for word (2、网站1名称) is found by the full detection.
    const head = heads[0] ?? detectForm(sheet, {}, scan);
    return (head && beside(sheet, head, 0)) ?? [{ sheet, scan }];
  }
  const bounds = [0];
  for (let i = 1; i < heads.length; i++) {
    const floorRow = heads[i - 1]!.dataStart;
    let top = heads[i]!.headerTop;
    while (top - 1 >= floorRow && (isBlankRow(sheet, top - 1) || titleLike(sheet, top - 1))) top--;
    while (top < heads[i]!.headerTop && isBlankRow(sheet, top)) top++;
    bounds.push(top);
  }
  bounds.push(sheet.rows.length);
  return bounds.slice(0, -1).flatMap((s, i) => {
    const table = slice(sheet, s, bounds[i + 1]!);
    return beside(table, heads[i]!, i ? heads[i - 1]!.dataStart : 0) ?? [{ sheet: table, scan: new SheetScan(table) }];
  });
}

/** Forms side by side in a table (sideBySide.ts), each with its scan; null for one form. */
function beside(table: SheetGrid, head: Detection, floor: number): { sheet: SheetGrid; scan: SheetScan }[] | null {
  const top = head.headerTop;
  const detect = (s: SheetGrid) => detectForm(s, { from: top, rows: 1, aboveFrom: Math.max(floor, top - 4) });
  const split = splitSideBySide(table, head, detect) ?? splitRepeatedGroups(table, head, detect) ?? splitFormsInRow(table, head, detect, formsNaming);
  return split && split.map((s) => ({ sheet: s, scan: new SheetScan(s) }));
}

function isBlankRow(sheet: SheetGrid, r: number): boolean {
  return (sheet.rows[r] ?? []).every(isBlank);
}
