/**
 * A faithful in-memory fake of the Excel JavaScript API subset Zhendi uses, because Excel does
 * not run here. What it models, as Excel does:
 * - proxy objects: scalar properties throw `PropertyNotLoaded` until `load()` *and* `sync()`;
 *   `*OrNullObject` results expose `isNullObject` only after a sync;
 * - commands are queued and applied in order at `sync()`; the first failing command rejects the
 *   sync and drops the rest of the request;
 * - request size: the UTF-8 JSON size of the queued payloads; a sync above 5 MB (request or
 *   response) fails like Excel on the web (`RequestPayloadSizeLimitExceeded`);
 * - requirement sets: calling an API above the configured ExcelApi version throws `ApiNotFound`;
 * - cell input: a string written to a cell whose number format is not Text (`@`) is parsed like
 *   typed input: `=…`, `+x`, `-x`, `@x` become formulas, numbers and ISO dates become numbers, a
 *   leading apostrophe is stripped; with `@` the text is stored verbatim — except through
 *   `formulas`, which drops a leading apostrophe even there (OfficeDev/office-js#6687);
 * - protected sheets refuse every change (AccessDenied); a hidden sheet cannot be activated;
 * - getMergedAreasOrNullObject reports areas whose top-left cell is in the range and fails
 *   above 512 of them;
 * - tables: names unique in the workbook, no overlap, no merged cells; value arrays must match
 *   the range's dimensions.
 * Counters: syncs, bytes of every request, the largest request and response.
 *
 * Reusable by the benchmark: `measureWrite(model)` → `{ syncs, maxRequestBytes }`.
 */
import type { WorkbookModel } from '../../src/core/report/model';
import { a1, parseA1 } from '../../src/core/grid';
import { writeWorkbookModel, type WriteStats } from '../../src/excel/write';
import { detectCaps } from '../../src/excel/requirements';

export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** getMergedAreasOrNullObject fails above this many areas in the range. */
export const MAX_MERGED_AREAS = 512;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

// ---------------------------------------------------------------------------------------------
// State

export interface FakeCell {
  v: string | number | boolean | null;
  f?: string;
  error?: string;
  nf?: string;
  fill?: string;
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  wrap?: boolean;
  hAlign?: string;
  hyperlink?: Excel.RangeHyperlink;
  underline?: string;
}

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface TableState {
  name: string;
  sheet: SheetState;
  rect: Rect;
  style?: string;
}
export interface ChartState {
  name: string;
  type: string;
  source: Rect;
  seriesBy: string;
  title?: string;
  legendVisible?: boolean;
  xValues?: Rect;
  reversePlotOrder?: boolean;
  position?: string;
  width?: number;
  height?: number;
}
export interface CfState {
  rect: Rect;
  type: string;
  fill?: string;
  font?: string;
  rule?: Excel.ConditionalCellValueRule;
}
export interface DvState {
  rect: Rect;
  rule?: Excel.DataValidationRule;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
}

export class SheetState {
  cells = new Map<string, FakeCell>();
  merges: Rect[] = [];
  charts: ChartState[] = [];
  conditionalFormats: CfState[] = [];
  validations: DvState[] = [];
  notes: { address: string; content: string }[] = [];
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  freeze: { rows: number; cols: number } | null = null;
  pageLayout: { orientation?: string; paperSize?: string; printTitleRows?: string; zoom?: Excel.PageLayoutZoomOptions } = {};
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Worksheet protection: Excel refuses every change to the sheet's cells and objects. */
  protected = false;
  constructor(public name: string) {}

