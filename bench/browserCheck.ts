/**
 * Is the downloaded result workbook complete? Opened with the project's own reader: the sheets the
 * result must have, and how many roster units each unit-per-row sheet lists.
 */
import { readFileSync } from 'node:fs';
import type { Cell, SheetGrid } from '../src/core/grid';
import { readBackSheets } from '../src/xlsx/read';

export interface WorkbookCheck {
  bytes: number;
  sheets: string[];
  /** Required sheets that are absent. */
  missing: string[];
  /** Distinct roster units per sheet that lists units in a 单位 / 单位名称 column. */
  units: Record<string, number>;
  ok: boolean;
  problems: string[];
}

/** Sheets the result workbook always has (汇总_* checked as a prefix). */
const REQUIRED = ['总览', '导入记录', '校验结果', '单位概况', '考核排名', '评分表', '整改台账'];
const UNIT_HEADERS = new Set(['单位', '单位名称']);

const text = (c: Cell | null | undefined): string => (c && 'v' in c ? String(c.v).trim() : '');

/** Distinct roster names in the first 单位 column found in the sheet's top rows. */
function unitsListed(sheet: SheetGrid, roster: Set<string>): number | null {
  for (let r = 0; r < Math.min(sheet.rows.length, 12); r++) {
    const row = sheet.rows[r] ?? [];
    const col = row.findIndex((c) => UNIT_HEADERS.has(text(c)));
    if (col < 0) continue;
    const seen = new Set<string>();
    for (let i = r + 1; i < sheet.rows.length; i++) {
      const v = text(sheet.rows[i]?.[col]);
      if (roster.has(v)) seen.add(v);
    }
    return seen.size;
  }
  return null;
}

export async function checkWorkbook(file: string, roster: string[], expectedUnits: number): Promise<WorkbookCheck> {
  const bytes = readFileSync(file);
  const grid = await readBackSheets(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const names = grid.sheets.map((s) => s.name);
  const missing = REQUIRED.filter((n) => !names.includes(n));
  if (!names.some((n) => n.startsWith('汇总_'))) missing.push('汇总_*');
  const rosterSet = new Set(roster);
  const units: Record<string, number> = {};
  for (const sheet of grid.sheets) {
    if (sheet.name !== '考核排名' && sheet.name !== '单位概况' && !sheet.name.startsWith('汇总_')) continue;
    const n = unitsListed(sheet, rosterSet);
    if (n !== null) units[sheet.name] = n;
  }
  const problems: string[] = missing.map((m) => `sheet ${m} missing`);
  // Every submitting unit is ranked and described; 99 % leaves room for units a generator marks absent.
  for (const name of ['考核排名', '单位概况']) {
    const n = units[name];
    if (n === undefined) problems.push(`${name}: no 单位 column found`);
    else if (n < expectedUnits * 0.99) problems.push(`${name}: ${n} units, expected ~${expectedUnits}`);
  }
  return { bytes: bytes.length, sheets: names, missing, units, ok: problems.length === 0, problems };
}

/** Unit names of a roster workbook (the 单位名称 column of its first sheet with one). */
export async function rosterNames(file: string): Promise<string[]> {
  const bytes = readFileSync(file);
  const grid = await readBackSheets(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  for (const sheet of grid.sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, 12); r++) {
      const col = (sheet.rows[r] ?? []).findIndex((c) => UNIT_HEADERS.has(text(c)));
      if (col < 0) continue;
      return sheet.rows.slice(r + 1).map((row) => text(row?.[col])).filter(Boolean);
    }
  }
  return [];
}
