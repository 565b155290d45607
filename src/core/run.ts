/**
 * The scoring half of the pipeline (pipeline.ts), on top of a check: scores and 加减分 from the
 * score workbooks, what users typed into the earlier result kept, assessment, ranking,
 * rectification, and the result workbook model (every sheet of DOMAIN §4).
 */
import type { Finding } from './findings';
import { compareFindings } from './findings';
import type { SheetGrid } from './grid';
import type { CheckResult } from './model';
import { checkWorkbookModel } from './report/checkSheets';
import { overviewSheet } from './report/overview';
import type { OutValue, WorkbookModel } from './report/model';
import { RULE_TITLES } from './rules/titles';
import { RECEIPT_SHEET, receiptSheet } from './report/receipt';
import {
  type Adjustment, type Assessment, type Params, type RectItem, type Rubric, type ScoreEntry,
  assess, buildRectification, mergeRectification, mergeScoreEntries, mergeScoreLists, paramsToSheet,
  parseAdjustments, parseScores, rankingSheet, readBackEditable, rectNotices, rectSheet, rubricToSheet,
  scoreKey, scorePrintSheet, scoreSheet, scoreSheetsToRead, UNSCORED, adjustmentsSheet, typedAdjustmentRows, withoutReimported, adjustmentOrigin, editedImports, isEditedImport, isAdjustmentSheet, hasScoreHeader,
  dedupeAdjustments, dedupeTypedRows, oneBonusPerAward, sameAdjustment, unknownUnit, assessmentYear,
} from './scoring';
import { scoreSheetHidden, scoreSheetInvalid } from './scoring/rules';
import { baseName } from './fileName';
import type { Roster } from './units';

/** A sheet with where it came from (score workbooks may hold 评分, 加减分, 评分细则, 参数). */
export interface SourcedSheet {
  file: string;
  sheet: SheetGrid;
}

/** A score workbook, or a sheet of one, its reader could not read: a finding, and the rest goes on. */
export interface ScoreProblem {
  file: string;
  /** The sheet, when only it was unreadable; null for the whole file. */
  sheet: string | null;
  detail: string;
  /** A hidden sheet holding scores: not counted, and said so. */
  hidden?: boolean;
}

export interface RunInput {
  check: CheckResult;
  rubric: Rubric;
  params: Params;
  /** Findings of resolving rubric and parameters (bad 评分细则 / 参数 values). */
  resolveFindings: Finding[];
  scoreBooks: readonly SourcedSheet[];
  /** Score workbooks or sheets that could not be read (reported, their scores not counted). */
  scoreProblems?: readonly ScoreProblem[];
  /** Sheets of the earlier result workbook (评分表, 整改台账, 加减分), to keep what users typed. */
  previous: readonly SourcedSheet[];
  /** Entries typed in the pane; newest of all. */
  entries: readonly ScoreEntry[];
  notices?: boolean;
}

export interface RunResult {
  rubric: Rubric;
  params: Params;
  assessment: Assessment;
  rectification: RectItem[];
  /** Findings of the run (not the check's), sorted. */
  findings: Finding[];
  workbook: WorkbookModel;
  ranking: RankingJson[];
  /** Every score that counted, after merging (files < earlier result < typed). */
  scores: ScoreEntry[];
  adjustments: Adjustment[];
  /** Every finding in the order of the 校验结果 sheet (check and run). */
  sheetFindings: Finding[];
}

/** A ranking row; an unscored unit has status 未评分 and null score and ranks. */
export interface RankingJson {
  unit: string;
  category: string | null;
  score: number | null;
  grade: string;
  rank: number | null;
  categoryRank: number | null;
  status?: typeof UNSCORED;
  base: number | null;
  roundTotals: Record<string, number>;
  veto: boolean;
  adjustments: { indicator: string; points: number; reason: string }[];
}

/** Sheets of a score workbook that are not scores; every other one is (classify.scoreBookSheets). */
const NOT_SCORES = ['加减分', '评分细则', '参数'];
/**
 * An earlier result's sheets by name: as written, else renamed by the office around the name
 * (评分表（办公室修改）, 评分表 (2) as Excel names a copy), never the print view 评分表_打印.
 */