  cell(r: number, c: number, create = false): FakeCell | undefined {
    const k = `${r},${c}`;
    let cell = this.cells.get(k);
    if (!cell && create) {
      cell = { v: null };
      this.cells.set(k, cell);
    }
    return cell;
  }
}

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  active: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  private chartSeq = 0;
  private tableSeq = 0;

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  nextChartName(): string {
    return `Chart ${++this.chartSeq}`;
  }
  nextTableName(): string {
    return `Table${++this.tableSeq}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function utf8(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

function rectAddress(r: Rect): string {
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${a1(0, r.c0).replace(/\d+$/, '')}:${a1(0, r.c1).replace(/\d+$/, '')}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a1(r.r0, r.c0) : `${a1(r.r0, r.c0)}:${a1(r.r1, r.c1)}`;
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Parses `A1`, `A1:C3`, `A:C`, `3:5` (with optional `Sheet!` and `$`). */
export function parseAddress(address: string): Rect {
  const a = address.replace(/^.*!/, '').replace(/\$/g, '').trim();
  const [p, q = p] = a.split(':') as [string, string?];
  if (/^[A-Z]+$/i.test(p) && /^[A-Z]+$/i.test(q!)) return { r0: 0, r1: MAX_ROWS - 1, c0: colIndex(p), c1: colIndex(q!) };
  if (/^\d+$/.test(p) && /^\d+$/.test(q!)) return { r0: Number(p) - 1, r1: Number(q) - 1, c0: 0, c1: MAX_COLS - 1 };
  const s = parseA1(p);
  const e = parseA1(q!);
  if (!s || !e) throw new FakeExcelError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
  return { r0: Math.min(s.row, e.row), c0: Math.min(s.col, e.col), r1: Math.max(s.row, e.row), c1: Math.max(s.col, e.col) };
}

function rectSize(r: Rect): number {
  return (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
}

const EPOCH = Date.UTC(1899, 11, 30);

function isNumeric(s: string): boolean {
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?%?$/.test(s.trim()) || /^[+-]?\.\d+$/.test(s.trim());
}

/** Typed input semantics (what Excel does with a string written to a non-Text cell). */
function writeInput(cell: FakeCell, input: unknown): void {
  if (input === null || input === undefined) return; // null leaves the cell unchanged
  delete cell.f;
  delete cell.error;
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.v = input;
    return;
  }
  const s = String(input);
  if (s === '') {
    cell.v = null;
    return;
  }
  if (cell.nf === '@') {
    cell.v = s;
    return;
  }
  if (s.startsWith("'")) {
    cell.v = s.slice(1);
    return;
  }
  if (s.length > 1 && (s.startsWith('=') || (/^[+\-@]/.test(s) && !isNumeric(s)))) {
    cell.f = s.startsWith('=') ? s : `=${s}`;
    cell.v = null;
    return;
  }
  if (isNumeric(s)) {
    const pct = s.trim().endsWith('%');
    const n = Number(s.trim().replace(/,/g, '').replace(/%$/, ''));
    cell.v = pct ? n / 100 : n;
    return;
  }
  if (/^(true|false)$/i.test(s)) {
    cell.v = s.toLowerCase() === 'true';
    return;
  }
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s.trim());
  if (d) {
    cell.v = Math.round((Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - EPOCH) / 86400000);
    if (!cell.nf || cell.nf === 'General') cell.nf = 'yyyy-mm-dd';
    return;
  }
  cell.v = s;
}

function cellValue(cell: FakeCell | undefined): string | number | boolean {
  if (!cell) return '';
  if (cell.error) return cell.error;
  if (cell.f) return cell.v ?? 0;
  return cell.v ?? '';
}

function cellType(cell: FakeCell | undefined): string {
  if (!cell) return 'Empty';
  if (cell.error) return 'Error';
  const v = cell.f ? (cell.v ?? 0) : cell.v;
  if (v === null || v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

/** Commands Excel allows on a protected sheet (they change nothing on it). */
const ALLOWED_ON_PROTECTED = new Set(['activate', 'select', 'visibility']);

const SET_VERSION: Record<string, string> = {
  getItemOrNullObject: '1.4',
  getUsedRangeOrNullObject: '1.4',
  conditionalFormats: '1.6',
  suspendApiCalculationUntilNextSync: '1.6',
  getRangeByIndexes: '1.7',
  freezePanes: '1.7',
  hyperlink: '1.7',
  setXAxisValues: '1.7',
  reversePlotOrder: '1.7',
  dataValidation: '1.8',
  pageLayout: '1.9',
  getRanges: '1.9',
  getMergedAreasOrNullObject: '1.13',
  valuesAsJson: '1.16',
  notes: '1.18',
};

function versionLe(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 2; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Request context

interface Op {
  bytes: number;
  apply: () => void;
}

export class FakeContext {
  private queue: Op[] = [];
  readonly workbook: FWorkbook;
  constructor(readonly fake: FakeExcel) {
    this.workbook = new FWorkbook(this);
  }

  /** Queues a command; `payload` is what Office.js would serialise for it. */
  enqueue(payload: unknown, apply: () => void): void {
    const op = (payload as { op?: string } | null)?.op;
    if (op) this.fake.opCounts.set(op, (this.fake.opCounts.get(op) ?? 0) + 1);
    this.queue.push({ bytes: utf8(JSON.stringify(payload) ?? ''), apply });
  }

  requireSet(api: string): void {
    const v = SET_VERSION[api];
    if (v && !versionLe(v, this.fake.apiVersion)) throw new FakeExcelError('ApiNotFound', `${api} needs ExcelApi ${v}; this host supports ${this.fake.apiVersion}`);
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const bytes = ops.reduce((n, o) => n + o.bytes, 0);
    this.fake.syncs++;
    this.fake.requests.push(bytes);
    this.fake.maxRequestBytes = Math.max(this.fake.maxRequestBytes, bytes);
    if (bytes > this.fake.limitBytes) throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit.`);
    this.fake.responseBytes = 0;
    for (const op of ops) op.apply();
    this.fake.maxResponseBytes = Math.max(this.fake.maxResponseBytes, this.fake.responseBytes);
    if (this.fake.responseBytes > this.fake.limitBytes) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `The response payload size (${this.fake.responseBytes} bytes) has exceeded the limit.`);
    await Promise.resolve();
  }

}

// ---------------------------------------------------------------------------------------------
// Proxy base

type Resolver<T> = () => T | null;

abstract class FObject<T> {
  private loadedProps = new Map<string, unknown>();
  private target: T | null | undefined = undefined;
  private nullChecked: boolean | undefined;
  constructor(
    readonly context: FakeContext,
    readonly path: string,
    private readonly resolver: Resolver<T>,
    orNull = false,
  ) {
    if (orNull) {
      context.enqueue({ path, op: 'instantiate' }, () => {
        this.nullChecked = this.resolveOrNull() === null;
      });
    }
  }

  /** Client-side only in Office.js (drops the tracking of a Range); nothing to do here. */
  untrack(): this {
    return this;
  }

  /** How a proxy appears inside a serialised request (its object path). */
  toJSON(): unknown {
    return { path: this.path };
  }

  /** Names that `load` accepts. */
  protected abstract loadable(): readonly string[];
  protected abstract read(target: T, prop: string): unknown;

  protected resolveOrNull(): T | null {
    if (this.target === undefined) this.target = this.resolver();
    return this.target;
  }

