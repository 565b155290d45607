/**
 * Turns one sheet into header mapping + raw data rows: skips spacer, example and total rows,
 * stops at trailing notes, recognises a `无` row, and reads the title and signer lines.
 */
import { type Cell, type SheetGrid, cellText, isBlank } from '../grid';
import type { ColumnDef, FormTemplate } from '../forms/templates';
import { isNothingToFile, squash } from '../normalize/text';
import { type Detection, type HeaderCell, findForm, isTitleLine, SheetScan } from './detect';
import { type Signer, mergeSigners, parseSigner } from './signer';

export interface RawRow {
  /** 0-based sheet row. */
  row: number;
  cells: (Cell | null | undefined)[];
}

export interface ParsedSheet {
  sheet: string;
  form: FormTemplate;
  detection: Detection;
  /** Template column key → sheet column (0-based); first occurrence when duplicated. */
  columnOf: Map<string, number>;
  /** Columns holding data but no template column: header text (or null when the header is blank). */
  extraColumns: { col: number; header: string | null }[];
  rows: RawRow[];
  /** An explicit `无` / `暂无` row: the unit has nothing of this kind to file. */
  nothingToFile: boolean;
  title: string | null;
  signer: Signer;
  /** Data rows (sheet rows, 0-based) hidden in the sheet: read, and reported (rows-hidden). */
  hiddenRows?: number[];
  /** The table's columns (template or extra) hidden in the sheet: read, and reported (columns-hidden). */
  hiddenCols?: number[];
  /** A phone column split in several (联系电话 over 办公电话 | 手机): key → its columns, read as one. */
  joined?: Map<string, number[]>;
  /** Cells written 同上 / 〃, read as the cell above them: (sheet row, column) each. */
  ditto?: { row: number; col: number }[];
}

export type SheetParse = { kind: 'form'; parsed: ParsedSheet } | { kind: 'empty' } | { kind: 'unrecognized' };

/** A row starting with one of these ends the table (notes and signer lines under it). */
const NOTE_PREFIXES = ['说明', '填表说明', '填写说明', '填报说明', '填报须知', '填表须知', '温馨提示', '特别提示', '注意事项', '备注:'].map(squash);
const STOP_PREFIXES = [
  ...NOTE_PREFIXES,
  ...[
    '填表人', '填报人', '经办人', '负责人', '单位负责人', '分管领导', '主管领导', '审核人', '审核:', '审批:', '制表人', '制表:',
    '联系人:', '填报单位', '报送单位', '单位(盖章)', '单位盖章', '(盖章)', '盖章:', '填报日期', '填表日期', '报送日期', '日期:',
  ].map(squash),
];
/** The same words standing alone on their row (备注, 说明): a heading of the notes below. */
const STOP_ALONE = new Set(['备注', '附注', '注', '说明'].map(squash));
/** A section heading between rows (一、微信公众号, （二）教师群) or a numbered note (1.本表由…填写；). */
const SECTION_LINE = /^(?:[一二三四五六七八九十]{1,3}[、.]|[(][一二三四五六七八九十\d]{1,2}[)]|\d{1,2}[.、)][\u4e00-\u9fff]{2,}.*[，,。；;：:])/;
/** A sentence (12 characters or more with a comma, full stop, semicolon or colon): a note, never a value. */
const SENTENCE = /^(?=.{12,}).*[，,。；;：:]/;
function isLine(text: string, inSeq: boolean): boolean {
  return SECTION_LINE.test(text) || DATE_LINE.test(text) || UNIT_LINE.test(text) || (inSeq && SENTENCE.test(text));
}
/** 单位：计算机学院 alone on its row: a heading over that unit's rows (a table gathered from several units). */
const UNIT_LINE = /^(?:填报|报送|所在)?(?:单位|部门|院系)(?:名称)?[:：]\S{2,30}$/;
/** A date alone on its row: the signing date under the table. */
const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日?$/;
/**
 * A template's hint row under the header (如：微信公众号 | 账号全称 | 填写数字 | 手机号码, or
 * （必填） | （选填）): each cell says what goes in its column.
 */
