/**
 * The workbook port of the plain web page (no Excel): sheets live in memory as report models,
 * are rendered to .xlsx by the engine worker (src/xlsx) and downloaded. Nothing leaves the
 * machine. Opening an earlier result workbook (e.g. with scores typed in WPS) hands its typed
 * input to the engine; the download is always the engine's full re-rendered result.
 */
import type { SheetGrid, WorkbookGrid } from '../core/grid';
import type { SheetModel, WorkbookModel } from '../core/report/model';
import { mergeEditable, rawFromGrid } from '../core/report/editable';
import type { Engine } from './engine/client';
import type { WorkbookPort, WriteReport } from './port';

export interface WebPort extends WorkbookPort {
  /** Current sheets, in order (for tests and the download). */
  model(): WorkbookModel;
}

export function webPort(engine: Engine, save: (bytes: Uint8Array, fileName: string) => void = downloadBytes): WebPort {
  const sheets = new Map<string, SheetModel>();
  /** Sheets of an opened earlier result: read by steps, carried into the download when not rewritten. */
  let opened = new Map<string, SheetGrid>();
  /** The opened result's bytes: downloaded unchanged when nothing was added since. */
  let original: Uint8Array | null = null;

  return {
    kind: 'web',
    async writeModel(model: WorkbookModel): Promise<WriteReport> {
      let kept = 0;
      for (const s of model.sheets) {
        const old = opened.get(s.name);
        const m = old ? mergeEditable(s, rawFromGrid(old)) : { sheet: s, kept: 0 };
        kept += m.kept;
        sheets.set(s.name, m.sheet);
        opened.delete(s.name);
      }
      return { sheets: model.sheets.map((s) => s.name), kept };
    },
    async readSheets(names: string[]): Promise<WorkbookGrid> {
      return { sheets: names.map((n) => opened.get(n)).filter((s): s is SheetGrid => !!s) };
    },
    async selectCell(): Promise<boolean> {
      return false;
    },
    async sheetNames(): Promise<string[]> {
      return [...new Set([...sheets.keys(), ...opened.keys()])];
    },
    model(): WorkbookModel {
      const carried: SheetModel[] = [...opened.values()].map(gridToModel);
      return { sheets: [...sheets.values(), ...carried] };
    },
    saveBytes(bytes: Uint8Array, fileName: string): void {
      save(bytes, fileName);
    },
    async download(fileName: string): Promise<void> {
      // The engine re-renders the whole result (tables, links, print setup, validations) from the
      // pipeline's model; sheets only this port holds (templates, foreign sheets of an opened
      // result) are appended by name.
      const extra = [...sheets.values(), ...[...opened.values()].map(gridToModel)];
      save(await engine.download(null, original, extra), fileName);
    },
    async openExisting(file: File): Promise<string[]> {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const input = { name: file.name, bytes };
      const wb = await engine.readWorkbook(input);
      // Only the typed input is read from it (engine.openResult); its bytes are kept as they are.
      await engine.openResult(input);
      original = bytes;
      opened = new Map(wb.sheets.map((s) => [s.name, s]));
      for (const name of opened.keys()) sheets.delete(name);
      return [...opened.keys()];
    },
  };
}

/** A sheet read from an earlier result, written back as plain values (all text safe). */
function gridToModel(g: SheetGrid): SheetModel {
  const width = g.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 1);
  const rows = g.rows.map((r) =>
    Array.from({ length: width }, (_, c) => {
      const cell = r?.[c];
      if (!cell) return null;
      if (cell.t === 'n' || cell.t === 'b') return cell.v;
      if (cell.t === 'd') return { date: cell.v };
      return cell.v;
    }),
  );
  // No header semantics are known: the first row becomes the header row.
  const [head = [], ...body] = rows;
  return { name: g.name, columns: head.map((h, i) => ({ header: h === null ? `列${i + 1}` : String(h) })), rows: body };
}

export function downloadBytes(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

