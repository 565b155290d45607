/**
 * The task pane's engine: transport and session state over the core pipeline (src/core/pipeline.ts).
 * It reads bytes (src/xlsx), recognises each file by content (core/classify), keeps the session
 * (files, roster, score workbooks, an earlier result, typed entries) in a store, and returns the
 * whole result of runPipeline after any change. It runs inside a Web Worker (engine/worker.ts);
 * tests run it in process. No DOM, no Office.js, no scoring of its own.
 *
 * Interface for the pane (messages of the same names, see protocol.ts):
 *   addFiles(files)            → ImportSummary   every kind at once; each file's kind in `added`
 *   recompute(settings, wb?)   → EngineResult    whole result: json (= `zhendi run --json`), model,
 *                                                check view, ranking (+ 未评分), scoring view
 *   setScore(entry, settings)  → ScoreOutcome    sets/clears one entry (0..max, 0.5 steps) and
 *                                                returns the recomputed result, or a Chinese refusal
 *   openResult(file)           → OpenSummary     an earlier result: only its typed input is used
 * Every file given (drop, roster, earlier result) is read through `readFile`: in the engine
 * worker, reader workers (readers.ts), so a hostile file costs only itself.
 *   download(settings)         → bytes           the whole result workbook, re-rendered
 * The older step calls (check, scoring, ranking, rectify) are views of the same pipeline.
 */
import { isCopyOf } from '../../core/check';
import { classifyWorkbook, scoreBookProblems, scoreBookSheets, type FileKind } from '../../core/classify';
import type { WorkbookGrid } from '../../core/grid';
import { compareFindings, zhCollator, type Finding } from '../../core/findings';
import type { CheckResult } from '../../core/model';
import { settingsToParams } from '../../core/params';
import { runPipeline, type PipelineResult, type RankingJson, type SourcedSheet } from '../../core/pipeline';
import {
  CheckCache,
  applyEntry,
  emptySession,
  recompute as recomputeSession,
  scoringProgress,
  unitWebsites,
  type EntryInput,
  type SessionState,
} from '../../core/pipelineSession';
import type { JsonReport } from '../../core/report/json';
import type { SheetModel, WorkbookModel } from '../../core/report/model';
import { templateWorkbookModel } from '../../core/report/templateSheets';
import { rosterFromWorkbook } from '../../core/units';
import { ADJUST_SHEET, RANKING_SHEET, RECT_SHEET, RUBRIC_SHEET, SCORE_SHEET, adjustmentsSheet, type Params, type Rubric, type ScoreEntry } from '../../core/scoring';
import { sha256Hex } from '../../xlsx/read';
import type { ReadFailure } from '../../xlsx/limits';
import { renderWorkbook } from '../../xlsx/write';
import { returnCopiesZip } from '../../xlsx/returnCopies';
import { unitTemplatesZip } from '../../xlsx/unitTemplates';
import type { Settings } from '../settings';
import { PAGE_ENDED, readFailed } from '../../core/readFailure';
import { openArchives } from './archives';
import { readInProcess, type ReadFile, type ReadHow } from './readOne';
import { storageProblem, type Ref, type SessionData, type SessionStore, type StorageProblem } from './store';


export interface InputFile {
  name: string;
  bytes: Uint8Array;
  /** Last-modified time (ISO), the submission time as far as we know. */
  modified?: string | null;
  /** A file of an archive that could not be taken out: its read is refused with this (archives.ts). */
  problem?: ReadFailure;
}

export interface FileBrief {
  file: string;
  ok: boolean;
  problem?: string;
  size: number;
  /** What the file was recognised as (by content). */
  kind?: FileKind;
  /** Same bytes as a file already in the session (under another name). */
  duplicateOf?: string;
}