  /** The bound state object; throws like Excel when the object does not exist. */
  resolve(): T {
    const t = this.resolveOrNull();
    if (t === null) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: ${this.path}`);
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullChecked === undefined) {
      if (this.loadedProps.size > 0) return false;
      throw new FakeExcelError('PropertyNotLoaded', `The property 'isNullObject' is not available until context.sync() (${this.path}).`);
    }
    return this.nullChecked;
  }

  load(spec?: string | string[] | { select?: string }): this {
    let names: string[];
    if (spec === undefined) names = [...this.loadable()];
    else if (typeof spec === 'string') names = spec.split(',');
    else if (Array.isArray(spec)) names = spec;
    else names = (spec.select ?? '').split(',');
    names = names.map((n) => n.trim()).filter(Boolean);
    for (const n of names) {
      if (!this.loadable().includes(n)) throw new FakeExcelError('InvalidArgument', `fake: cannot load '${n}' on ${this.path}`);
      if (n === 'valuesAsJson') this.context.requireSet('valuesAsJson');
    }
    this.context.enqueue({ path: this.path, op: 'load', names }, () => {
      const t = this.resolveOrNull();
      if (t === null) {
        this.nullChecked = true;
        return;
      }
      this.nullChecked = false;
      for (const n of names) {
        const v = this.read(t, n);
        this.context.fake.responseBytes += utf8(JSON.stringify(v) ?? '');
        this.loadedProps.set(n, v);
      }
    });
    return this;
  }

  protected prop<V>(name: string): V {
    if (!this.loadedProps.has(name)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context. (${this.path})`,
      );
    }
    return this.loadedProps.get(name) as V;
  }

  /** For collections: items created at load time carry their own loaded props. */
  protected preload(name: string, value: unknown): void {
    this.loadedProps.set(name, value);
    this.nullChecked = false;
  }

  /** Queues a command applied to the bound state object at sync. */
  command(op: string, args: unknown, apply: (t: T) => void): void {
    this.context.enqueue({ path: this.path, op, args }, () => {
      const t = this.resolve();
      const sheet = t instanceof SheetState ? t : (t as { sheet?: unknown }).sheet;
      if (sheet instanceof SheetState && sheet.protected && !ALLOWED_ON_PROTECTED.has(op)) {
        throw new FakeExcelError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${sheet.name}: ${op}).`);
      }
      apply(t);
    });
  }

  static preloadInto(o: FObject<unknown>, name: string, value: unknown): void {
    o.preload(name, value);
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, worksheets

export class FWorkbook {
  readonly worksheets: FWorksheetCollection;
  readonly tables: FWorkbookTables;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };
  constructor(readonly context: FakeContext) {
    this.worksheets = new FWorksheetCollection(context);
    this.tables = new FWorkbookTables(context);
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        context.requireSet('suspendApiCalculationUntilNextSync');
        context.enqueue({ path: 'application', op: 'suspendApiCalculationUntilNextSync' }, () => {
          context.fake.calcSuspensions++;
        });
      },
    };
  }
}

class FWorkbookTables extends FObject<WorkbookState> {
  constructor(ctx: FakeContext) {
    super(ctx, 'tables', () => ctx.fake.state);
  }
  protected loadable(): readonly string[] {
    return ['items/name', 'count'];
  }
  protected read(t: WorkbookState, prop: string): unknown {
    if (prop === 'count') return t.tables.length;
    return t.tables.map((x) => {
      const ft = new FTable(this.context, `table(${x.name})`, () => (t.tables.includes(x) ? x : null));
      FObject.preloadInto(ft as FObject<unknown>, 'name', x.name);
      return ft;
    });
  }
  get items(): FTable[] {
    return this.prop('items/name');
  }
}

class FWorksheetCollection extends FObject<WorkbookState> {
  constructor(ctx: FakeContext) {
    super(ctx, 'worksheets', () => ctx.fake.state);
  }
  protected loadable(): readonly string[] {
    return ['items/name', 'items', 'count'];
  }
  protected read(t: WorkbookState, prop: string): unknown {
    if (prop === 'count') return t.sheets.length;
    return t.sheets.map((s) => {
      const ws = new FWorksheet(this.context, `ws(${s.name})`, () => s);
      FObject.preloadInto(ws as FObject<unknown>, 'name', s.name);
      return ws;
    });
  }
  get items(): FWorksheet[] {
    try {
      return this.prop<FWorksheet[]>('items/name');
    } catch {
      return this.prop<FWorksheet[]>('items');
    }
  }
  getItem(name: string): FWorksheet {
    return new FWorksheet(this.context, `ws(${name})`, () => this.context.fake.state.sheet(name) ?? null);
  }
  getItemOrNullObject(name: string): FWorksheet {
    this.context.requireSet('getItemOrNullObject');
    return new FWorksheet(this.context, `ws?(${name})`, () => this.context.fake.state.sheet(name) ?? null, true);
  }
  add(name: string): FWorksheet {
    let created: SheetState | null = null;
    this.context.enqueue({ path: 'worksheets', op: 'add', args: [name] }, () => {
      const st = this.context.fake.state;
      if (st.sheet(name)) throw new FakeExcelError('ItemAlreadyExists', `A sheet named ${name} already exists.`);
      if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new FakeExcelError('InvalidArgument', `Invalid sheet name ${name}`);
      created = new SheetState(name);
      st.sheets.push(created);
    });
    return new FWorksheet(this.context, `ws+(${name})`, () => created);
  }
}

export class FWorksheet extends FObject<SheetState> {
  protected loadable(): readonly string[] {
    return ['name', 'position', 'visibility'];
  }
  protected read(t: SheetState, prop: string): unknown {
    if (prop === 'name') return t.name;
    if (prop === 'position') return this.context.fake.state.sheets.indexOf(t);
    return t.visibility;
  }
  get name(): string {
    return this.prop<string>('name');
  }
  get position(): number {
    return this.prop<number>('position');
  }
  get visibility(): string {
    return this.prop<string>('visibility');
  }
  private sheetRange(path: string, rect: () => Rect | null): FRange {
    return new FRange(this.context, `${this.path}.${path}`, () => {
      const r = rect();
      return r ? { sheet: this.resolve(), rect: r } : null;
    });
  }
  getRange(address?: string): FRange {
    const rect = address ? parseAddress(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
    return this.sheetRange(`range(${address ?? ''})`, () => rect);
  }
  /** RangeAreas (`A1:A3,C5`): formats apply to every area. */
  getRanges(address: string): FRange {
    this.context.requireSet('getRanges');
    const rects = address.split(',').map((a) => parseAddress(a));
    return new FAreas(this.context, `${this.path}.ranges(${address})`, () => this.resolve(), rects);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FRange {
    this.context.requireSet('getRangeByIndexes');
    if (rows < 1 || cols < 1) throw new FakeExcelError('InvalidArgument', 'getRangeByIndexes: empty range');
    return this.sheetRange(`rangeByIndexes(${row},${col},${rows},${cols})`, () => ({ r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FRange {
    this.context.requireSet('getUsedRangeOrNullObject');
    return new FRange(
      this.context,
      `${this.path}.usedRange(${valuesOnly})`,
      () => {
        const sheet = this.resolve();
        let r: Rect | null = null;
        for (const [k, cell] of sheet.cells) {
          const hasValue = cell.v !== null || cell.f !== undefined || cell.error !== undefined;
          const hasFormat = cell.nf !== undefined || cell.fill !== undefined || cell.bold !== undefined || cell.hyperlink !== undefined;
          if (!hasValue && (valuesOnly || !hasFormat)) continue;
          const [rs, cs] = k.split(',');
          const row = Number(rs);
          const col = Number(cs);
          if (!r) r = { r0: row, r1: row, c0: col, c1: col };
          else {
            r.r0 = Math.min(r.r0, row);
            r.r1 = Math.max(r.r1, row);
            r.c0 = Math.min(r.c0, col);
            r.c1 = Math.max(r.c1, col);
          }
        }
        return r ? { sheet, rect: r } : null;
      },
      true,
    );
  }
  activate(): void {
    this.command('activate', [], (t) => {
      if (t.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', `Cannot activate the hidden sheet ${t.name}.`);
      this.context.fake.state.active = t.name;
    });
  }
  set visibility(v: string) {
    this.command('visibility', v, (t) => {
      t.visibility = v as SheetState['visibility'];
    });
  }
  private prot?: FProtection;
  get protection(): FProtection {
    return (this.prot ??= new FProtection(this.context, `${this.path}.protection`, () => this.resolve()));
  }
  delete(): void {
    this.command('delete', [], (t) => {
      const st = this.context.fake.state;
      st.sheets = st.sheets.filter((s) => s !== t);
      st.tables = st.tables.filter((x) => x.sheet !== t);
    });
  }
  private nav: { tables?: FTableCollection; charts?: FChartCollection; freeze?: FFreezePanes; page?: FPageLayout } = {};
  get tables(): FTableCollection {
    return (this.nav.tables ??= new FTableCollection(this.context, `${this.path}.tables`, () => this.resolve()));
  }
  get charts(): FChartCollection {
    return (this.nav.charts ??= new FChartCollection(this.context, `${this.path}.charts`, () => this.resolve()));
  }
  get freezePanes(): FFreezePanes {
    this.context.requireSet('freezePanes');
    return (this.nav.freeze ??= new FFreezePanes(this));
  }
  get pageLayout(): FPageLayout {
    this.context.requireSet('pageLayout');
    return (this.nav.page ??= new FPageLayout(this));
  }
  private noteColl?: FNoteCollection;
  get notes(): FNoteCollection {
    this.context.requireSet('notes');
    return (this.noteColl ??= new FNoteCollection(this.context, `${this.path}.notes`, () => this.resolve()));
  }
}

class FProtection extends FObject<SheetState> {
  protected loadable(): readonly string[] {
    return ['protected'];
  }
  protected read(t: SheetState): unknown {
    return t.protected;
  }
  get protected(): boolean {
    return this.prop('protected');
  }
}

class FNoteCollection extends FObject<SheetState> {
  protected loadable(): readonly string[] {
    return ['items/content', 'count'];
  }
  protected read(t: SheetState, prop: string): unknown {
    if (prop === 'count') return t.notes.length;
    return t.notes.map((n) => {
      const fn = new FNote(this.context, `note(${n.address})`, () => (t.notes.includes(n) ? { sheet: t, note: n } : null));
      FObject.preloadInto(fn as FObject<unknown>, 'content', n.content);
      return fn;
    });
  }
  get items(): FNote[] {
    return this.prop('items/content');
  }
  add(cell: string | FRange, content: string): FNote {
    const address = typeof cell === 'string' ? cell : cell.path;
    let created: { sheet: SheetState; note: { address: string; content: string } } | null = null;
    this.command('notes.add', [address, content], (t) => {
      const rect = parseAddress(address);
      if (rectSize(rect) !== 1) throw new FakeExcelError('InvalidCellAddress', `Not a single cell: ${address}`);
      if (t.notes.some((n) => n.address === address)) throw new FakeExcelError('InvalidArgument', `A note already exists at ${address}`);
      const note = { address, content };
      t.notes.push(note);
      created = { sheet: t, note };
    });
    return new FNote(this.context, `${this.path}.added`, () => created);
  }
}

class FNote extends FObject<{ sheet: SheetState; note: { address: string; content: string } }> {
  protected loadable(): readonly string[] {
    return ['content'];
  }
  protected read(t: { note: { content: string } }): unknown {
    return t.note.content;
  }
  get content(): string {
    return this.prop('content');
  }
  delete(): void {
    this.command('note.delete', [], (t) => {
      t.sheet.notes = t.sheet.notes.filter((n) => n !== t.note);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

export class FRange extends FObject<RangeTarget> {
  protected loadable(): readonly string[] {
    return ['values', 'valueTypes', 'valuesAsJson', 'numberFormat', 'formulas', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];
  }
  protected read(t: RangeTarget, prop: string): unknown {
    const { sheet, rect } = t;
    switch (prop) {
      case 'address':
        return `${sheet.name}!${rectAddress(rect)}`;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
    }
    if (rectSize(rect) > 5_000_000) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `fake: reading ${prop} of a huge range`);
    const out: unknown[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: unknown[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) {
        const cell = sheet.cell(r, c);
        switch (prop) {
          case 'values':
            row.push(cellValue(cell));
            break;
          case 'valueTypes':
            row.push(cellType(cell));
            break;
          case 'numberFormat':
            row.push(cell?.nf ?? 'General');
            break;
          case 'formulas':
            row.push(cell?.f ?? cellValue(cell));
            break;
          case 'valuesAsJson': {
            const type = cellType(cell);
            const v = cellValue(cell);
            if (type === 'Error') row.push({ type: 'Error', basicType: 'Error', basicValue: v, errorType: String(v).replace(/[#!?/]/g, '') });
            else if (type === 'Empty') row.push({ type: 'Empty', basicType: 'Empty', basicValue: '' });
            else row.push({ type, basicType: type, basicValue: v });
            break;
          }
        }
      }
      out.push(row);
    }
    return out;
  }
  get values(): unknown[][] {
    return this.prop('values');
  }
  get valueTypes(): string[][] {
    return this.prop('valueTypes');
  }
  get valuesAsJson(): unknown[][] {
    return this.prop('valuesAsJson');
  }
  get numberFormat(): unknown[][] {
    return this.prop('numberFormat');
  }
  get formulas(): unknown[][] {
    return this.prop('formulas');
  }
  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }

  private setGrid(prop: string, grid: unknown, each: (cell: FakeCell, v: unknown) => void): void {
    this.command(`set ${prop}`, grid, (t) => {
      const rows = t.rect.r1 - t.rect.r0 + 1;
      const cols = t.rect.c1 - t.rect.c0 + 1;
      if (!Array.isArray(grid)) {
        if (rows * cols > 1_000_000) throw new FakeExcelError('InvalidArgument', 'fake: scalar write to a huge range');
        for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) each(t.sheet.cell(r, c, true)!, grid);
        return;
      }
      if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new FakeExcelError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop}: ${rows}×${cols}).`);
      }
      grid.forEach((row: unknown[], i) => row.forEach((v, j) => each(t.sheet.cell(t.rect.r0 + i, t.rect.c0 + j, true)!, v)));
    });
  }
  set values(grid: unknown) {
    this.setGrid('values', grid, writeInput);
  }
  set formulas(grid: unknown) {
    // Excel takes `formulas` as typed input even in a Text cell: a leading apostrophe is the
    // "text" prefix and is dropped (OfficeDev/office-js#6687).
    this.setGrid('formulas', grid, (cell, v) => writeInput(cell, typeof v === 'string' && v.startsWith("'") && cell.nf === '@' ? v.slice(1) : v));
  }
  set numberFormat(grid: unknown) {
    this.setGrid('numberFormat', grid, (cell, v) => {
      if (v !== null && v !== undefined) cell.nf = String(v);
    });
  }
  /** Whole columns only, as Excel requires (ExcelApi 1.2). */
  set columnHidden(h: boolean) {
    this.command('columnHidden', h, (t) => {
      if (t.rect.r0 !== 0 || t.rect.r1 < MAX_ROWS - 1) throw new FakeExcelError('InvalidArgument', 'fake: columnHidden on a range that is not whole columns');
      for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        if (h) t.sheet.hiddenColumns.add(c);
        else t.sheet.hiddenColumns.delete(c);
      }
    });
  }
  set hyperlink(h: Excel.RangeHyperlink) {
    this.context.requireSet('hyperlink');
    this.command('set hyperlink', h, (t) => {
      if (rectSize(t.rect) !== 1) throw new FakeExcelError('InvalidArgument', 'fake: hyperlink on a multi-cell range');
      const cell = t.sheet.cell(t.rect.r0, t.rect.c0, true)!;
      cell.hyperlink = h;
      if (h.textToDisplay !== undefined && cell.v === null && !cell.f) cell.v = h.textToDisplay;
    });
  }
  get format(): FRangeFormat {
    return new FRangeFormat(this);
  }
  get conditionalFormats(): FConditionalFormats {
    this.context.requireSet('conditionalFormats');
    return new FConditionalFormats(this);
  }
  get dataValidation(): FDataValidation {
    this.context.requireSet('dataValidation');
    return new FDataValidation(this);
  }
  /** Applies `fn` to each existing-or-created cell; refuses ranges Excel would make huge. */
  eachCell(op: string, args: unknown, fn: (cell: FakeCell, t: RangeTarget) => void): void {
    this.command(op, args, (t) => {
      if (rectSize(t.rect) > 2_000_000) throw new FakeExcelError('InvalidArgument', `fake: ${op} on a huge range`);
      for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) fn(t.sheet.cell(r, c, true)!, t);
    });
  }
  merge(across = false): void {
    this.command('merge', [across], (t) => {
      if (t.sheet.merges.some((m) => rectsOverlap(m, t.rect))) throw new FakeExcelError('InvalidOperation', 'Cannot merge over a merged range');
      if (this.context.fake.state.tables.some((x) => x.sheet === t.sheet && rectsOverlap(x.rect, t.rect))) throw new FakeExcelError('InvalidOperation', 'Cannot merge cells in a table');
      if (across) for (let r = t.rect.r0; r <= t.rect.r1; r++) t.sheet.merges.push({ ...t.rect, r0: r, r1: r });
      else t.sheet.merges.push({ ...t.rect });
    });
  }
  unmerge(): void {
    this.command('unmerge', [], (t) => {
      t.sheet.merges = t.sheet.merges.filter((m) => !rectsOverlap(m, t.rect));
    });
  }
  clear(applyTo: string = 'All'): void {
    this.command('clear', [applyTo], (t) => {
      for (const [k, cell] of [...t.sheet.cells]) {
        const [rs, cs] = k.split(',');
        const r = Number(rs);
        const c = Number(cs);
        if (r < t.rect.r0 || r > t.rect.r1 || c < t.rect.c0 || c > t.rect.c1) continue;
        if (applyTo === 'All') t.sheet.cells.delete(k);
        else if (applyTo === 'Contents') {
          cell.v = null;
          delete cell.f;
          delete cell.error;
        } else if (applyTo === 'Formats') {
          delete cell.nf;
          delete cell.fill;
          delete cell.bold;
          delete cell.wrap;
        }
      }
      if (applyTo === 'All' || applyTo === 'Formats') t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((f) => !rectsOverlap(f.rect, t.rect));
    });
  }
  select(): void {
    this.command('select', [], (t) => {
      const st = this.context.fake.state;
      if (st.active !== t.sheet.name) throw new FakeExcelError('InvalidSelection', 'Cannot select a range on an inactive sheet');
      st.selection = { sheet: t.sheet.name, address: rectAddress(t.rect) };
    });
  }
  /** Row `i` of this range (Office.js itself uses it to split large value arrays). */
  getRow(i: number): FRange {
    return new FRange(this.context, `${this.path}.row(${i})`, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: { r0: t.rect.r0 + i, r1: t.rect.r0 + i, c0: t.rect.c0, c1: t.rect.c1 } };
    });
  }
  getBoundingRect(other: FRange): FRange {
    return new FRange(this.context, `${this.path}.bounding`, () => {
      const a = this.resolve();
      const b = other.resolve();
      return { sheet: a.sheet, rect: { r0: Math.min(a.rect.r0, b.rect.r0), c0: Math.min(a.rect.c0, b.rect.c0), r1: Math.max(a.rect.r1, b.rect.r1), c1: Math.max(a.rect.c1, b.rect.c1) } };
    });
  }
  getMergedAreasOrNullObject(): FRangeAreas {
    this.context.requireSet('getMergedAreasOrNullObject');
    return new FRangeAreas(
      this.context,
      `${this.path}.mergedAreas`,
      () => {
        const t = this.resolve();
        // Like Excel: only areas whose top-left cell is in the range (OfficeDev/office-js#3611),
        // and no answer at all above 512 areas (the method's documented limit).
        const areas = t.sheet.merges.filter((m) => m.r0 >= t.rect.r0 && m.r0 <= t.rect.r1 && m.c0 >= t.rect.c0 && m.c0 <= t.rect.c1);
        if (areas.length > MAX_MERGED_AREAS) throw new FakeExcelError('GeneralException', `getMergedAreasOrNullObject: ${areas.length} merged areas (more than ${MAX_MERGED_AREAS})`);
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
      true,
    );
  }
}

