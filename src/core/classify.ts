/**
 * What a dropped or picked file is, from its content (sheet names and headers), never from the
 * box it was dropped into: a unit's submission, the roster, an inspector's score workbook, or a
 * result workbook we wrote earlier. Adapters only turn bytes into grids.
 */
import type { SheetGrid, WorkbookGrid } from './grid';
import { hasScoreHeader, isAdjustmentSheet } from './scoring/scores';
import { parseSheet } from './sheet/parse';
import { rosterFromGrid } from './units';

export type FileKind = 'submission' | 'roster' | 'scores' | 'result';

/** Sheets of a score workbook, by name (DOMAIN §2.3). */
export const SCORE_BOOK_SHEETS = ['评分', '评分记录', '检查评分', '加减分', '评分细则', '参数'] as const;
/** A result's print view of its 评分表: the same scores again (averaged), never read as scores. */
const DERIVED_SHEETS = ['评分表_打印'];
/** Sheets only a result workbook has (check-only results included). */
const RESULT_SHEETS = ['总览', '考核排名', '评分表', '整改台账', '校验结果', '导入记录', '单位概况'];

const named = (s: SheetGrid, names: readonly string[]) => names.includes(s.name.trim());

/** A roster names units and at least one roster attribute (类别, 别名, 负责人, 电话), or says 名单. */
function isRoster(sheet: SheetGrid, fileName: string): boolean {
  const r = rosterFromGrid(sheet);
  if (!r?.units.length) return false;
  if (/名单|名册/.test(sheet.name + fileName)) return true;
  return r.units.some((u) => u.category || u.head || u.aliases.length || u.phone);
}

export function classifyWorkbook(wb: WorkbookGrid, fileName: string): FileKind {
  return kindOf(wb, fileName, () => wb.sheets.some((s) => parseSheet(s).kind === 'form'));
}

/**
 * The same decision when the checker already knows whether any sheet is a form (`hasForm` is
 * asked only when sheet names do not decide), so a batch pays for form detection once.
 */
export function kindOf(wb: WorkbookGrid, fileName: string, hasForm: () => boolean): FileKind {
  const sheets = wb.sheets;
  if (sheets.filter((s) => named(s, RESULT_SHEETS)).length >= 2) return 'result';
  if (sheets.some((s) => named(s, SCORE_BOOK_SHEETS))) return 'scores';
  // Any form sheet makes it a submission (however odd the rest of it is).
  if (hasForm()) return 'submission';
  if (sheets.some((s) => hasScoreHeader(s) || isAdjustmentSheet(s))) return 'scores';
  if (sheets.some((s) => isRoster(s, fileName))) return 'roster';
  return 'submission';
}

/**
 * The sheets of a score workbook the run reads: those named as in DOMAIN §2.3, and any other
 * sheet with a score header, under its own name (上半年, 张三, a CSV's file name), which may
 * say the round or the inspector and locates the findings.
 */
/** The sheets of a score workbook its reader could not take in: their scores must not vanish in silence. */
export function scoreBookProblems(file: string, wb: WorkbookGrid): { file: string; sheet: string | null; detail: string; hidden?: boolean }[] {
  const unreadable = (wb.notes ?? []).filter((n) => n.kind === 'sheet').map((n) => ({ file, sheet: n.sheet ?? null, detail: n.detail }));
  // A hidden sheet of scores (an old draft, or the only 下半年) is not counted: said, never silent.
  const hidden = wb.sheets.filter((s) => s.hidden && !named(s, SCORE_BOOK_SHEETS) && !named(s, DERIVED_SHEETS) && hasScoreHeader(s)).map((s) => ({ file, sheet: s.name, detail: '', hidden: true }));
  return [...unreadable, ...hidden];
}

export function scoreBookSheets(wb: WorkbookGrid): SheetGrid[] {
  return wb.sheets.filter((s) => !s.hidden || named(s, SCORE_BOOK_SHEETS)).filter((s) => named(s, SCORE_BOOK_SHEETS) || (!named(s, DERIVED_SHEETS) && (hasScoreHeader(s) || isAdjustmentSheet(s))));
}
