/**
 * The pane's one adapter to the engine: every engine call of the UI is here. The engine keeps the
 * session (files, roster, score workbooks, an earlier result, typed scores) and returns the whole
 * result after any change, so every view is live. In Excel the open workbook's own sheets
 * (what was typed straight into 评分表, 整改台账, …) are read back into each recompute, and
 * writing into the workbook is one explicit action.
 */
import { useCallback, useRef, useState } from 'react';
import type { Engine, EngineResult, ImportSummary, OnProgress, RestoreSummary } from '../engine/client';
import type { WorkbookGrid } from '../../core/grid';
import type { WorkbookPort } from '../port';
import type { Settings } from '../settings';
import type { ScoreInput } from './ScoringView';

/** Sheets of the open workbook that carry typed input (Excel). */
export const TYPED_SHEETS = ['评分表', '整改台账', '评分细则', '参数', '加减分'];

export interface OtherFile {
  file: string;
  kind: 'roster' | 'scores' | 'result';
}

export interface Session {
  result: EngineResult | null;
  /** Files recognised as something other than a submission (roster, score workbook, earlier result). */
  others: OtherFile[];
  addFiles(files: File[], onProgress: OnProgress, settings: Settings): Promise<{ summary: ImportSummary; result: EngineResult }>;
  recompute(settings: Settings): Promise<EngineResult>;
  setScore(entry: ScoreInput, settings: Settings): Promise<string | null>;
  reset(settings: Settings): Promise<void>;
  setRoster(file: File | null, settings: Settings, onProgress?: OnProgress): Promise<number>;
  openResult(file: File, settings: Settings, onProgress?: OnProgress): Promise<{ sheets: number; scores: number }>;
  /** Loads the saved session; the engine orders every later call after it. Recompute yourself. */
  restore(id: string): Promise<RestoreSummary>;
  /** 新建会话: forgets everything, in the engine and in the saved session. */
  forget(): Promise<void>;
  /** The whole result workbook as .xlsx bytes (web download). */
  download(settings: Settings, onProgress?: OnProgress): Promise<Uint8Array>;
  /**
   * Recomputes (reading back what was typed straight into the sheets since) and writes every
   * sheet of the result into the open workbook, one sheet per batch, with progress.
   */
  writeAll(settings: Settings, onProgress: (done: number, total: number) => void): Promise<number>;
  templates(school: string): ReturnType<Engine['templates']>;
  unitTemplatesZip: Engine['unitTemplatesZip'];
  returnCopiesZip: Engine['returnCopiesZip'];
  render: Engine['render'];
}

export function useSession(engine: Engine, port: WorkbookPort): Session {
  const [result, setResult] = useState<EngineResult | null>(null);
  const [others, setOthers] = useState<OtherFile[]>([]);
  const latest = useRef<EngineResult | null>(null);
  /** Results are shown in the order they were asked for: a slow older one never hides a newer one. */
  const asked = useRef(0);
  const shown = useRef(0);

  const workbook = useCallback(async (): Promise<WorkbookGrid | null> => (port.kind === 'excel' ? port.readSheets(TYPED_SHEETS) : null), [port]);
  const keep = useCallback((n: number, r: EngineResult) => {
    if (n < shown.current) return r;
    shown.current = n;
    latest.current = r;
    setResult(r);
    // Files other than submissions held by a restored session (score workbooks, an earlier result).
    setOthers((o) => {
      const add: OtherFile[] = [...r.sources.scoreBooks.map((file) => ({ file, kind: 'scores' as const })), ...(r.sources.result ? [{ file: r.sources.result, kind: 'result' as const }] : [])];
      const missing = add.filter((a) => !o.some((x) => x.file === a.file));
      return missing.length ? [...o, ...missing] : o;
    });
    return r;
  }, []);

  // The web page needs no sheets here (its download is written in the engine); Excel writes them.
  const sheets = port.kind === 'excel';
  const recompute = useCallback(
    async (s: Settings) => {
      const n = ++asked.current;
      return keep(n, await engine.recompute(s, await workbook(), { sheets }));
    },
    [engine, keep, workbook, sheets],
  );

  return {
    result,
    others,
    recompute,
    addFiles: async (files, onProgress, s) => {
      const summary = await engine.addFiles(files, onProgress);
      const found = summary.added.filter((f): f is typeof f & { kind: OtherFile['kind'] } => f.kind === 'roster' || f.kind === 'scores' || f.kind === 'result');
      if (found.length) setOthers((o) => [...o.filter((x) => !found.some((f) => f.file === x.file)), ...found.map((f) => ({ file: f.file, kind: f.kind }))]);
      return { summary, result: await recompute(s) };
    },
    setScore: async (entry, s) => {
      const n = ++asked.current;
      const out = await engine.setScore(entry, s, await workbook(), { sheets });
      if (!out.ok) return out.message;
      keep(n, out.result);
      return null;
    },
    reset: async (s) => {
      await engine.reset();
      setOthers([]);
      await recompute(s);
    },
    setRoster: async (file, s, onProgress) => {
      const r = await engine.setRoster(file, onProgress);
      await recompute(s);
      return r.units;
    },
    openResult: async (file, s, onProgress) => {
      const r = await engine.openResult(file, onProgress);
      setOthers((o) => [...o.filter((x) => x.kind !== 'result'), { file: file.name, kind: 'result' }]);
      await recompute(s);
      return { sheets: r.sheets.length, scores: r.scores };
    },
    restore: (id) => engine.restore(id),
    forget: async () => {
      await engine.forget();
      asked.current++;
      shown.current = asked.current;
      latest.current = null;
      setResult(null);
      setOthers([]);
    },
    download: (s, onProgress) => engine.download(s, null, [], onProgress),
    writeAll: async (s, onProgress) => {
      const model = (await recompute(s)).model;
      const total = model.sheets.length;
      onProgress(0, total);
      const show = (model.sheets.find((s) => s.name === '考核排名') ?? model.sheets[0])?.name;
      for (let i = 0; i < total; i++) {
        const sheet = model.sheets[i]!;
        // The typed sheets were read back into this result (and changed in the pane since): the model wins.
        await port.writeModel({ sheets: [sheet] }, { modelWins: TYPED_SHEETS, ...(sheet.name === show ? { activate: show } : {}) });
        onProgress(i + 1, total);
      }
      return total;
    },
    templates: (school) => engine.templates(school),
    unitTemplatesZip: (s) => engine.unitTemplatesZip(s),
    returnCopiesZip: (s) => engine.returnCopiesZip(s),
    render: (m) => engine.render(m),
  };
}