const HINT_MARK = /^[(]?(?:必填|选填|非必填|可选|可不填|如|例[:：]|填写|请填|请选|格式|参考)/;
const HINT_CELL = /(?:全称|名称|号码|数字|姓名|日期|时间)[)]?$|号$/;
/** Every cell a hint or a column's description, and at least one a hint (视频号 | 外院青年视频号 is a sparse row). */
function isHintRow(cells: readonly (Cell | null | undefined)[]): boolean {
  let n = 0;
  let marked = false;
  for (const c of cells) {
    if (isBlank(c)) continue;
    if (c!.t !== 's' || c!.v.length > 30) return false;
    const t = squash(c!.v);
    const mark = HINT_MARK.test(t);
    if (!mark && !HINT_CELL.test(t)) return false;
    marked ||= mark;
    n++;
  }
  return n >= 2 && marked;
}
/** 注 alone is a word only before a non-ideograph (注：, 注1.) or as 注意/注释: 注册中心网站 is data. */
const NOTE_MARK = /^注(?:意|释|[^\u4e00-\u9fff])|^注$/;
const EXAMPLE_WORDS = ['示例', '例', '样例', '举例', '例如', '范例', '填写示例', '填表示例'];
const TOTAL_WORDS = ['合计', '总计', '小计', '共计'];
/** A marker word alone, or followed by a non-ideograph (示例1, 合计：3个): 例会通知群 is data. */
function marked(lead: string, words: readonly string[]): boolean {
  for (const w of words) {
    if (!lead.startsWith(w)) continue;
    const next = lead.charCodeAt(w.length);
    if (Number.isNaN(next) || next < 0x4e00 || next > 0x9fff) return true;
  }
  return false;
}
function isExample(cells: readonly (Cell | null | undefined)[]): boolean {
  for (const c of cells) {
    if (c?.t !== 's') continue;
    const ch = c.v.trimStart().charCodeAt(0);
    if ((ch === 0x28 || ch === 0xff08 || ch === 0x3010 || ch === 0x5b) && BRACKETED_EXAMPLE.test(c.v.trim())) return true;
    // 示例 / 此行为示例，请删除 as a cell of its own (the 备注 of the template's sample row).
    if (c.v.length <= 20 && (ch === 0x793a || ch === 0x6837 || ch === 0x8303 || ch === 0x6b64 || ch === 0x672c || ch === 0x8be5 || ch === 0x586b) && EXAMPLE_NOTE.test(squash(c.v))) return true;
  }
  return false;
}
/** A cell saying its row is the sample: 示例, 样例行, 此行为示例，请删除, 填写示例（请删除）. */
const EXAMPLE_NOTE = /^(?:(?:此行|本行|该行)(?:为|是)?)?(?:填写|填表)?(?:示例|样例|范例)(?:行|数据)?(?:[,，。;；]?[(（]?(?:请删除|请勿保留|填报时删除|删除)[)）]?)?[。.]?$/;
/** A cell opening with a bracketed 示例 (（示例）XX学院教职工群) marks the row as an example. */
const BRACKETED_EXAMPLE = /^[(（【[]\s*(?:示例|例|样例|范例|填写示例)\s*[)）】\]]/;
/** One sentence saying there is nothing to file: 本单位无此类群组, 无（本学期未清理）, 没有需要清理的群. */
// Matched on squash()ed text (half-width, lower case): （无） is (无), 经排查， is 经排查,.
const NOTHING_SENTENCE = /^[([]?(?:经(?:排查|核查|自查|摸排|统计|核实|检查)[,、]?)?(?:本单位|我单位|本部门|我部门|本院|我院)?(?:暂|目前|现)?(?:(?:无|没有)(?:$|[^\u4e00-\u9fff]|此|该|相关|需要|需|任何|符合|登记|备案|清理|网站|网络|账号|群|工作群|僵尸|新媒体|平台|大v)|(?:不涉及|不适用)(?:$|[^\u4e00-\u9fff]))/;
/** 以下空白, （以下空白）, 以下无内容: the end-of-table mark of official forms, alone on its row. */
const END_MARK = /^[([]?(?:以下(?:空白|无内容|无正文|无)|此处空白|本页以下空白)[)\]]?[.。]?$/;
const NOTHING_MAX = 30;
/** 第 1 页, 第1页 共3页, 共3页 第1页, - 2 -: a page footer or header printed with the form. */
const PAGE_MARK = /^(?:第\d+页(?:[,，、/]?共\d+页)?|共\d+页[,，、/]?第\d+页|-\d+-)$/;

/**
 * Whether a row opening with a note or signer word ends the table, and as which (the notes, or
 * the signer line: the page's footer): the word stands as a label
 * (alone, or before a colon, bracket or space: 说明：, 单位负责人（签字）, 温馨提示) on a row of
 * a few cells. 说明书翻译服务网, or 温馨提示 as an account's name on a row of ten, is data.
 */
function stopKind(first: string, cells: readonly (Cell | null | undefined)[]): 'note' | 'signer' | null {
  const p = STOP_PREFIXES.find((w) => first.startsWith(w));
  if (p === undefined) return null;
  const kind = NOTE_PREFIXES.includes(p) ? 'note' : 'signer';
  if (p.endsWith(':')) return kind;
  // 分管领导签字, 填表人电话: the label goes on with what is asked for.
  const rest = first.slice(p.length).replace(/^(?:签字|签名|签章|盖章|意见|姓名|电话|手机|日期)/, '');
  const next = rest.charCodeAt(0);
  if (next >= 0x4e00 && next <= 0x9fff) return null;
  let filled = 0;
  for (const c of cells) if (!isBlank(c)) filled++;
  return filled <= STOP_ROW_CELLS || first.includes(':') ? kind : null;
}
/** A signer line set out in cells: 单位负责人（签字） | 王建国 | 填表人 | 李敏 | 电话 | 13800001111. */
const STOP_ROW_CELLS = 6;

function lineText(sheet: SheetGrid, r: number): string {
  return (sheet.rows[r] ?? []).map((c) => cellText(c).trim()).filter(Boolean).join('  ');
}

function trimmedText(cells: readonly (Cell | null | undefined)[], c: number): string {
  return cellText(cells[c]).trim();
}

/** Without one trailing colon (half- or full-width). */
function withoutColon(text: string): string {
  return text.endsWith(':') || text.endsWith('：') ? text.slice(0, -1) : text;
}

function isEmptySheet(sheet: SheetGrid): boolean {
  return sheet.rows.every((row) => !row || row.every(isBlank));
}

/** `scan`: the sheet's scan from scanTables, so the header rows are read once. */
export function parseSheet(sheet: SheetGrid, scan?: SheetScan): SheetParse {
  if (isEmptySheet(sheet)) return { kind: 'empty' };
  const detection = findForm(sheet, scan ?? new SheetScan(sheet));
  if (!detection) return { kind: 'unrecognized' };
  const { form } = detection;

  const columnOf = new Map<string, number>();
  for (const h of detection.cells) if (h.column && !columnOf.has(h.column.key)) columnOf.set(h.column.key, h.col);

  const lines = linesAbove(sheet, detection.headerTop);
  const body = readRows(sheet, detection.dataStart, columnOf.get('seq'));
  const joined = splitPhones(detection);
  const { rows: plain, ditto } = resolveDitto(body.rows);
  const rows = joined ? plain.map((r) => joinPhones(r, joined)) : plain;
  const parsed: ParsedSheet = {
    sheet: sheet.name, form, detection, columnOf, extraColumns: extraColumnsOf(detection.cells, columnOf, rows), rows,
    nothingToFile: body.nothingToFile, title: lines.title, signer: mergeSigners([...lines.signers, ...body.signers]),
  };
  const hidden = hiddenDataRows(sheet, rows);
  if (hidden) parsed.hiddenRows = hidden;
  const cols = hiddenTableColumns(sheet, parsed);
  if (cols) parsed.hiddenCols = cols;
  if (joined) parsed.joined = joined;
  if (ditto.length) parsed.ditto = ditto;
  return { kind: 'form', parsed };
}

/** 同上, 同上。, 〃, ″, 仝上: "as in the row above". */
const DITTO_FIRST = new Set(['同', '仝', '〃', '″', '"'].map((c) => c.charCodeAt(0)));
const DITTO = /^(?:同上|仝上|〃|″|"|同前)[。.]?$/;

/**
 * A cell written 同上 / 〃 reads as the same column of the data row above (a clerk reads it so);
 * the first row's has nothing above it and stays as written (its check says what is wrong).
 */
function resolveDitto(rows: readonly RawRow[]): { rows: RawRow[]; ditto: { row: number; col: number }[] } {
  const ditto: { row: number; col: number }[] = [];
  const out: RawRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let cells: (Cell | null | undefined)[] | null = null;
    for (let c = 0; c < r.cells.length; c++) {
      const cell = r.cells[c];
      if (cell?.t !== 's' || cell.v.length > 4 || !DITTO_FIRST.has(cell.v.trimStart().charCodeAt(0)) || !DITTO.test(cell.v.trim())) continue;
      const above = out[i - 1]?.cells[c];
      if (!above || isBlank(above)) continue;
      cells ??= r.cells.slice();
      cells[c] = above;
      ditto.push({ row: r.row, col: c });
    }
    out.push(cells ? { row: r.row, cells } : r);
  }
  return { rows: out, ditto };
}

/**
 * A phone column named by several header cells side by side (办公电话 | 手机 under 联系电话): one
 * phone column in parts. Apart (联系电话 in E and again in H) they stay a duplicate column.
 */
function splitPhones(d: Detection): Map<string, number[]> | undefined {
  let out: Map<string, number[]> | undefined;
  for (const h of d.cells) {
    if (h.column?.type !== 'phone' || out?.has(h.column.key)) continue;
    const cols = d.cells.filter((x) => x.column === h.column).map((x) => x.col);
    if (cols.length > 1 && cols.every((c, i) => i === 0 || c === cols[i - 1]! + 1)) (out ??= new Map()).set(h.column.key, cols);
  }
  return out;
}

/** The row with each split phone's parts in its first column: one number as it was, several joined by "/". */
function joinPhones(r: RawRow, joined: Map<string, number[]>): RawRow {
  let cells: (Cell | null | undefined)[] | null = null;
  for (const cols of joined.values()) {
    const filled = cols.filter((c) => !isBlank(r.cells[c]));
    if (filled.length === 0 || (filled.length === 1 && filled[0] === cols[0])) continue;
    cells ??= r.cells.slice();
    cells[cols[0]!] = filled.length === 1 ? r.cells[filled[0]!] : { t: 's', v: filled.map((c) => cellText(r.cells[c]).trim()).join('/') };
    for (const c of cols.slice(1)) cells[c] = null;
  }
  return cells ? { row: r.row, cells } : r;
}

/** Which of the data rows the sheet hides. */
export function hiddenDataRows(sheet: SheetGrid, rows: readonly RawRow[]): number[] | undefined {
  if (!sheet.hiddenRows?.length) return undefined;
  const hidden = new Set(sheet.hiddenRows);
  const out = rows.filter((r) => hidden.has(r.row)).map((r) => r.row);
  return out.length ? out : undefined;
}

/** Which of the table's columns (template or extra) the sheet hides. */
export function hiddenTableColumns(sheet: SheetGrid, p: Pick<ParsedSheet, 'columnOf' | 'extraColumns'>): number[] | undefined {
  if (!sheet.hiddenCols?.length) return undefined;
  const table = new Set([...p.columnOf.values(), ...p.extraColumns.map((x) => x.col)]);
  const out = sheet.hiddenCols.filter((c) => table.has(c));
  return out.length ? out : undefined;
}

/** Columns with data but no template column (extra header, or no header at all). */
export function extraColumnsOf(cells: readonly HeaderCell[], columnOf: Map<string, number>, rows: readonly RawRow[]): ParsedSheet['extraColumns'] {
  const headerText = new Map<number, HeaderCell>(cells.map((h) => [h.col, h]));
  const used = new Set(columnOf.values());
  const extraCols = new Set<number>();
  for (const h of cells) if (!h.column && h.text.trim()) extraCols.add(h.col);
  for (const raw of rows) for (let col = 0; col < raw.cells.length; col++) if (!used.has(col) && !isBlank(raw.cells[col])) extraCols.add(col);
  return [...extraCols].sort((a, b) => a - b).map((col) => {
    const t = headerText.get(col)?.text.trim();
    return { col, header: t ? t : null };
  });
}

/** Title and signer lines above row `end` (the header, or a headerless part's first row). */
export function linesAbove(sheet: SheetGrid, end: number): { title: string | null; signers: Signer[] } {
  let title: string | null = null;
  const signers: Signer[] = [];
  for (let r = 0; r < end; r++) {
    const line = lineText(sheet, r);
    if (!line) continue;
    const s = parseSigner(line);
    if (s.present) signers.push(s);
    else title ??= line;
  }
  return { title, signers };
}

/**
 * The data rows from `dataStart`: blank, example, total and 序号-only rows skipped, a row of
 * 无 noted, and everything from a note or signer line on read as signer lines only.
 */
/** A row's 序号 as a whole number, or null. */
function seqOf(cells: readonly (Cell | null | undefined)[], seqCol: number | undefined): number | null {
  if (seqCol === undefined) return null;
  const c = cells[seqCol];
  const n = c?.t === 'n' ? c.v : c?.t === 's' && /^\s*\d{1,6}\s*$/.test(c.v) ? Number(c.v) : NaN;
  return Number.isInteger(n) ? n : null;
}

/**
 * The row below a signer or note line where the table goes on (a second page pasted under the
 * first with its footer): the next 序号 after the last row read, with two more cells filled.
 * Null when none does: what follows is notes, or another table.
 */
function resumeAfter(sheet: SheetGrid, stop: number, seqCol: number | undefined, last: number | null): number | null {
  if (last === null) return null;
  for (let r = stop + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (seqOf(cells, seqCol) !== last + 1) continue;
    let filled = 0;
    for (let c = 0; c < cells.length && filled < 3; c++) if (c !== seqCol && !isBlank(cells[c])) filled++;
    if (filled >= 2) return r;
  }
  return null;
}

export function readRows(sheet: SheetGrid, dataStart: number, seqCol: number | undefined): { rows: RawRow[]; nothingToFile: boolean; signers: Signer[] } {
  const rows: RawRow[] = [];
  const signers: Signer[] = [];
  let nothingToFile = false;
  const mergedFill = dataMerges(sheet, dataStart);
  for (let r = dataStart; r < sheet.rows.length; r++) {
    const own = sheet.rows[r] ?? [];
    if (own.every(isBlank)) continue;
    const cells = mergedFill.has(r) ? withMerged(own, mergedFill.get(r)!) : own;
    // Texts only as far as needed: the first filled cell, 序号, the first meaningful ones.
    const textAt = (c: number) => trimmedText(cells, c);
    let firstCol = 0;
    while (firstCol < cells.length && !textAt(firstCol)) firstCol++;
    if (firstCol === cells.length) continue;
    const firstText = textAt(firstCol);
    const first = squash(firstText);
    const stop = stopKind(first, cells);
    if (stop || NOTE_MARK.test(first) || STOP_ALONE.has(withoutColon(first))) {
      // Signer lines and notes are often placed under the table: not data. A page pasted below
      // its footer (the signer line) goes on with the numbering, and is read on; under notes
      // the rows are the notes' own (a sample row explained).
      const resume = stop === 'signer' ? resumeAfter(sheet, r, seqCol, rows.length ? seqOf(rows[rows.length - 1]!.cells, seqCol) : null) : null;
      for (let rr = r; rr < (resume ?? sheet.rows.length); rr++) {
        const s = parseSigner(lineText(sheet, rr));
        if (s.present) signers.push(s);
      }
      if (resume === null) break;
      r = resume - 1;
      continue;
    }
    const lead = withoutColon(squash(seqCol !== undefined && seqCol < cells.length ? textAt(seqCol) || firstText : firstText));
    if (marked(lead, EXAMPLE_WORDS) || marked(lead, TOTAL_WORDS)) continue;
    if (!rows.length && isHintRow(cells)) continue;
    // A row holding only its 序号 (a pre-numbered blank template row) is no data.
    let meaningful = 0;
    let onlyNothing = true;
    let lone = '';
    let loneCol = -1;
    for (let c = firstCol; c < cells.length && (onlyNothing || meaningful < 2); c++) {
      const t = textAt(c);
      if (!t || (c === seqCol && /^\d+$/.test(t))) continue;
      meaningful++;
      lone = t;
      loneCol = c;
      onlyNothing &&= isNothingToFile(t);
    }
    if (!meaningful || isExample(cells)) continue;
    // A page number printed on each page (pages pasted into one sheet) is no data.
    if (meaningful === 1 && lone.length <= 20 && PAGE_MARK.test(squash(lone))) continue;
    if (meaningful === 1 && END_MARK.test(squash(lone))) continue;
    // So is the form's title repeated alone on the next page (its header was not repeated).
    if (meaningful === 1 && isTitleLine(lone)) continue;
    // A row holding one sentence that says the unit has none of these counts as 无.
    if (!onlyNothing && meaningful === 1 && lone.length <= NOTHING_MAX && NOTHING_SENTENCE.test(squash(lone)) && !/\d/.test(lone)) onlyNothing = true;
    // A section heading, a numbered note, a sentence in the 序号 column or a date, alone on its row: no row.
    // Not under a 序号: 3 | （三）班学生群 is a half-filled row.
    if (!onlyNothing && meaningful === 1 && cells[loneCol]?.t === 's' && (loneCol === seqCol || seqCol === undefined || isBlank(cells[seqCol])) && isLine(squash(lone), loneCol === seqCol)) continue;
    if (onlyNothing) {
      nothingToFile = true;
      continue;
    }
    rows.push({ row: r, cells });
  }
  return { rows, nothingToFile, signers };
}

/**
 * Cells covered by a vertical merge in the data area (one 负责人 for several sites): each row
 * reads the merge's value. Only merges of a sane size are expanded.
 */
function dataMerges(sheet: SheetGrid, dataStart: number): Map<number, Map<number, Cell>> {
  const fill = new Map<number, Map<number, Cell>>();
  for (const m of sheet.merges) {
    if (m.top < dataStart || m.bottom === m.top || (m.bottom - m.top + 1) * (m.right - m.left + 1) > 10_000) continue;
    const master = sheet.rows[m.top]?.[m.left];
    if (!master || isBlank(master)) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      const row = fill.get(r) ?? new Map<number, Cell>();
      row.set(m.left, master);
      fill.set(r, row);
    }
  }
  return fill;
}

function withMerged(own: (Cell | null | undefined)[], fill: Map<number, Cell>): (Cell | null | undefined)[] {
  const out = own.slice();
  for (const [c, cell] of fill) if (isBlank(out[c])) out[c] = cell;
  return out;
}

/** The template columns found by label, with how each was matched. */
export function matchedColumns(p: ParsedSheet): { def: ColumnDef; col: number; header: string; alias: boolean }[] {
  return p.detection.cells
    .filter((h) => h.column)
    .map((h) => ({ def: h.column!, col: h.col, header: h.text, alias: h.match === 'alias' }));
}