class FAreas extends FRange {
  constructor(
    ctx: FakeContext,
    path: string,
    sheetOf: () => SheetState,
    private readonly rects: Rect[],
  ) {
    super(ctx, path, () => ({ sheet: sheetOf(), rect: rects[0]! }));
  }
  override eachCell(op: string, args: unknown, fn: (cell: FakeCell, t: RangeTarget) => void): void {
    this.command(op, args, (t) => {
      for (const rect of this.rects) {
        if (rectSize(rect) > 2_000_000) throw new FakeExcelError('InvalidArgument', `fake: ${op} on a huge range`);
        for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) fn(t.sheet.cell(r, c, true)!, { sheet: t.sheet, rect });
      }
    });
  }
}

class FRangeAreas extends FObject<{ sheet: SheetState; areas: Rect[] }> {
  protected loadable(): readonly string[] {
    return ['address', 'areaCount'];
  }
  protected read(t: { sheet: SheetState; areas: Rect[] }, prop: string): unknown {
    if (prop === 'areaCount') return t.areas.length;
    return t.areas.map((a) => `${t.sheet.name}!${rectAddress(a)}`).join(',');
  }
  get address(): string {
    return this.prop('address');
  }
}

class FRangeFormat {
  constructor(private readonly range: FRange) {}
  get fill() {
    const range = this.range;
    return {
      set color(c: string) {
        range.eachCell('format.fill.color', c, (cell) => {
          cell.fill = c.toUpperCase();
        });
      },
      clear() {
        range.eachCell('format.fill.clear', [], (cell) => {
          delete cell.fill;
        });
      },
    };
  }
  get font() {
    const range = this.range;
    return {
      set bold(b: boolean) {
        range.eachCell('format.font.bold', b, (cell) => {
          cell.bold = b;
        });
      },
      set size(s: number) {
        range.eachCell('format.font.size', s, (cell) => {
          cell.fontSize = s;
        });
      },
      set color(c: string) {
        range.eachCell('format.font.color', c, (cell) => {
          cell.fontColor = c;
        });
      },
      set underline(u: string) {
        range.eachCell('format.font.underline', u, (cell) => {
          cell.underline = u;
        });
      },
    };
  }
  set wrapText(w: boolean) {
    this.range.eachCell('format.wrapText', w, (cell) => {
      cell.wrap = w;
    });
  }
  set horizontalAlignment(a: string) {
    this.range.eachCell('format.horizontalAlignment', a, (cell) => {
      cell.hAlign = a;
    });
  }
  set columnWidth(w: number) {
    this.range.command('format.columnWidth', w, (t: RangeTarget) => {
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, w);
    });
  }
}

