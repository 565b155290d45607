/**
 * The whole annual run on top of a check: rubric, parameters, scores and 加减分 from the given
 * sheets, what users typed into the previous result kept, assessment, ranking, rectification,
 * and the result workbook model (every sheet of DOMAIN §4).
 */
import type { Finding } from './findings';
import { compareFindings } from './findings';
import type { SheetGrid } from './grid';
import type { CheckResult } from './model';
import { checkWorkbookModel } from './report/checkSheets';
import type { WorkbookModel } from './report/model';
import { RULE_TITLES } from './rules/titles';
import {
  type Adjustment, type Assessment, DEFAULT_RUBRIC, type Params, type RectItem, type Rubric, type ScoreEntry,
  assess, buildRectification, makeParams, mergeRectification, mergeScoreEntries, paramsFromGrid, paramsToSheet,
  parseAdjustments, parseScores, rankingSheet, readBackEditable, rectNotices, rectSheet, rubricFromGrid, rubricToSheet,
  scoreSheet, type ParamsInput,
} from './scoring';

/** A sheet with where it came from (scores files may hold 评分, 加减分, 评分细则, 参数). */
export interface SourcedSheet {
  file: string;
  sheet: SheetGrid;
}

export interface RunInput {
  check: CheckResult;
  /** Sheets of the --scores files and of the workbook itself; recognised by name. */
  sheets: SourcedSheet[];
  /** Sheets of the previous result workbook (评分表, 整改台账), to keep what users typed. */
  previous?: SourcedSheet[];
  /** Parameters given on the command line; they win over a 参数 sheet. */
  params?: ParamsInput;
  notices?: boolean;
}

export interface RunResult {
  rubric: Rubric;
  params: Params;
  assessment: Assessment;
  rectification: RectItem[];
  findings: Finding[];
  workbook: WorkbookModel;
  ranking: RankingJson[];
}

export interface RankingJson {
  unit: string;
  category: string | null;
  score: number;
  grade: string;
  rank: number;
  categoryRank: number;
  base: number | null;
  roundTotals: Record<string, number>;
  veto: boolean;
  adjustments: { indicator: string; points: number; reason: string }[];
}

const byName = (sheets: SourcedSheet[], names: string[]) => sheets.filter((s) => names.some((n) => s.sheet.name.trim() === n));


export function runAssessment(input: RunInput): RunResult {
  const findings: Finding[] = [];
  const rubricSheet = byName(input.sheets, ['评分细则'])[0];
  let rubric = DEFAULT_RUBRIC;
  if (rubricSheet) {
    const r = rubricFromGrid(rubricSheet.sheet, rubricSheet.file);
    findings.push(...r.findings);
    if (r.rubric) rubric = r.rubric;
  }
  const paramSheet = byName(input.sheets, ['参数'])[0];
  const fromSheet = paramSheet ? paramsFromGrid(paramSheet.sheet, paramSheet.file) : null;
  if (fromSheet) findings.push(...fromSheet.findings);
  const params = makeParams({ ...(fromSheet?.params ?? {}), asOf: input.check.asOf, ...stripUndefined(input.params ?? {}) });

  const rosterNames = input.check.roster?.units.map((u) => u.name);
  // With a roster, a name outside it (unit-unknown) is most likely a misnamed roster unit: it is
  // ranked only if it was scored, not as a zero at the bottom of leadership's table.
  const units = input.check.units.filter((u) => !input.check.roster || u.inRoster).map((u) => ({ unit: u.unit, category: u.category }));
  const unitNames = rosterNames ?? units.map((u) => u.unit);

  let typed: ScoreEntry[] = [];
  let previousItems: RectItem[] = [];
  if (input.previous?.length) {
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
  for (const s of byName(input.sheets, ['评分', '评分记录', '检查评分'])) {
    const r = parseScores(s.sheet, { file: s.file, rubric, units: unitNames });
    given.push(r.entries);
    findings.push(...r.findings);
  }
  const adjustments: Adjustment[] = [];
  for (const s of byName(input.sheets, ['加减分'])) {
    const r = parseAdjustments(s.sheet, { file: s.file, units: unitNames });
    adjustments.push(...r.adjustments);
    findings.push(...r.findings);
  }
  // What inspectors typed into 评分表 last time wins over the imported files: it is newer.
  const scores = mergeScoreEntries(...given, typed);
  const known = new Set(units.map((u) => u.unit));
  for (const e of [...scores, ...adjustments]) {
    if (!known.has(e.unit)) {
      units.push({ unit: e.unit, category: null });
      known.add(e.unit);
    }
  }

  const allFindings = [...input.check.findings, ...findings];
  const assessment = assess({ units, findings: allFindings, rubric, params, scores, adjustments, rectification: previousItems });
  findings.push(...assessment.findings);
  const owners = Object.fromEntries((input.check.roster?.units ?? []).filter((u) => u.head).map((u) => [u.name, u.head!]));
  for (const u of input.check.units) if (!owners[u.unit] && u.signer.head) owners[u.unit] = u.signer.head;
  const fresh = buildRectification({ findings: [...input.check.findings, ...assessment.findings], assessment, rubric, params, owners, ruleTitles: RULE_TITLES });
  const rectification = mergeRectification(fresh, previousItems);

  const checkBook = checkWorkbookModel({ ...input.check, findings: [...input.check.findings, ...findings].sort(compareFindings) });
  const workbook: WorkbookModel = {
    sheets: [
      rankingSheet(assessment, params),
      scoreSheet({ units, rubric, scores }),
      rectSheet(rectification, params),
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
  return { rubric, params, assessment, rectification, findings: findings.sort(compareFindings), workbook, ranking };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