export const byName = (sheets: readonly SourcedSheet[], names: string[]) => {
  const exact = sheets.filter((s) => names.some((n) => s.sheet.name.trim() === n));
  if (exact.length) return exact;
  return sheets.filter((s) => names.some((n) => s.sheet.name.trim().startsWith(n) && !s.sheet.name.trim().startsWith(`${n}_`)));
};

export function runAssessment(input: RunInput): RunResult {
  const { rubric, params } = input;
  const findings: Finding[] = [...input.resolveFindings];
  for (const p of input.scoreProblems ?? []) {
    if (p.hidden) {
      findings.push(scoreSheetHidden.at({ unit: null, file: p.file, sheet: p.sheet, cell: null }, {}));
      continue;
    }
    // The reader's detail names the sheet already.
    const problem = `${p.sheet === null ? '评分文件' : '工作表'}无法读取，其中的评分未计入：${p.detail}`;
    findings.push(scoreSheetInvalid.at({ unit: null, file: p.file, sheet: p.sheet, cell: null }, { problem }));
  }
  const roster = input.check.roster;
  const rosterNames = roster?.units.map((u) => u.name);
  // With a roster only its units are ranked: a name outside it (a filing flagged unit-unknown, a
  // score or 加减分 flagged score-unknown-unit) is most likely a misnamed roster unit, and ranking
  // it would put it beside, often above, the real one shown as 未评分.
  const units = input.check.units.filter((u) => !roster || u.inRoster).map((u) => ({ unit: u.unit, category: u.category }));
  // Names outside a roster are flagged only when there is a roster (score-unknown-unit); without
  // one, scores resolve to the units that submitted, and any other unit is ranked as written.
  const known = rosterNames ? { units: rosterNames } : { seen: units.map((u) => u.unit) };

  let typed: ScoreEntry[] = [];
  let previousItems: RectItem[] = [];
  if (input.previous.length) {
    const back = readBackEditable({
      scoreSheet: byName(input.previous, ['评分表'])[0]?.sheet,
      rectSheet: byName(input.previous, ['整改台账'])[0]?.sheet,
      rubric,
      file: input.previous[0]!.file,
    });
    typed = back.scores;
    previousItems = back.rectification;
    findings.push(...back.findings);
  }
  const given: ScoreEntry[][] = [];
  // 加分 / 一票否决 columns of a wide score sheet; the same one in several inspectors' sheets counts once.
  const fromScoreSheets: Adjustment[] = [];
  // 加减分 under any name (isAdjustmentSheet) is no score sheet either.
  const adjustmentBooks = input.scoreBooks.filter((b) => isAdjustmentSheet(b.sheet));
  // A 评分细则 an inspector filled in (a 得分 column beside the indicators) is the rubric and scores.
  const isScores = (b: SourcedSheet) => (!NOT_SCORES.includes(b.sheet.name.trim()) || (b.sheet.name.trim() === '评分细则' && hasScoreHeader(b.sheet))) && !adjustmentBooks.includes(b);
  const toRead = scoreSheetsToRead(input.scoreBooks.filter(isScores));
  findings.push(...toRead.findings);
  const year = assessmentYear(toRead.read, params.asOf, rubric);
  for (const s of toRead.read) {
    const r = parseScores(s.sheet, { file: s.file, rubric, ...known, roster, year });
    given.push(r.entries);
    fromScoreSheets.push(...r.adjustments);
    findings.push(...r.findings);
  }
  // 加减分 of the score workbooks count each run and are written into the result's own 加减分
  // too, so a result reopened without them keeps its bonuses. A row read back equal to a score
  // workbook's is that row written out last time: the workbook stays its source, never counted twice.
  // The same row in several of them (each inspector's workbook, a result sent back carrying the
  // office's 加减分) or twice in one counts once, with a finding.
  const parseEach = (sheets: readonly SourcedSheet[]) =>
    sheets.map((s) => {
      const r = parseAdjustments(s.sheet, { file: s.file, ...known, roster });
      findings.push(...r.findings);
      return r.adjustments;
    });
  const books = dedupeAdjustments(parseEach(adjustmentBooks));
  findings.push(...books.findings);
  const awards = oneBonusPerAward(fromScoreSheets);
  findings.push(...awards.findings);
  const unique: Adjustment[] = [];
  for (const a of [...books.adjustments, ...awards.adjustments]) if (!unique.some((b) => sameAdjustment(a, b))) unique.push(a);
  // A row written from a file and changed in the result since stands for the file's row: the typed one wins.
  const earlier = byName(input.previous, ['加减分']);
  const edited = earlier.flatMap((s) => editedImports(s.sheet));
  const rowOf = (a: Adjustment): OutValue[] => [a.unit, a.kind === 'veto' ? '否决' : '加分', a.kind === 'veto' ? null : a.points, a.note || null];
  const fromBooks = edited.length ? unique.filter((a) => a.file === null || !isEditedImport(edited, baseName(a.file), rowOf(a))) : unique;
  // Rows the last run wrote from a score workbook given again (unchanged since) are that
  // workbook's to say: it holds them still (fromBooks), or no longer.
  const bookFiles = new Set([...adjustmentBooks, ...toRead.read].map((b) => baseName(b.file)));
  const previousSheets = earlier.map((s) => ({ ...s, sheet: withoutReimported(s.sheet, bookFiles) }));
  const readBackSheets = parseEach(previousSheets);
  const readBack = readBackSheets.flat();
  const own = dedupeAdjustments(readBackSheets.map((rows) => rows.filter((p) => !fromBooks.some((b) => sameAdjustment(b, p)))));
  findings.push(...own.findings);
  const adjustments = [...fromBooks, ...own.adjustments];
  const typedAdjustments = dedupeTypedRows([
    ...previousSheets.flatMap((s) => typedAdjustmentRows(s.sheet)),
    ...fromBooks
      .filter((b) => !readBack.some((p) => sameAdjustment(b, p)))
      .map((a): OutValue[] => {
        const row = rowOf(a);
        return a.file === null ? row : [...row, adjustmentOrigin(baseName(a.file), row)];
      }),
  ]);
  // Several inspectors' files: merged, a different value for the same entry flagged. What was
  // typed into 评分表 last time, then in the pane, wins: it is newer.
  const merged = mergeScoreLists(given, rubric);
  findings.push(...merged.findings);
  // Files by their names, not their paths: a run from another folder is the same file.
  const imported = merged.entries.map((e): ScoreEntry => (e.file === null ? e : { ...e, origin: baseName(e.file) }));
  // A read-back entry equal to a file's entry is that entry written out last time: the file stays
  // its source (findings keep pointing at it), so reopening a result changes nothing. One the last
  // run wrote from a score file, unchanged since, gives way to that file as given now: a corrected
  // score replaces it, and a score taken out of the file goes; its file not given, it stays.
  const fromFiles = new Map(imported.map((e) => [scoreKey(e), e]));
  const givenFiles = new Set(toRead.read.map((s) => baseName(s.file)));
  const changed = typed.flatMap((t): ScoreEntry[] => {
    const f = fromFiles.get(scoreKey(t));
    if (t.origin !== undefined) {
      // The file's score as given now, with the note a user typed beside the written one.
      if (f) return t.fileNote !== undefined && t.note !== f.note ? [{ ...f, note: t.note, fileNote: f.note }] : [];
      return givenFiles.has(t.origin) ? [] : [t];
    }
    return !f || f.score !== t.score || f.note !== t.note ? [t] : [];
  });
  const allScores = mergeScoreEntries(imported, changed, [...input.entries]);
  const listed = new Set(units.map((u) => u.unit));
  for (const u of roster?.units ?? []) {
    if (!listed.has(u.name)) {
      units.push({ unit: u.name, category: u.category });
      listed.add(u.name);
    }
  }
  if (roster) flagOutsideRoster(findings, roster, listed, [...allScores, ...adjustments]);
  else {
    for (const e of [...allScores, ...adjustments]) {
      if (!listed.has(e.unit)) {
        units.push({ unit: e.unit, category: null });
        listed.add(e.unit);
      }
    }
  }
  const scores = allScores.filter((e) => listed.has(e.unit));
  const counted = adjustments.filter((a) => listed.has(a.unit));

  const allFindings = [...input.check.findings, ...findings];
  const assessment = assess({ units, findings: allFindings, rubric, params, scores, adjustments: counted, rectification: previousItems });
  findings.push(...assessment.findings);
  // 责任人: the roster's 负责人, else the 单位负责人 who signed the unit's forms.
  const owners = Object.fromEntries((input.check.roster?.units ?? []).filter((u) => u.head).map((u) => [u.name, u.head!]));
  for (const u of input.check.units) if (!owners[u.unit] && u.signer.head) owners[u.unit] = u.signer.head;
  const fresh = buildRectification({ findings: [...input.check.findings, ...assessment.findings], assessment, rubric, params, owners, ruleTitles: RULE_TITLES });
  const rectification = mergeRectification(fresh, previousItems);

  const sheetFindings = [...input.check.findings, ...findings].sort(compareFindings);
  const checkBook = checkWorkbookModel({ ...input.check, findings: sheetFindings });
  const workbook: WorkbookModel = {
    sheets: [
      overviewSheet({ check: input.check, params, assessment, rectification, findings: sheetFindings }),
      rankingSheet(assessment, params),
      scoreSheet({ units, rubric, scores }),
      scorePrintSheet({ units, rubric, scores }),
      rectSheet(rectification, params),
      receiptSheet(input.check, byName(input.previous ?? [], [RECEIPT_SHEET])[0]?.sheet),
      adjustmentsSheet(typedAdjustments),
      ...checkBook.sheets,
      rubricToSheet(rubric),
      paramsToSheet(params),
      ...(input.notices ? rectNotices(rectification, params) : []),
    ],
  };
  const ranking: RankingJson[] = assessment.results.map((r) => ({
    unit: r.unit,
    category: r.category,
    score: r.score,
    grade: r.grade,
    rank: r.rank,
    categoryRank: r.categoryRank,
    base: r.base,
    roundTotals: Object.fromEntries(Object.entries(r.roundTotals).map(([k, v]) => [k === '1' ? '上半年' : '下半年', v as number])),
    veto: r.veto,
    adjustments: r.adjustments.filter((a) => a.points !== 0).map((a) => ({ indicator: a.indicator, points: a.points, reason: a.reason })),
  }));
  // Unscored units: in the list (the pane shows them) but never ranked or graded.
  for (const u of assessment.unscored) {
    ranking.push({
      unit: u.unit,
      category: u.category,
      score: null,
      // A veto is 不合格 whatever the score, none included (DOMAIN §3).
      grade: u.veto ? params.failGrade : UNSCORED,
      rank: null,
      categoryRank: null,
      base: null,
      roundTotals: {},
      veto: u.veto,
      adjustments: u.adjustments.filter((a) => a.points !== 0).map((a) => ({ indicator: a.indicator, points: a.points, reason: a.reason })),
      status: UNSCORED,
    });
  }
  return { rubric, params, assessment, rectification, findings: findings.sort(compareFindings), workbook, ranking, scores, adjustments: counted, sheetFindings };
}

/**
 * Scores and 加减分 under a name outside the roster are not counted: each name says so, with
 * the nearest roster unit (as unit-unknown does), wherever it was read — a score file, the
 * earlier result's 评分表, the pane.
 */
function flagOutsideRoster(findings: Finding[], roster: Roster, listed: ReadonlySet<string>, rows: readonly (ScoreEntry | Adjustment)[]): void {
  // Names the score files flagged already (parseScores, parseAdjustments) are not flagged again.
  const flagged = new Set(findings.filter((f) => f.rule === 'score-unknown-unit' && f.unit).map((f) => f.unit!));
  for (const e of rows) {
    if (listed.has(e.unit) || flagged.has(e.unit)) continue;
    findings.push(unknownUnit(e, e.unit, roster));
    flagged.add(e.unit);
  }
}