class FConditionalFormats {
  constructor(private readonly range: FRange) {}
  private cmd(op: string, args: unknown, fn: (t: RangeTarget) => void): void {
    this.range.command(op, args, fn);
  }
  add(type: string) {
    let state: CfState | null = null;
    this.cmd('conditionalFormats.add', [type], (t) => {
      state = { rect: { ...t.rect }, type };
      t.sheet.conditionalFormats.push(state);
    });
    const cmd = this.cmd.bind(this);
    const get = () => {
      if (!state) throw new FakeExcelError('InvalidOperation', 'conditional format not created');
      return state;
    };
    return {
      cellValue: {
        format: {
          fill: {
            set color(c: string) {
              cmd('cf.fill', c, () => {
                get().fill = c;
              });
            },
          },
          font: {
            set color(c: string) {
              cmd('cf.font', c, () => {
                get().font = c;
              });
            },
          },
        },
        set rule(r: Excel.ConditionalCellValueRule) {
          cmd('cf.rule', r, () => {
            if (type !== 'CellValue') throw new FakeExcelError('InvalidOperation', 'not a CellValue format');
            get().rule = r;
          });
        },
      },
    };
  }
  clearAll(): void {
    this.cmd('conditionalFormats.clearAll', [], (t) => {
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((f) => !rectsOverlap(f.rect, t.rect));
    });
  }
}