export interface ImportSummary {
  /** Submissions in the session after this import. */
  total: number;
  added: FileBrief[];
  /** Same name and same bytes as a file already imported: ignored. */
  skipped: string[];
  /** Counts by what happened, agreeing with the file table. */
  counts?: { submissions: number; unreadable: number; duplicates: number; rosters: number; scores: number; results: number; skipped: number };
  /** Whether anything in the session changed (nothing imported: no "updated" notice). */
  changed?: boolean;
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

/** A ranking row; unscored units come last with status 未评分 (rank and score null). */
export type RankRow = Omit<RankingJson, 'base' | 'roundTotals'>;

export interface StepOutput {
  model: WorkbookModel;
  /** Findings of this step (score out of range, unknown units, …). */
  findings: Finding[];
  /** Short facts for the pane (counts). */
  facts: Record<string, number>;
  ranking?: RankRow[];
}

export interface ScoringUnit {
  unit: string;
  category: string | null;
  /** 网站名称 / 网址 of the unit's 网站平台 rows. */
  websites: { name: string; url: string }[];
}

export interface EngineResult {
  /** The same JSON as `zhendi run --json` (findings, ranking with adjustments). */
  json: JsonReport;
  /** The whole result workbook (every sheet); what download and the Excel write render. Empty when asked without sheets. */
  model: WorkbookModel;
  /** Names of the result's sheets, in order (also when the sheets themselves were not asked for). */
  sheetNames: string[];
  check: CheckOutput;
  ranking: RankRow[];
  /** Units not scored yet (never ranked); the banner reads 评分未完成：n 个单位未评分. */
  unscored: string[];
  rectification: { items: number; open: number; units: number; keys: string[] };
  rubric: Rubric;
  params: Params;
  scoring: {
    units: ScoringUnit[];
    /** Entries typed in this session (pane), newest last. */
    typed: ScoreEntry[];
    /** Every entry that counts (score workbooks < earlier result < typed). */
    entries: ScoreEntry[];
    /** 已评 n / m per inspector and round seen in the entries. */
    progress: ReturnType<typeof scoringProgress>[];
  };
  /** Files of the session besides submissions. */
  sources: { roster: number | null; scoreBooks: string[]; result: string | null };
  /** Set when the session cannot be kept across a reload (store missing, full or failing). */
  storage?: StorageProblem | null;
  /** Milliseconds the pipeline took. */
  ms: number;
}

/**
 * `sheets: false`: the result comes without its sheets (model and check view empty). The web page
 * asks so: its download is written in the worker, and 1,000 units of sheets are ~100 MB in the tab.
 */
export interface RecomputeOptions {
  sheets?: boolean;
}

export type ScoreOutcome = { ok: true; result: EngineResult } | { ok: false; message: string };

export interface OpenSummary {
  sheets: string[];
  /** Typed scores and rectification rows read back from it. */
  scores: number;
  items: number;
}

export type Progress = (done: number, total: number, file: string) => void;

const sameKey = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `#'汇总_网站平台'!E5` → { sheet, cell }. */
export function parseLink(link: string): { sheet: string; cell: string } | null {
  const m = /^#?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d+)/.exec(link);
  if (!m) return null;
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), cell: `${m[3]}${m[4]}` };
}

const WORKBOOK_FILE = '当前工作簿';
/** Files read for longer are marked in the store (far above a normal read, ~1 ms; well below the seconds an allocation storm takes to end the tab). */
const SLOW_READ_MS = 1000;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function targetsOf(model: WorkbookModel, findings: Finding[]): CheckOutput['targets'] {
  const sheet = model.sheets.find((s) => s.name === '校验结果');
  return findings.map((_, i) => {
    for (const v of sheet?.rows[i] ?? []) if (v && typeof v === 'object' && 'link' in v) return parseLink(v.link);
    return null;
  });
}

function checkView(check: CheckResult, findings: Finding[], model: WorkbookModel): CheckOutput {
  return {
    model,
    findings,
    files: check.files,
    units: check.units.map((u) => ({ unit: u.unit, category: u.category, errors: u.errors, warnings: u.warnings, missingForms: u.missingForms, files: u.files })),
    targets: targetsOf(model, findings),
  };
}

