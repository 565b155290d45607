/**
 * The task pane's engine: the same steps as the CLI, on bytes, with state for a session
 * (imported submissions, the roster, the last check). It runs inside a Web Worker
 * (engine/worker.ts) so parsing hundreds of files never freezes the pane; tests run it in
 * process. No DOM, no Office.js: bytes and grids in, report models out.
 */
import { checkBatch, type Submission } from '../../core/check';
import type { CheckResult } from '../../core/model';
import type { WorkbookGrid, SheetGrid } from '../../core/grid';
import type { Finding } from '../../core/findings';
import type { SheetModel, WorkbookModel } from '../../core/report/model';
import { checkWorkbookModel } from '../../core/report/checkSheets';
import { templateWorkbookModel } from '../../core/report/templateSheets';
import { rosterFromGrid, type Roster } from '../../core/units';
import { RULE_TITLES } from '../../core/rules/titles';
import type { RankingJson } from '../../core/run';
import {
  DEFAULT_RUBRIC,
  RANKING_SHEET,
  RECT_SHEET,
  RUBRIC_SHEET,
  SCORE_SHEET,
  assess,
  buildRectification,
  makeParams,
  mergeRectification,
  parseAdjustments,
  rankingSheet,
  readBackEditable,
  rectNotices,
  rectSheet,
  rubricFromGrid,
  rubricToSheet,
  scoreSheet,
  type Assessment,
  type Params,
  type Rubric,
} from '../../core/scoring';
import { readSubmission, readBackSheets, sha256Hex } from '../../xlsx/read';
import { renderWorkbook } from '../../xlsx/write';
import type { Settings } from '../settings';
import type { SessionStore } from './store';

export const ADJUST_SHEET = '加减分';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
  /** Last-modified time (ISO), the submission time as far as we know. */
  modified?: string | null;
}

export interface FileBrief {
  file: string;
  ok: boolean;
  problem?: string;
  size: number;
}

export interface ImportSummary {
  /** Files in the session after this import. */
  total: number;
  added: FileBrief[];
  /** Same name and same bytes as a file already imported: ignored. */
  skipped: string[];
}

export interface UnitBrief {
  unit: string;
  category: string | null;
  errors: number;
  warnings: number;
  missingForms: string[];
  files: string[];
}

export interface CheckOutput {
  model: WorkbookModel;
  findings: Finding[];
  files: CheckResult['files'];
  units: UnitBrief[];
  /** Row of each finding in the 校验结果 sheet's data, and where its cell landed in our summaries. */
  targets: ({ sheet: string; cell: string } | null)[];
}

export type RankRow = Omit<RankingJson, 'base' | 'roundTotals'>;

export interface StepOutput {
  model: WorkbookModel;
  /** Findings of this step (score out of range, unknown units, …). */
  findings: Finding[];
  /** Short facts for the pane (counts). */
  facts: Record<string, number>;
  ranking?: RankRow[];
}

export type Progress = (done: number, total: number, file: string) => void;

function paramsOf(s: Settings): Params {
  return makeParams({
    asOf: s.asOf,
    deadline: s.deadline || null,
    rectifyDays: s.rectifyDays,
    staleWarnDays: s.staleWarnDays,
    staleErrorDays: s.staleErrorDays,
    bigvThreshold: s.bigvThreshold,
  });
}

function sheetOf(wb: WorkbookGrid | null | undefined, name: string): SheetGrid | undefined {
  return wb?.sheets.find((s) => s.name === name);
}


/** `#'汇总_网站平台'!E5` → { sheet, cell }. */
export function parseLink(link: string): { sheet: string; cell: string } | null {
  const m = /^#?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)/.exec(link);
  if (!m) return null;
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), cell: `${m[3]}${m[4]}` };
}

export class EngineCore {
  private subs: Submission[] = [];
  private roster: Roster | null = null;
  private last: CheckResult | null = null;
  private session: string | null = null;

  constructor(private readonly store: SessionStore | null = null) {}

  /** Binds the engine to a saved session (Excel: one per workbook) and loads what it holds. */
  async restore(session: string): Promise<{ files: number; roster: number }> {
    this.session = session;
    const data = await this.store?.load(session).catch(() => null);
    if (data) {
      this.subs = data.subs;
      this.roster = data.roster;
      this.last = null;
    }
    return { files: this.subs.length, roster: this.roster?.units.length ?? 0 };
  }

