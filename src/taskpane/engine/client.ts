/**
 * The pane's handle on the engine. `WorkerEngine` talks to engine/worker.ts; `LocalEngine` runs
 * the same code in process (tests, and a fallback when workers are unavailable).
 */
import type { WorkbookGrid } from '../../core/grid';
import type { SheetModel, WorkbookModel } from '../../core/report/model';
import type { Settings } from '../settings';
import type { EntryInput } from '../../core/pipelineSession';
import type { CheckOutput, EngineResult, ImportSummary, OpenSummary, RecomputeOptions, RestoreSummary, ScoreOutcome, StepOutput } from './core';
import type { Envelope, FileInput, Reply, Request, Responses } from './protocol';
import { joinModel } from './transfer';

export type { CheckOutput, EngineResult, ImportSummary, OpenSummary, RecomputeOptions, RestoreSummary, ScoreOutcome, ScoringUnit, StepOutput, RankRow, UnitBrief } from './core';
export type { EntryInput } from '../../core/pipelineSession';
export type { FileInput } from './protocol';

export type OnProgress = (done: number, total: number, file: string) => void;

export interface Engine {
  addFiles(files: FileInput[], onProgress?: OnProgress): Promise<ImportSummary>;
  reset(): Promise<void>;
  /** Binds and loads a saved session (after a reload); what it held. Later calls wait for it. */
  restore(session: string): Promise<RestoreSummary>;
  /** Starts over: forgets files, roster, scores and settings, here and in the saved session. */
  forget(): Promise<void>;
  /** `onProgress`: 0 / 1 once a reader reads the file, 1 / 1 when read (every file opened on its own). */
  setRoster(file: FileInput | null, onProgress?: OnProgress): Promise<{ units: number }>;
  check(settings: Settings): Promise<CheckOutput>;
  scoring(settings: Settings, existing: WorkbookGrid | null): Promise<StepOutput>;
  ranking(settings: Settings, existing: WorkbookGrid | null): Promise<StepOutput>;
  rectify(settings: Settings, existing: WorkbookGrid | null, notices: boolean): Promise<StepOutput>;
  /** The whole result after any change (Excel: `workbook` = the open workbook's 评分表/整改台账/评分细则/参数/加减分). */
  recompute(settings: Settings, workbook?: WorkbookGrid | null, opts?: RecomputeOptions): Promise<EngineResult>;
  /** Sets (value) or clears (value null) one score; refused with a Chinese message when invalid. */
  setScore(entry: EntryInput, settings: Settings, workbook?: WorkbookGrid | null, opts?: RecomputeOptions): Promise<ScoreOutcome>;
  /** Continue from an earlier result workbook: its typed input is read back. */
  openResult(file: FileInput, onProgress?: OnProgress): Promise<OpenSummary>;
  /** The whole result workbook as .xlsx (`original`: the opened result's bytes, returned as-is when nothing was added; `extra`: sheets appended by name, e.g. templates). */
  download(settings?: Settings | null, original?: Uint8Array | null, extra?: SheetModel[], onProgress?: OnProgress): Promise<Uint8Array>;
  templates(school: string): Promise<WorkbookModel>;
  /** Every unit's own template (zhendi template --roster), one zip. */
  unitTemplatesZip(settings: Settings): Promise<Uint8Array>;
  /** Return copies of the files with problems (zhendi check --return-dir), one zip. */
  returnCopiesZip(settings: Settings): Promise<Uint8Array>;
  render(model: WorkbookModel): Promise<Uint8Array>;
  readWorkbook(file: FileInput, onProgress?: OnProgress): Promise<WorkbookGrid>;
}

export type Caller = <K extends Request['op']>(req: Extract<Request, { op: K }>, onProgress?: OnProgress) => Promise<Responses[K]>;

export function engineOver(call: Caller): Engine {
  return {
    addFiles: (files, onProgress) => call({ op: 'addFiles', files }, onProgress),
    reset: async () => {
      await call({ op: 'reset' });
    },
    restore: (session) => call({ op: 'restore', session }),
    forget: async () => {
      await call({ op: 'forget' });
    },
    setRoster: (file, onProgress) => call({ op: 'setRoster', file }, onProgress),
    check: (settings) => call({ op: 'check', settings }),
    scoring: (settings, existing) => call({ op: 'scoring', settings, existing }),
    ranking: (settings, existing) => call({ op: 'ranking', settings, existing }),
    rectify: (settings, existing, notices) => call({ op: 'rectify', settings, existing, notices }),
    recompute: (settings, workbook, opts) => call({ op: 'recompute', settings, workbook: workbook ?? null, opts }),
    setScore: (entry, settings, workbook, opts) => call({ op: 'setScore', entry, settings, workbook: workbook ?? null, opts }),
    openResult: (file, onProgress) => call({ op: 'openResult', file }, onProgress),
    download: (settings, original, extra, onProgress) => call({ op: 'download', settings: settings ?? null, original: original ?? null, extra: extra ?? [] }, onProgress),
    templates: (school) => call({ op: 'templates', school }),
    unitTemplatesZip: (settings) => call({ op: 'unitTemplatesZip', settings }),
    returnCopiesZip: (settings) => call({ op: 'returnCopiesZip', settings }),
    render: (model) => call({ op: 'render', model }),
    readWorkbook: (file, onProgress) => call({ op: 'readWorkbook', file }, onProgress),
  };
}

/** The engine in a Web Worker loaded from `url` (worker.js next to the page). */
export function workerEngine(url: string): Engine {
  const worker = new Worker(url);
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: OnProgress; parts: unknown[] }>();
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if ('progress' in msg) {
      p.onProgress?.(msg.progress.done, msg.progress.total, msg.progress.file);
      return;
    }
    if ('part' in msg) {
      p.parts[msg.part.sheet] = msg.part.value;
      return;
    }
    pending.delete(msg.id);
    if (msg.ok) p.resolve(joinModel(msg.value, p.parts));
    else p.reject(new Error(msg.error));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'engine worker failed'));
    pending.clear();
  };
  const call = ((req: Request, onProgress?: OnProgress) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject, onProgress, parts: [] });
      worker.postMessage({ id, req } satisfies Envelope);
    })) as Caller;
  return engineOver(call);
}