const CHECK_SHEETS = new Set(['导入记录', '校验结果', '单位概况']);
const isCheckSheet = (s: SheetModel) => CHECK_SHEETS.has(s.name) || s.name.startsWith('汇总_');

export interface RestoreSummary {
  files: number;
  roster: number;
  /** Score workbooks, an earlier result and typed entries it held. */
  others: number;
  /** The settings saved with the session (null: none saved). */
  settings: Settings | null;
  /** Set when the session cannot be kept across a reload (the page still works). */
  storage: StorageProblem | null;
  /** Files the saved session held that could not be read back: they must be dropped again. */
  missing: string[];
}

export class EngineCore {
  private state: SessionState = emptySession();
  private cache = new CheckCache();
  private session: string | null = null;
  private settings: Settings | null = null;
  /** Bytes of the submissions (kept with the session, for return copies after a reload). */
  private originals = new Map<string, Uint8Array>();
  /** The workbook model of the last recompute (web page), for a download with nothing changed since. */
  private lastModel: { key: unknown[]; model: WorkbookModel } | null = null;
  /** Every call after restore waits for it (handle.ts), so a drop during restore is not lost. */
  private restoring: Promise<unknown> = Promise.resolve();
  /** Saves run one after another; each writes the state as it is when it runs. */
  private saving: Promise<void> = Promise.resolve();
  private savedSettings = '';
  private storage: StorageProblem | null = null;
  /**
   * Files read for longer than SLOW_READ_MS, marked in the store while they are. A reader that runs
   * out of memory takes the whole tab in Chromium; after the reload, `suspects` are those files.
   */
  private slow = new Set<Ref>();
  private suspects = new Map<string, string>();
  private marking: Promise<void> = Promise.resolve();

  /** `readFile`: where submissions are read (the engine worker passes its reader workers, readers.ts). */
  constructor(
    private readonly store: SessionStore | null = null,
    private readonly readFile: ReadFile = readInProcess,
  ) {}

  /** Binds the engine to a saved session (Excel: one per workbook; web page: one) and loads what it holds. */
  restore(session: string): Promise<RestoreSummary> {
    const run = this.load(session);
    this.restoring = run.catch(() => undefined);
    return run;
  }

  /** Resolves once a pending restore is done. */
  ready(): Promise<unknown> {
    return this.restoring;
  }

  private async load(session: string): Promise<RestoreSummary> {
    this.session = session;
    let data: SessionData | null = null;
    if (!this.store) this.storage = 'unavailable';
    else {
      try {
        data = await this.store.load(session);
      } catch (e) {
        this.storage = storageProblem(e) === 'quota' ? 'quota' : 'unavailable';
      }
    }
    try {
      const left = (await this.store?.marked?.(session)) ?? [];
      this.suspects = new Map(left.map((r) => [r.sha256, r.file]));
    } catch {
      // Only a safeguard: without it a file that ended the page is read again.
    }
    if (data) {
      this.state = { ...emptySession(), submissions: data.subs, roster: data.roster, scoreBooks: data.scoreBooks ?? [], previous: data.previous ?? null, entries: data.entries ?? [] };
      this.cache = new CheckCache();
      this.originals = new Map(Object.entries(data.originals ?? {}));
      this.settings = data.settings ?? null;
      this.savedSettings = JSON.stringify(this.settings);
    }
    const s = this.state;
    const others = s.scoreBooks.length + (s.previous ? 1 : 0) + s.entries.length;
    return { files: s.submissions.length, roster: s.roster?.units.length ?? 0, others, settings: data?.settings ?? null, storage: this.storage, missing: data?.missing ?? [] };
  }