  private async persist(): Promise<void> {
    if (!this.session || !this.store) return;
    try {
      if (this.subs.length || this.roster) await this.store.save(this.session, { subs: this.subs, roster: this.roster, savedAt: Date.now() });
      else await this.store.remove(this.session);
    } catch {
      // Persistence is a convenience: a full or unavailable store never breaks the work.
    }
  }

  /** Reads files into submissions (never throws for a bad file: it becomes a finding). */
  async addFiles(files: InputFile[], onProgress?: Progress): Promise<ImportSummary> {
    const added: FileBrief[] = [];
    const skipped: string[] = [];
    let done = 0;
    for (const f of files) {
      const sha256 = await sha256Hex(f.bytes);
      if (this.subs.some((s) => s.file === f.name && s.sha256 === sha256)) {
        skipped.push(f.name);
      } else {
        let read: Submission['read'];
        try {
          read = await readSubmission(f.name, f.bytes);
        } catch (e) {
          read = { ok: false, problem: 'unreadable', detail: `无法读取：${(e as Error).message}` };
        }
        this.subs.push({ file: f.name, sha256, size: f.bytes.length, modified: f.modified ?? null, read });
        added.push({ file: f.name, ok: read.ok, size: f.bytes.length, ...(read.ok ? {} : { problem: read.detail }) });
      }
      done++;
      onProgress?.(done, files.length, f.name);
    }
    await this.persist();
    return { total: this.subs.length, added, skipped };
  }

  async reset(): Promise<void> {
    this.subs = [];
    this.last = null;
    await this.persist();
  }

  get fileCount(): number {
    return this.subs.length;
  }

  async setRoster(file: InputFile | null): Promise<{ units: number }> {
    if (!file) {
      this.roster = null;
      await this.persist();
      return { units: 0 };
    }
    const read = await readSubmission(file.name, file.bytes);
    if (!read.ok) throw new Error(read.detail);
    for (const sheet of read.workbook.sheets) {
      const r = rosterFromGrid(sheet);
      if (r && r.units.length) {
        this.roster = r;
        await this.persist();
        return { units: r.units.length };
      }
    }
    throw new Error('名单中找不到“单位名称”列');
  }

  check(settings: Settings): CheckOutput {
    const result = checkBatch(this.subs, {
      asOf: settings.asOf,
      deadline: settings.deadline || null,
      roster: this.roster,
      staleWarnDays: settings.staleWarnDays,
      staleErrorDays: settings.staleErrorDays,
      bigvThreshold: settings.bigvThreshold,
    });
    this.last = result;
    const model = checkWorkbookModel(result);
    const findingsSheet = model.sheets.find((s) => s.name === '校验结果');
    const targets = result.findings.map((_, i) => {
      const row = findingsSheet?.rows[i] ?? [];
      for (const v of row) {
        if (v && typeof v === 'object' && 'link' in v) return parseLink(v.link);
      }
      return null;
    });
    return {
      model,
      findings: result.findings,
      files: result.files,
      units: result.units.map((u) => ({ unit: u.unit, category: u.category, errors: u.errors, warnings: u.warnings, missingForms: u.missingForms, files: u.files })),
      targets,
    };
  }

  private requireCheck(): CheckResult {
    if (!this.last) throw new Error('请先导入并校验备案表');
    return this.last;
  }

  private rubricOf(existing: WorkbookGrid | null, findings: Finding[]): { rubric: Rubric; fromSheet: boolean } {
    const sheet = sheetOf(existing, RUBRIC_SHEET);
    if (!sheet) return { rubric: DEFAULT_RUBRIC, fromSheet: false };
    const r = rubricFromGrid(sheet, '当前工作簿');
    findings.push(...r.findings);
    return { rubric: r.rubric ?? DEFAULT_RUBRIC, fromSheet: !!r.rubric };
  }

  private units(): { unit: string; category: string | null }[] {
    return this.requireCheck().units.map((u) => ({ unit: u.unit, category: u.category }));
  }

  /** 评分表 (and 评分细则 when the workbook has none yet), keeping entered scores. */
  scoring(settings: Settings, existing: WorkbookGrid | null): StepOutput {
    void settings;
    const findings: Finding[] = [];
    const { rubric, fromSheet } = this.rubricOf(existing, findings);
    const units = this.units();
    const rb = readBackEditable({ scoreSheet: sheetOf(existing, SCORE_SHEET), rubric, file: '当前工作簿' });
    findings.push(...rb.findings);
    const sheets: SheetModel[] = [];
    if (!fromSheet && !sheetOf(existing, RUBRIC_SHEET)) sheets.push(rubricToSheet(rubric));
    sheets.push(scoreSheet({ units, rubric, scores: rb.scores }));
    return { model: { sheets }, findings, facts: { units: units.length, indicators: rubric.indicators.length, scores: rb.scores.length } };
  }

