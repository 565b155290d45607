/** Messages between the pane (engine/client.ts) and the engine worker (engine/worker.ts). */
import type { WorkbookGrid } from '../../core/grid';
import type { SheetModel, WorkbookModel } from '../../core/report/model';
import type { Settings } from '../settings';
import type { EntryInput } from '../../core/pipelineSession';
import type { CheckOutput, EngineResult, ImportSummary, OpenSummary, RecomputeOptions, RestoreSummary, ScoreOutcome, StepOutput } from './core';

/** A file as the pane hands it over: a File (structured-cloneable) or bytes. */
export type FileInput = File | { name: string; bytes: Uint8Array; modified?: string | null };

export type Request =
  | { op: 'addFiles'; files: FileInput[] }
  | { op: 'reset' }
  | { op: 'restore'; session: string }
  | { op: 'forget' }
  | { op: 'setRoster'; file: FileInput | null }
  | { op: 'check'; settings: Settings }
  | { op: 'scoring'; settings: Settings; existing: WorkbookGrid | null }
  | { op: 'ranking'; settings: Settings; existing: WorkbookGrid | null }
  | { op: 'rectify'; settings: Settings; existing: WorkbookGrid | null; notices: boolean }
  | { op: 'recompute'; settings: Settings; workbook?: WorkbookGrid | null; opts?: RecomputeOptions }
  | { op: 'setScore'; entry: EntryInput; settings: Settings; workbook?: WorkbookGrid | null; opts?: RecomputeOptions }
  | { op: 'openResult'; file: FileInput }
  | { op: 'download'; settings?: Settings | null; original?: Uint8Array | null; extra?: SheetModel[] }
  | { op: 'templates'; school: string }
  | { op: 'unitTemplatesZip'; settings: Settings }
  | { op: 'returnCopiesZip'; settings: Settings }
  | { op: 'render'; model: WorkbookModel }
  | { op: 'readWorkbook'; file: FileInput };

export interface Responses {
  addFiles: ImportSummary;
  reset: null;
  restore: RestoreSummary;
  forget: null;
  setRoster: { units: number };
  check: CheckOutput;
  scoring: StepOutput;
  ranking: StepOutput;
  rectify: StepOutput;
  recompute: EngineResult;
  setScore: ScoreOutcome;
  openResult: OpenSummary;
  download: Uint8Array;
  templates: WorkbookModel;
  unitTemplatesZip: Uint8Array;
  returnCopiesZip: Uint8Array;
  render: Uint8Array;
  readWorkbook: WorkbookGrid;
}

export type Envelope = { id: number; req: Request };
/**
 * Large report models travel sheet by sheet (`part` messages, then the reply with an empty
 * `model.sheets`), so the pane deserialises them in several short tasks instead of one long one.
 */
export type Reply =
  | { id: number; part: { sheet: number; value: unknown } }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  | { id: number; progress: { done: number; total: number; file: string } };