  /** Saves the session (after the saves before it); a failure is reported in results, never thrown. */
  private persist(): Promise<void> {
    this.saving = this.saving.then(() => this.saveNow());
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    if (!this.session || !this.store) return;
    const s = this.state;
    try {
      if (s.submissions.length || s.roster || s.scoreBooks.length || s.previous || s.entries.length || this.settings) {
        // The store writes only the files it does not hold yet (and deletes those gone).
        const data: SessionData = { subs: s.submissions, roster: s.roster, scoreBooks: s.scoreBooks, previous: s.previous, entries: s.entries, originals: Object.fromEntries(this.originals), settings: this.settings, savedAt: Date.now() };
        await this.store.save(this.session, data);
      } else await this.store.remove(this.session);
      this.storage = null;
    } catch (e) {
      // Persistence is a convenience: a full or unavailable store never breaks the work (a failed
      // save leaves the store as it was; the next one writes what is still missing).
      this.storage = storageProblem(e);
    }
  }

  /** 新建会话: forgets everything, the roster and the settings too, here and in the store. */
  async forget(): Promise<void> {
    this.suspects.clear();
    this.state = emptySession();
    this.cache = new CheckCache();
    this.originals.clear();
    this.settings = null;
    await this.persist();
  }

  private known(name: string, sha256: string): boolean {
    const s = this.state;
    return (
      s.submissions.some((x) => x.file === name && x.sha256 === sha256) ||
      s.scoreBooks.some((x) => x.file === name && x.sha256 === sha256) ||
      (s.previous?.file === name && s.previous.sha256 === sha256)
    );
  }

  /**
   * Reads files and files each by its content: submissions, a roster, score workbooks, an earlier
   * result. Never throws for a bad file: an unreadable one is a submission that gets a finding.
   */
  async addFiles(files: InputFile[], onProgress?: Progress, opts: { persist?: boolean } = {}): Promise<ImportSummary> {
    const added: FileBrief[] = [];
    const skipped: string[] = [];
    const counts = { submissions: 0, unreadable: 0, duplicates: 0, rosters: 0, scores: 0, results: 0, skipped: 0 };
    // One order whatever the browser hands over: by name, as the CLI lists a folder (the later
    // of two equal-time files wins, so the order matters).
    // An archive gives its files; its name sorts them among the others.
    const sorted = openArchives(files).sort((a, b) => zhCollator.compare(a.name, b.name));
    // Hashed first (the bytes may move to a reader), then all read at once: readers in workers
    // work in parallel; the files are still taken in order.
    const sizes = sorted.map((f) => f.bytes.length);
    const hashes: string[] = [];
    const reads: (ReturnType<ReadFile> | null)[] = [];
    for (const f of sorted) {
      // A file not taken out is no duplicate of anything (its bytes are not there).
      const sha256 = f.problem ? `unread:${f.name}` : await sha256Hex(f.bytes);
      hashes.push(sha256);
      reads.push(this.known(f.name, sha256) ? null : this.guardedRead(f, sha256));
    }
    for (const [i, f] of sorted.entries()) {
      const sha256 = hashes[i]!;
      if (this.known(f.name, sha256)) {
        skipped.push(f.name);
        counts.skipped++;
      } else {
        const got = await (reads[i] ?? this.guardedRead(f, sha256));
        added.push(this.addOne(f, sha256, sizes[i]!, got, counts));
      }
      onProgress?.(i + 1, sorted.length, f.name);
    }
    if (added.length && opts.persist !== false) await this.persist();
    return { total: this.state.submissions.length, added, skipped, counts, changed: added.length > 0 };
  }