class FDataValidation {
  constructor(private readonly range: FRange) {}
  private cmd(op: string, args: unknown, fn: (dv: DvState, t: RangeTarget) => void): void {
    this.range.command(op, args, (t) => {
      let dv = t.sheet.validations.find((v) => v.rect.r0 === t.rect.r0 && v.rect.r1 === t.rect.r1 && v.rect.c0 === t.rect.c0 && v.rect.c1 === t.rect.c1);
      if (!dv) {
        if (t.sheet.validations.some((v) => rectsOverlap(v.rect, t.rect)) && op === 'dataValidation.rule') {
          throw new FakeExcelError('InvalidOperation', 'The range already has a different data validation rule; clear it first.');
        }
        dv = { rect: { ...t.rect } };
        t.sheet.validations.push(dv);
      }
      fn(dv, t);
    });
  }
  set rule(r: Excel.DataValidationRule) {
    this.cmd('dataValidation.rule', r, (dv) => {
      const list = r.list;
      if (list && typeof list.source === 'string' && list.source.length > 255) throw new FakeExcelError('InvalidArgument', 'list source longer than 255');
      dv.rule = r;
    });
  }
  set prompt(p: Excel.DataValidationPrompt) {
    this.cmd('dataValidation.prompt', p, (dv) => {
      if ((p.message ?? '').length > 255) throw new FakeExcelError('InvalidArgument', 'prompt longer than 255');
      dv.prompt = p;
    });
  }
  set errorAlert(e: Excel.DataValidationErrorAlert) {
    this.cmd('dataValidation.errorAlert', e, (dv) => {
      dv.errorAlert = e;
    });
  }
  clear(): void {
    this.range.command('dataValidation.clear', [], (t) => {
      t.sheet.validations = t.sheet.validations.filter((v) => !rectsOverlap(v.rect, t.rect));
    });
  }
}

