/**
 * Files that are not a unit's submission, read as what they are: the roster, score workbooks,
 * an earlier result. The same readers serve the flags (--roster, --scores, --previous) and
 * files recognised by content among the paths given (classify.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileCheck } from '../core/check';
import { scoreBookProblems, scoreBookSheets } from '../core/classify';
import type { WorkbookGrid } from '../core/grid';
import type { ScoreProblem, SourcedSheet } from '../core/pipeline';
import { rosterFromWorkbook, type Roster } from '../core/units';
import { readBackSheets, readSubmission } from '../xlsx/read';
import { fromUser, readShown, shownPath } from './files';

/** A file given by the user, read into grids; `what` names it in the error (单位名单, 评分文件). */
async function readGiven(file: string, what: string): Promise<{ abs: string; workbook: WorkbookGrid }> {
  const abs = fromUser(file);
  // A file found inside an archive (材料.zip/单位名单.xlsx) is taken out of it again.
  const bytes = (await readShown(file)) ?? new Uint8Array(await fs.readFile(abs));
  const read = await readSubmission(path.basename(abs), bytes);
  if (!read.ok) throw new Error(`${what}“${file}”无法读取：${read.detail}`);
  return { abs, workbook: read.workbook };
}

export async function loadRoster(file: string): Promise<Roster> {
  const { workbook } = await readGiven(file, '单位名单');
  const r = rosterFromWorkbook(workbook.sheets);
  if (r) return r;
  throw new Error(`单位名单“${file}”中找不到“单位名称”列`);
}

/** A score workbook's sheets, and what of it could not be read. */
export interface ScoreBook {
  sheets: SourcedSheet[];
  problems: ScoreProblem[];
}

/**
 * A score workbook. One that cannot be read (damaged, encrypted, not a workbook) is a problem of
 * the run, reported, never its end: the other score files still count. A file that is not there
 * at all is a wrong path, and fails as before.
 */
export async function scoreSheets(file: string): Promise<ScoreBook> {
  const abs = fromUser(file);
  const shown = shownPath(abs);
  const bytes = (await readShown(file)) ?? new Uint8Array(await fs.readFile(abs));
  const read = await readSubmission(path.basename(abs), bytes);
  if (!read.ok) return { sheets: [], problems: [{ file: shown, sheet: null, detail: read.detail }] };
  const workbook = read.workbook;
  // A sheet the reader could not take in holds scores nobody may silently drop.
  const problems = scoreBookProblems(shown, workbook);
  // No score sheet at all (a submission given as --scores): its first sheet is read, so the run
  // says 找不到评分表头 at it instead of scoring nothing silently.
  const sheets = scoreBookSheets(workbook);
  return { sheets: (sheets.length || problems.length ? sheets : workbook.sheets.slice(0, 1)).map((sheet) => ({ file: shown, sheet })), problems };
}

/**
 * An earlier result's sheets; none when the file does not exist yet (a first run into --out).
 * Given explicitly (--previous), a missing file is an error: a mistyped name must not start
 * the result afresh over what was typed. A result saved as .ods or .xls is read as such.
 */
export async function previousSheets(file: string, explicit = false): Promise<SourcedSheet[]> {
  const abs = fromUser(file);
  let bytes: Uint8Array;
  try {
    bytes = (await readShown(file)) ?? new Uint8Array(await fs.readFile(abs));
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let grid;
  try {
    grid = await readBackSheets(bytes);
  } catch (e) {
    const read = await readSubmission(path.basename(abs), bytes);
    if (!read.ok) throw e;
    grid = read.workbook;
  }
  return grid.sheets.map((sheet) => ({ file: shownPath(abs), sheet }));
}

export interface Found {
  roster: Roster | null;
  scoreBooks: SourcedSheet[];
  scoreProblems: ScoreProblem[];
  previous: SourcedSheet[];
  /** What was recognised, for the terminal: "单位名单：名单.xlsx" etc. */
  lines: string[];
}

const LABEL = { roster: '单位名单', scores: '评分文件', result: '结果工作簿' } as const;

/**
 * The non-submissions among checked files (`files[i]` is the absolute path of `checks[i]`).
 * The first roster counts; every score workbook counts (merged, conflicts flagged); of several
 * results the last in name order counts.
 */
export async function readFound(checks: readonly FileCheck[]): Promise<Found> {
  const found: Found = { roster: null, scoreBooks: [], scoreProblems: [], previous: [], lines: [] };
  // An archive's files are each what they are (the office's zip may hold its roster too).
  for (const c of checks.flatMap((c) => [c, ...(c.more ?? [])])) {
    if (!c.other) continue;
    const file = fromUser(c.file);
    let used = true;
    if (c.other === 'roster') {
      if (found.roster) used = false;
      else found.roster = await loadRoster(file);
    } else if (c.other === 'scores') {
      const book = await scoreSheets(file);
      found.scoreBooks.push(...book.sheets);
      found.scoreProblems.push(...book.problems);
    }
    else found.previous = await previousSheets(file);
    found.lines.push(`${LABEL[c.other]}：${shownPath(file)}${used ? '' : '（已有单位名单，未使用）'}`);
  }
  return found;
}