  /**
   * Reads a file (in a reader worker when there are any), marked in the store while slow; a file
   * that ended the page last time is refused once. `onStart`: when a reader takes it.
   */
  private async guardedRead(f: InputFile, sha256: string, how: ReadHow = 'submission', onStart?: () => void): ReturnType<ReadFile> {
    if (f.problem) return { read: f.problem, bytes: null };
    if (this.suspects.delete(sha256)) {
      this.writeMarks();
      return { read: readFailed(PAGE_ENDED), bytes: f.bytes };
    }
    const ref: Ref = { file: f.name, sha256 };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = () => {
      onStart?.();
      timer = setTimeout(() => {
        this.slow.add(ref);
        this.writeMarks();
      }, SLOW_READ_MS);
    };
    try {
      return await this.readFile(f.name, f.bytes, started, how);
    } finally {
      clearTimeout(timer);
      if (this.slow.delete(ref)) this.writeMarks();
    }
  }

  private writeMarks(): void {
    const session = this.session;
    const store = this.store;
    if (!session || !store?.mark) return;
    const marks = [...this.slow, ...[...this.suspects].map(([sha256, file]) => ({ file, sha256 }))];
    this.marking = this.marking.then(() => store.mark!(session, marks)).catch(() => undefined);
  }

  /** Saves the session now (after a drop read in chunks with `persist: false`). */
  async persistNow(): Promise<void> {
    await this.persist();
  }

  private addOne(f: InputFile, sha256: string, size: number, got: Awaited<ReturnType<ReadFile>>, counts: NonNullable<ImportSummary['counts']>): FileBrief {
    const read = got.read;
    const brief: FileBrief = { file: f.name, ok: read.ok, size, ...(read.ok ? {} : { problem: read.detail }) };
    const kind: FileKind = read.ok ? classifyWorkbook(read.workbook, f.name) : 'submission';
    brief.kind = kind;
    if (read.ok && kind === 'roster') {
      const roster = rosterFromWorkbook(read.workbook.sheets);
      if (roster) {
        this.state.roster = roster;
        counts.rosters++;
        return brief;
      }
    }
    if (read.ok && kind === 'scores') {
      this.state.scoreBooks = [...this.state.scoreBooks.filter((b) => b.file !== f.name), { file: f.name, sha256, sheets: scoreBookSheets(read.workbook), problems: scoreBookProblems(f.name, read.workbook) }];
      counts.scores++;
      return brief;
    }
    if (read.ok && kind === 'result') {
      this.state.previous = { file: f.name, sha256, sheets: read.workbook.sheets };
      counts.results++;
      return brief;
    }
    // The same bytes under a name naming another unit are that unit's filing (the same blank template).
    const twin = this.state.submissions.find((s) => isCopyOf({ file: f.name, sha256 }, s));
    if (twin) {
      brief.duplicateOf = twin.file;
      counts.duplicates++;
    } else if (!read.ok) counts.unreadable++;
    else counts.submissions++;
    this.state.submissions.push({ file: f.name, sha256, size, modified: f.modified ?? null, read });
    // No bytes: lost with a reader that died on them (no return copy is made of an unread file).
    if (!twin && got.bytes) this.originals.set(f.name, got.bytes);
    return brief;
  }

  async reset(): Promise<void> {
    this.state = { ...emptySession(), roster: this.state.roster };
    this.cache = new CheckCache();
    this.originals.clear();
    await this.persist();
  }

  get fileCount(): number {
    return this.state.submissions.length;
  }

  /**
   * A file opened on its own (a roster, an earlier result, a workbook to read back): read as any
   * dropped file is, a reader that hangs, throws or dies costing only this call, which is refused
   * with the file's reason. Progress: 0 / 1 once a reader has it, 1 / 1 when read.
   */
  private async readAlone(file: InputFile, how: ReadHow, onProgress?: Progress): Promise<{ workbook: WorkbookGrid; sha256: string }> {
    const sha256 = await sha256Hex(file.bytes);
    const { read } = await this.guardedRead(file, sha256, how, () => onProgress?.(0, 1, file.name));
    onProgress?.(1, 1, file.name);
    if (!read.ok) throw new Error(`“${file.name}”${read.detail}`);
    return { workbook: read.workbook, sha256 };
  }

