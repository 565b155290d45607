/**
 * A column naming each row's unit (填报单位, 单位名称, 所在部门…): an online form's export or a
 * sheet the office merged by hand holds several units' rows in one table. The rows are grouped
 * by that column so that each unit is checked, summarised and ranked as if it had sent its own
 * file; a single unit named there is the file's unit.
 */
import { cellText } from '../grid';
import { squash } from '../normalize/text';
import type { ParsedSheet } from './parse';

/**
 * 单位, 填报单位, 单位名称, 所在单位（全称）, 部门, 所属部门, 院系, 学院, 二级单位, 单位/部门, and
 * an online form's question (1、您所在的单位：, Q1 所在单位, 第1题 填报单位) — after squash,
 * brackets dropped.
 */
const UNIT_WORD = '(?:单位|部门|院系|学院|院部|二级单位|二级学院)';
const UNIT_HEADER = new RegExp(`^(?:[您你](?:的)?)?(?:填报|报送|提交|所在|所属|归属)?(?:的)?${UNIT_WORD}(?:/${UNIT_WORD})?(?:名称|全称)?$`);
/** A question's number before its text: 1、 2. Q3 第4题. */
const QUESTION_NO = /^(?:第\d{1,3}题|q\d{1,3}|\d{1,3})[-.、:：_)]*/;

export function isUnitHeader(header: string): boolean {
  return UNIT_HEADER.test(squash(header).replace(/[(（[【].*?[)）\]】]/g, '').replace(/[:：*＊?？]/g, '').replace(QUESTION_NO, ''));
}

/** The extra column of `p` whose header names the unit, or null. */
export function unitColumnOf(p: ParsedSheet): { col: number; header: string } | null {
  for (const x of p.extraColumns) if (x.header && isUnitHeader(x.header)) return { col: x.col, header: x.header };
  return null;
}

/** Longer than any unit's name: the column holds something else (and its text would go into every finding). */
const MAX_UNIT_NAME = 60;

/** Per part, each data row's unit as written; a blank cell belongs to the unit of the row above (or below, at the top). */
export interface UnitRows {
  header: string;
  /** Part → sheet row (0-based) → unit name as written. */
  rows: Map<ParsedSheet, Map<number, string>>;
  /** Names in order of first appearance. */
  names: string[];
}

/**
 * The rows of the parts by their unit column, when every part with rows has one and at least
 * one row names a unit; null otherwise (a part without the column cannot be attributed).
 */
export function unitRows(parts: readonly ParsedSheet[]): UnitRows | null {
  const withRows = parts.filter((p) => p.rows.length);
  if (!withRows.length) return null;
  const cols = withRows.map(unitColumnOf);
  if (cols.some((c) => c === null)) return null;
  const rows = new Map<ParsedSheet, Map<number, string>>();
  const names = new Set<string>();
  let tooLong = false;
  withRows.forEach((p, i) => {
    const col = cols[i]!.col;
    const texts = p.rows.map((r) => cellText(r.cells[col]).trim());
    if (texts.some((t) => t.length > MAX_UNIT_NAME)) tooLong = true;
    const firstNamed = texts.find((t) => t) ?? '';
    const byRow = new Map<number, string>();
    let last = firstNamed;
    p.rows.forEach((r, k) => {
      if (texts[k]) last = texts[k]!;
      if (!last) return;
      byRow.set(r.row, last);
      names.add(last);
    });
    rows.set(p, byRow);
  });
  if (tooLong) return null;
  return names.size ? { header: cols[0]!.header, rows, names: [...names] } : null;
}