  private assessment(settings: Settings, existing: WorkbookGrid | null, findings: Finding[]): { assessment: Assessment; params: Params; rubric: Rubric; rb: ReturnType<typeof readBackEditable> } {
    const result = this.requireCheck();
    const params = paramsOf(settings);
    const { rubric } = this.rubricOf(existing, findings);
    const units = this.units();
    const rb = readBackEditable({ scoreSheet: sheetOf(existing, SCORE_SHEET), rectSheet: sheetOf(existing, RECT_SHEET), rubric, file: '当前工作簿' });
    findings.push(...rb.findings);
    const adjSheet = sheetOf(existing, ADJUST_SHEET);
    const adj = adjSheet ? parseAdjustments(adjSheet, { file: '当前工作簿', units: units.map((u) => u.unit) }) : { adjustments: [], findings: [] };
    findings.push(...adj.findings);
    const assessment = assess({ units, findings: result.findings, rubric, params, scores: rb.scores, adjustments: adj.adjustments, rectification: rb.rectification });
    findings.push(...assessment.findings);
    return { assessment, params, rubric, rb };
  }

  /** 考核排名 (plus a blank 加减分 sheet for bonuses and vetoes when there is none). */
  ranking(settings: Settings, existing: WorkbookGrid | null): StepOutput {
    const findings: Finding[] = [];
    const { assessment, params } = this.assessment(settings, existing, findings);
    const sheets: SheetModel[] = [rankingSheet(assessment, params)];
    if (!sheetOf(existing, ADJUST_SHEET)) sheets.push(adjustmentsTemplate());
    const ranking: RankRow[] = assessment.results.map((u) => ({
      unit: u.unit,
      category: u.category,
      score: u.score,
      grade: u.grade,
      rank: u.rank,
      categoryRank: u.categoryRank,
      veto: u.veto,
      adjustments: u.adjustments.map((a) => ({ indicator: a.indicator, points: a.points, reason: a.reason })),
    }));
    return { model: { sheets }, findings, facts: { units: ranking.length }, ranking };
  }

  /** 整改台账 (and optionally one printable notice per unit), keeping statuses typed earlier. */
  rectify(settings: Settings, existing: WorkbookGrid | null, opts: { notices?: boolean } = {}): StepOutput {
    const findings: Finding[] = [];
    const { assessment, params, rubric, rb } = this.assessment(settings, existing, findings);
    const owners: Record<string, string> = {};
    for (const u of this.roster?.units ?? []) if (u.head) owners[u.name] = u.head;
    const fresh = buildRectification({ findings: this.requireCheck().findings, assessment, rubric, params, owners, ruleTitles: RULE_TITLES });
    const items = mergeRectification(fresh, rb.rectification);
    const sheets = [rectSheet(items, params), ...(opts.notices ? rectNotices(items, params) : [])];
    const open = items.filter((i) => i.status !== '已整改').length;
    return { model: { sheets }, findings, facts: { items: items.length, open, units: new Set(items.map((i) => i.unit)).size } };
  }

  templates(school?: string): WorkbookModel {
    return templateWorkbookModel(school || undefined);
  }

  async render(model: WorkbookModel): Promise<Uint8Array> {
    return renderWorkbook(model);
  }

  async readWorkbook(bytes: Uint8Array): Promise<WorkbookGrid> {
    return readBackSheets(bytes);
  }
}

/** A blank 加减分 sheet (DOMAIN §2.3) for the office to enter bonuses and vetoes. */
export function adjustmentsTemplate(): SheetModel {
  return {
    name: ADJUST_SHEET,
    title: '加减分（创新加分、一票否决）',
    subtitle: ['类型填“加分”或“否决”；加分填分值（合计不超过 5 分），否决不填分值；说明写明依据。'],
    columns: [
      { header: '单位', width: 18, editable: true },
      { header: '类型', width: 8, editable: true },
      { header: '分值', width: 8, kind: 'number', editable: true },
      { header: '说明', width: 48, editable: true, wrap: true },
    ],
    rows: [],
    table: { name: 'T_Adjust' },
    validations: [{ col: 1, type: 'list', values: ['加分', '否决'] }],
  };
}

export { RANKING_SHEET, RECT_SHEET, SCORE_SHEET, RUBRIC_SHEET };