  async setRoster(file: InputFile | null, onProgress?: Progress): Promise<{ units: number }> {
    if (!file) {
      this.state.roster = null;
      await this.persist();
      return { units: 0 };
    }
    const { workbook } = await this.readAlone(file, 'submission', onProgress);
    const r = rosterFromWorkbook(workbook.sheets);
    if (r && r.units.length) {
      this.state.roster = r;
      await this.persist();
      return { units: r.units.length };
    }
    throw new Error('名单中找不到“单位名称”列');
  }

  /** An earlier result workbook: its typed input (评分表, 整改台账) feeds the next results. */
  async openResult(file: InputFile, onProgress?: Progress): Promise<OpenSummary> {
    const { workbook: grid, sha256 } = await this.readAlone(file, 'back', onProgress);
    this.state.previous = { file: file.name, sha256, sheets: grid.sheets };
    await this.persist();
    const r = this.pipeline(this.settings ?? null, null);
    const typed = r.run?.scores.filter((e) => e.file === file.name).length ?? 0;
    const items = r.run?.rectification.filter((i) => i.status !== '待整改').length ?? 0;
    return { sheets: grid.sheets.map((s) => s.name), scores: typed, items };
  }

  private pipeline(settings: Settings | null, workbook: WorkbookGrid | null): PipelineResult {
    if (settings) this.settings = settings;
    // Changed settings (the inspection date, …) are kept with the session too.
    if (settings && this.session && JSON.stringify(settings) !== this.savedSettings) {
      this.savedSettings = JSON.stringify(settings);
      void this.persist();
    }
    const s = settings ?? this.settings;
    return recomputeSession(this.state, {
      params: s ? settingsToParams(s) : {},
      notices: s?.notices,
      workbook: workbook ? workbook.sheets.map((sheet) => ({ file: WORKBOOK_FILE, sheet })) : null,
      cache: this.cache,
    });
  }

  /** The whole result after any change (files, roster, scores, settings). */
  recompute(settings: Settings, workbook: WorkbookGrid | null = null, opts: RecomputeOptions = {}): EngineResult {
    const t0 = now();
    const r = this.pipeline(settings, workbook);
    this.lastModel = workbook ? null : { key: this.modelKey(settings), model: r.workbook };
    return this.view(r, now() - t0, opts.sheets !== false);
  }

  /** Sets or clears one score typed in the pane; refused with a Chinese message when invalid. */
  async setScore(entry: EntryInput, settings: Settings, workbook: WorkbookGrid | null = null, opts: RecomputeOptions = {}): Promise<ScoreOutcome> {
    const rubric = this.pipeline(settings, workbook).rubric;
    const next = applyEntry(this.state.entries, rubric, entry);
    if (!next.outcome.ok) return next.outcome;
    this.state.entries = next.entries;
    await this.persist();
    return { ok: true, result: this.recompute(settings, workbook, opts) };
  }

  private view(r: PipelineResult, ms: number, sheets = true): EngineResult {
    const run = r.run!;
    const checkSheets = { sheets: r.workbook.sheets.filter(isCheckSheet) };
    const ranking: RankRow[] = run.ranking.map(({ base: _b, roundTotals: _r, ...rest }) => rest);
    const rosterNames = r.check.roster ? new Set(r.check.roster.units.map((u) => u.name)) : null;
    const units: ScoringUnit[] = r.check.units
      .filter((u) => !rosterNames || u.inRoster)
      .map((u) => ({ unit: u.unit, category: u.category, websites: unitWebsites(r.check, u.unit) }));
    const unscored = run.assessment.unscored.map((u) => u.unit);
    const inspectors = [...new Set(run.scores.map((e) => `${e.round}\u0000${e.inspector}`))];
    const names = units.map((u) => u.unit);
    const progress = inspectors.map((k) => {
      const [round, inspector] = k.split('\u0000') as [string, string];
      return scoringProgress(run.scores, names, r.rubric, inspector, Number(round) as 1 | 2);
    });
    const check = checkView(r.check, run.sheetFindings, checkSheets);
    return {
      json: r.json,
      model: sheets ? r.workbook : { sheets: [] },
      sheetNames: r.workbook.sheets.map((s) => s.name),
      check: sheets ? check : { ...check, model: { sheets: [] } },
      ranking,
      unscored,
      rectification: {
        items: run.rectification.length,
        open: run.rectification.filter((i) => i.status !== '已整改').length,
        units: new Set(run.rectification.map((i) => i.unit)).size,
        keys: run.rectification.map((i) => i.key),
      },
      rubric: r.rubric,
      params: r.params,
      scoring: { units, typed: this.state.entries, entries: run.scores, progress },
      sources: { roster: this.state.roster?.units.length ?? null, scoreBooks: this.state.scoreBooks.map((b) => b.file), result: this.state.previous?.file ?? null },
      storage: this.session ? this.storage : null,
      ms,
    };
  }