class FFreezePanes {
  constructor(private readonly ws: FWorksheet) {}
  private cmd(op: string, args: unknown, fn: (t: SheetState) => void): void {
    this.ws.command(op, args, fn);
  }
  freezeRows(n: number): void {
    this.cmd('freezeRows', [n], (t) => {
      t.freeze = { rows: n, cols: 0 };
    });
  }
  freezeColumns(n: number): void {
    this.cmd('freezeColumns', [n], (t) => {
      t.freeze = { rows: 0, cols: n };
    });
  }
  freezeAt(range: string | FRange): void {
    this.cmd('freezeAt', [typeof range === 'string' ? range : range.path], (t) => {
      const rect = typeof range === 'string' ? parseAddress(range) : range.resolve().rect;
      t.freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.cmd('unfreeze', [], (t) => {
      t.freeze = null;
    });
  }
}

class FPageLayout {
  constructor(private readonly ws: FWorksheet) {}
  private cmd(op: string, args: unknown, fn: (t: SheetState) => void): void {
    this.ws.command(op, args, fn);
  }
  set orientation(o: string) {
    this.cmd('pageLayout.orientation', o, (t) => {
      t.pageLayout.orientation = o;
    });
  }
  set paperSize(p: string) {
    this.cmd('pageLayout.paperSize', p, (t) => {
      t.pageLayout.paperSize = p;
    });
  }
  set zoom(z: Excel.PageLayoutZoomOptions) {
    this.cmd('pageLayout.zoom', z, (t) => {
      t.pageLayout.zoom = z;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.cmd('pageLayout.setPrintTitleRows', [rows], (t) => {
      if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeExcelError('InvalidArgument', `print title rows ${rows}`);
      t.pageLayout.printTitleRows = rows;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Tables and charts

class FTableCollection extends FObject<SheetState> {
  protected loadable(): readonly string[] {
    return ['items/name', 'count'];
  }
  protected read(t: SheetState, prop: string): unknown {
    const tables = this.context.fake.state.tables.filter((x) => x.sheet === t);
    if (prop === 'count') return tables.length;
    return tables.map((x) => {
      const ft = new FTable(this.context, `table(${x.name})`, () => (this.context.fake.state.tables.includes(x) ? x : null));
      FObject.preloadInto(ft as FObject<unknown>, 'name', x.name);
      return ft;
    });
  }
  get items(): FTable[] {
    return this.prop('items/name');
  }
  add(address: string | FRange, hasHeaders: boolean): FTable {
    let created: TableState | null = null;
    const addr = typeof address === 'string' ? address : null;
    this.command('tables.add', [addr ?? address.toString(), hasHeaders], (sheet) => {
      const st = this.context.fake.state;
      const rect = addr ? parseAddress(addr) : (address as FRange).resolve().rect;
      if (st.tables.some((x) => x.sheet === sheet && rectsOverlap(x.rect, rect))) throw new FakeExcelError('InvalidOperation', 'A table cannot overlap another table.');
      if (sheet.merges.some((m) => rectsOverlap(m, rect))) throw new FakeExcelError('InvalidOperation', 'A table cannot contain merged cells.');
      created = { name: st.nextTableName(), sheet, rect };
      st.tables.push(created);
    });
    return new FTable(this.context, `${this.path}.added`, () => created);
  }
}

class FTable extends FObject<TableState> {
  protected loadable(): readonly string[] {
    return ['name', 'style'];
  }
  protected read(t: TableState, prop: string): unknown {
    return prop === 'name' ? t.name : t.style;
  }
  get name(): string {
    return this.prop('name');
  }
  set name(n: string) {
    this.command('table.name', n, (t) => {
      if (!/^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(n) || /^[A-Za-z]{1,3}\d+$/.test(n)) throw new FakeExcelError('InvalidArgument', `Invalid table name ${n}`);
      if (this.context.fake.state.tables.some((x) => x !== t && x.name.toLowerCase() === n.toLowerCase())) throw new FakeExcelError('InvalidArgument', `A table named ${n} already exists.`);
      t.name = n;
    });
  }
  set style(s: string) {
    this.command('table.style', s, (t) => {
      t.style = s;
    });
  }
  delete(): void {
    this.command('table.delete', [], (t) => {
      const st = this.context.fake.state;
      st.tables = st.tables.filter((x) => x !== t);
      for (const k of [...t.sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1) t.sheet.cells.delete(k);
      }
    });
  }
}

class FChartCollection extends FObject<SheetState> {
  protected loadable(): readonly string[] {
    return ['items/name', 'count'];
  }
  protected read(t: SheetState, prop: string): unknown {
    if (prop === 'count') return t.charts.length;
    return t.charts.map((c) => {
      const fc = new FChart(this.context, `chart(${c.name})`, () => (t.charts.includes(c) ? { sheet: t, chart: c } : null));
      FObject.preloadInto(fc as FObject<unknown>, 'name', c.name);
      return fc;
    });
  }
  get items(): FChart[] {
    return this.prop('items/name');
  }
  add(type: string, source: FRange, seriesBy: string): FChart {
    let created: { sheet: SheetState; chart: ChartState } | null = null;
    this.command('charts.add', [type, source.path, seriesBy], (sheet) => {
      const src = source.resolve();
      const chart: ChartState = { name: this.context.fake.state.nextChartName(), type, source: src.rect, seriesBy };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return new FChart(this.context, `${this.path}.added`, () => created);
  }
}

class FChart extends FObject<{ sheet: SheetState; chart: ChartState }> {
  protected loadable(): readonly string[] {
    return ['name', 'width', 'height'];
  }
  protected read(t: { chart: ChartState }, prop: string): unknown {
    return (t.chart as unknown as Record<string, unknown>)[prop];
  }
  get name(): string {
    return this.prop('name');
  }
  set name(n: string) {
    this.command('chart.name', n, (t) => {
      t.chart.name = n;
    });
  }
  set width(w: number) {
    this.command('chart.width', w, (t) => {
      t.chart.width = w;
    });
  }
  set height(h: number) {
    this.command('chart.height', h, (t) => {
      t.chart.height = h;
    });
  }
  get title() {
    const self = { command: this.command.bind(this), context: this.context };
    return {
      set text(s: string) {
        self.command('chart.title.text', s, (t) => {
          t.chart.title = s;
        });
      },
    };
  }
  get legend() {
    const self = { command: this.command.bind(this), context: this.context };
    return {
      set visible(v: boolean) {
        self.command('chart.legend.visible', v, (t) => {
          t.chart.legendVisible = v;
        });
      },
    };
  }
  get axes() {
    const self = { command: this.command.bind(this), context: this.context };
    return {
      categoryAxis: {
        set reversePlotOrder(v: boolean) {
          self.context.requireSet('reversePlotOrder');
          self.command('chart.axes.categoryAxis.reversePlotOrder', v, (t) => {
            t.chart.reversePlotOrder = v;
          });
        },
      },
    };
  }
  get series() {
    const self = { command: this.command.bind(this), context: this.context };
    return {
      getItemAt(i: number) {
        return {
          setXAxisValues(range: FRange) {
            self.context.requireSet('setXAxisValues');
            self.command('chart.series.setXAxisValues', [i, range.path], (t) => {
              if (i !== 0) throw new FakeExcelError('ItemNotFound', `series ${i}`);
              t.chart.xValues = range.resolve().rect;
            });
          },
        };
      },
    };
  }
  setPosition(start: string | FRange, end?: string | FRange): void {
    this.command('chart.setPosition', [String(typeof start === 'string' ? start : start.path), end ? String(end) : null], (t) => {
      t.chart.position = typeof start === 'string' ? start : rectAddress(start.resolve().rect);
    });
  }
  delete(): void {
    this.command('chart.delete', [], (t) => {
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The fake host

export class FakeExcel {
  state = new WorkbookState();
  syncs = 0;
  requests: number[] = [];
  maxRequestBytes = 0;
  maxResponseBytes = 0;
  responseBytes = 0;
  calcSuspensions = 0;
  /** Commands queued, by name (e.g. `format.fill.color`). */
  opCounts = new Map<string, number>();
  constructor(
    /** Highest ExcelApi requirement set this "host" supports. */
    public apiVersion = '1.18',
    public limitBytes = EXCEL_WEB_PAYLOAD_LIMIT,
  ) {}

  /** Like Excel.run: a fresh request context on the shared workbook. */
  async run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new FakeContext(this);
    return fn(ctx as unknown as Excel.RequestContext);
  }

  requirements = {
    isSetSupported: (name: string, version?: string): boolean => name === 'ExcelApi' && versionLe(version ?? '1.1', this.apiVersion),
  };

  resetCounters(): void {
    this.syncs = 0;
    this.requests = [];
    this.maxRequestBytes = 0;
    this.maxResponseBytes = 0;
    this.calcSuspensions = 0;
  }

  // ---- test helpers (direct state access, no syncs) ----
  sheet(name: string): SheetState {
    const s = this.state.sheet(name);
    if (!s) throw new Error(`no sheet ${name}; have ${this.state.sheets.map((x) => x.name).join(', ')}`);
    return s;
  }
  addSheet(name: string, rows: unknown[][] = []): SheetState {
    const s = new SheetState(name);
    this.state.sheets.push(s);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        const cell = s.cell(r, c, true)!;
        if (typeof v === 'object' && v !== null && 'error' in v) cell.error = String((v as { error: string }).error);
        else if (typeof v === 'object' && v !== null && 'date' in v) {
          const d = (v as { date: string }).date;
          cell.v = Math.round((Date.parse(`${d}T00:00:00Z`) - EPOCH) / 86400000);
          cell.nf = (v as { nf?: string }).nf ?? 'yyyy/m/d';
        } else cell.v = v as string | number | boolean;
      }),
    );
    return s;
  }
  cell(sheet: string, address: string): FakeCell | undefined {
    const p = parseA1(address)!;
    return this.sheet(sheet).cell(p.row, p.col);
  }
  /** Displayed content as a 2-D array from A1 (formulas as their text). */
  values(sheet: string): (string | number | boolean | null)[][] {
    const s = this.sheet(sheet);
    let maxR = -1;
    let maxC = -1;
    for (const [k, cell] of s.cells) {
      if (cell.v === null && !cell.f && !cell.error) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
    const out: (string | number | boolean | null)[][] = [];
    for (let r = 0; r <= maxR; r++) {
      const row: (string | number | boolean | null)[] = [];
      for (let c = 0; c <= maxC; c++) {
        const cell = s.cell(r, c);
        row.push(cell ? (cell.f ?? cell.error ?? cell.v) : null);
      }
      out.push(row);
    }
    return out;
  }
  /** Every formula cell: address → formula. */
  formulas(sheet: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, cell] of this.sheet(sheet).cells) {
      if (!cell.f) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      out[a1(r, c)] = cell.f;
    }
    return out;
  }
  /** Sets a cell as a user typing into Excel would. */
  type(sheet: string, address: string, input: string | number | boolean): void {
    const p = parseA1(address)!;
    writeInput(this.sheet(sheet).cell(p.row, p.col, true)!, input);
  }
  tables(sheet?: string): TableState[] {
    return this.state.tables.filter((t) => !sheet || t.sheet.name === sheet);
  }
}

/** Installs `Excel.run` and `Office.context.requirements` globals backed by the fake. */
export function installGlobals(fake: FakeExcel): () => void {
  const g = globalThis as Record<string, unknown>;
  const prev = { Excel: g.Excel, Office: g.Office };
  g.Excel = { run: <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => fake.run(fn) };
  g.Office = {
    context: { requirements: fake.requirements, displayLanguage: 'zh-CN', document: {} },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }),
    HostType: { Excel: 'Excel' },
  };
  return () => {
    g.Excel = prev.Excel;
    g.Office = prev.Office;
  };
}

export interface WriteMeasure {
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  requests: number[];
  stats: WriteStats;
  fake: FakeExcel;
}

/**
 * Writes a model into a fresh (or given) fake workbook and reports the round trips.
 * Used by the adapter tests and by the benchmark (`bench/`).
 */
export async function measureWrite(model: WorkbookModel, opts: { fake?: FakeExcel; apiVersion?: string } = {}): Promise<WriteMeasure> {
  const fake = opts.fake ?? new FakeExcel(opts.apiVersion ?? '1.18');
  fake.resetCounters();
  const caps = detectCaps(fake.requirements);
  const stats = await fake.run((ctx) => writeWorkbookModel(ctx, model, { caps }));
  return { syncs: fake.syncs, maxRequestBytes: fake.maxRequestBytes, maxResponseBytes: fake.maxResponseBytes, requests: fake.requests, stats, fake };
}