  /**
   * The whole result workbook, re-rendered from the pipeline's model (tables, links, print setup,
   * validations). An opened result with nothing added since comes back as it was; `extra` sheets
   * (templates, sheets of the opened result the pipeline does not make) are appended by name.
   */
  async download(settings: Settings | null = null, original: Uint8Array | null = null, extra: SheetModel[] = [], onProgress?: Progress): Promise<Uint8Array> {
    const s = this.state;
    const added = s.submissions.length || s.scoreBooks.length || s.entries.length;
    if (original && !added) return original;
    const onSheet = onProgress;
    if (!added && !s.previous) return renderWorkbook({ sheets: extra }, { onSheet });
    // The model of the last recompute when nothing changed since: no second pipeline run (time,
    // and a second copy of the whole result alive next to the one being written).
    const key = this.modelKey(settings);
    const last = this.lastModel && sameKey(this.lastModel.key, key) ? this.lastModel.model : null;
    this.lastModel = null;
    const model = last ?? this.pipeline(settings, null).workbook;
    const have = new Set(model.sheets.map((x) => x.name));
    const sheets = [...model.sheets, ...extra.filter((x) => !have.has(x.name))];
    onProgress?.(0, sheets.length, '');
    return renderWorkbook({ sheets }, { onSheet });
  }

  /** What a result depends on: the session's parts (replaced, never edited in place, except submissions appended) and the settings. */
  private modelKey(settings: Settings | null): unknown[] {
    const s = this.state;
    return [s, s.submissions, s.submissions.length, s.roster, s.scoreBooks, s.previous, s.entries, JSON.stringify(settings ?? this.settings)];
  }

  // The step views (check, scoring, ranking, rectify) of the same pipeline, for the step UI.

  check(settings: Settings): CheckOutput {
    this.settings = settings;
    const r = runPipeline({
      submissions: this.state.submissions,
      roster: this.state.roster,
      scoreBooks: this.state.scoreBooks.flatMap((b) => b.sheets.map((sheet) => ({ file: b.file, sheet }))),
      params: settingsToParams(settings),
      mode: 'check',
      cache: this.cache,
    });
    return checkView(r.check, r.check.findings, r.workbook);
  }

  private requireFiles(): void {
    if (!this.state.submissions.length) throw new Error('请先导入并校验备案表');
  }

  private stepRun(settings: Settings, existing: WorkbookGrid | null): PipelineResult {
    this.requireFiles();
    return this.pipeline(settings, existing);
  }

  /** 评分表 (and 评分细则 when the workbook has none yet), keeping entered scores. */
  scoring(settings: Settings, existing: WorkbookGrid | null): StepOutput {
    const r = this.stepRun(settings, existing);
    const run = r.run!;
    const hasRubric = !!existing?.sheets.some((s) => s.name === RUBRIC_SHEET);
    const sheets = r.workbook.sheets.filter((s) => s.name === SCORE_SHEET || (!hasRubric && s.name === RUBRIC_SHEET));
    sheets.sort((a) => (a.name === RUBRIC_SHEET ? -1 : 1));
    const findings = run.findings.filter((f) => f.rule.startsWith('score-') || f.rule.startsWith('rubric-'));
    const units = new Set([...r.check.units.filter((u) => !r.check.roster || u.inRoster).map((u) => u.unit), ...run.scores.map((e) => e.unit)]);
    return { model: { sheets }, findings, facts: { units: units.size, indicators: r.rubric.indicators.length, scores: run.scores.length } };
  }

  /** 考核排名 (plus a blank 加减分 sheet for bonuses and vetoes when there is none). */
  ranking(settings: Settings, existing: WorkbookGrid | null): StepOutput {
    const r = this.stepRun(settings, existing);
    const sheets: SheetModel[] = r.workbook.sheets.filter((s) => s.name === RANKING_SHEET);
    if (!existing?.sheets.some((s) => s.name === ADJUST_SHEET)) sheets.push(adjustmentsTemplate());
    const ranking = this.view(r, 0).ranking;
    return { model: { sheets }, findings: r.run!.findings, facts: { units: ranking.length }, ranking };
  }

  /** 整改台账 (and optionally one printable notice per unit), keeping statuses typed earlier. */
  rectify(settings: Settings, existing: WorkbookGrid | null, opts: { notices?: boolean } = {}): StepOutput {
    const r = this.stepRun({ ...settings, notices: opts.notices ?? settings.notices }, existing);
    const items = r.run!.rectification;
    const sheets = r.workbook.sheets.filter((s) => s.name === RECT_SHEET || s.name.startsWith('整改通知'));
    const open = items.filter((i) => i.status !== '已整改').length;
    return { model: { sheets }, findings: r.run!.findings, facts: { items: items.length, open, units: new Set(items.map((i) => i.unit)).size } };
  }

  /** One template per unit of the roster (else of the units seen), zipped: the files of `zhendi template --roster`. */
  async unitTemplatesZip(settings: Settings): Promise<Uint8Array> {
    const r = this.pipeline(settings, null);
    const names = r.check.roster ? r.check.roster.units.map((u) => u.name) : r.check.units.map((u) => u.unit);
    if (!names.length) throw new Error('请先导入单位名单（或备案表），再为各单位生成模板');
    return unitTemplatesZip(names, {
      school: settings.school || undefined,
      deadline: r.params.deadline ?? null,
      staleWarnDays: r.params.staleWarnDays,
      bigvThreshold: r.params.bigvThreshold,
    });
  }

  /**
   * A return copy of every unit file with errors or warnings, zipped: the builder behind
   * `zhendi check --return-dir` (the bytes are kept with the session, so this works after a reload).
   */
  async returnCopiesZip(settings: Settings): Promise<Uint8Array> {
    this.requireFiles();
    const r = this.pipeline(settings, null);
    return returnCopiesZip(r.check, async (file) => this.originals.get(file) ?? null);
  }

  templates(school?: string): WorkbookModel {
    return templateWorkbookModel(school || undefined);
  }

  async render(model: WorkbookModel): Promise<Uint8Array> {
    return renderWorkbook(model);
  }

  /** The sheets of a workbook of ours (the web page's reopened result), read back. */
  async readWorkbook(file: InputFile, onProgress?: Progress): Promise<WorkbookGrid> {
    return (await this.readAlone(file, 'back', onProgress)).workbook;
  }
}

/** A blank 加减分 sheet (DOMAIN §2.3) for the office to enter bonuses and vetoes. */
export function adjustmentsTemplate(): SheetModel {
  return adjustmentsSheet([]);
}

export type { SourcedSheet };
export { ADJUST_SHEET, compareFindings, RANKING_SHEET, RECT_SHEET, SCORE_SHEET, RUBRIC_SHEET };
