/**
 * The real Office.js client library (the web build of the `@microsoft/office-js` package) run in
 * jsdom, with a request executor that records every request body exactly as Office.js serialises
 * it and answers it from the fake (fakeExcel.ts). So request sizes are Office.js's own bytes —
 * object paths, instantiate actions, the `_KeepReference` tracking action Excel.run adds to every
 * Range — and reads return real data.
 *
 * The bridge replays each request onto the fake's proxy API: object paths become property reads
 * and method calls (`GetRangeByIndexes` → `getRangeByIndexes`), actions become loads, property
 * sets and method calls, then one fake sync answers the queries. Like Excel on the web, a request
 * or response above 5 MB fails (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded,
 * "Payload size limit best practices" in the Excel performance article).
 *
 * The package's web build predates NoteCollection (ExcelApi 1.18); its CommentCollection has the
 * same shape (`add(cellAddress, content)`), so `Worksheet.notes` is that collection under the
 * wire name `Notes` — one extra `null` argument per note, so the sizes err on the large side.
 * Range.valuesAsJson (1.16) is added the same way as the package's other value properties.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { WorkbookModel } from '../../src/core/report/model';
import { writeWorkbookModel, type WriteStats } from '../../src/excel/write';
import { detectCaps } from '../../src/excel/requirements';
import { FakeContext, FakeExcel, FakeExcelError, EXCEL_WEB_PAYLOAD_LIMIT } from './fakeExcel';

const LIB = path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist', 'excel-web-16.00.debug.js');

interface OfficeJsWindow {
  Excel: {
    RequestContext: new () => OfficeJsContext;
    run<T>(ctx: OfficeJsContext, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
    Worksheet: { prototype: object };
    Range: { prototype: { _handleResult: (value: unknown) => void } };
  };
}
interface OfficeJsContext {
  _requestExecutor: unknown;
}

let loaded: OfficeJsWindow | null = null;

/** The Office.js library in a jsdom window (loaded once per process). */
export function officeJs(): OfficeJsWindow {
  if (loaded) return loaded;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { runScripts: 'outside-only', url: 'https://localhost/' });
  dom.window.eval(readFileSync(LIB, 'utf8'));
  const w = dom.window as unknown as OfficeJsWindow;
  Object.defineProperty(w.Excel.Worksheet.prototype, 'notes', {
    get(this: { comments: { _objectPath: { objectPathInfo: { Name: string } } } }) {
      const c = this.comments;
      c._objectPath.objectPathInfo.Name = 'Notes';
      return c;
    },
  });
  // Range.valuesAsJson (ExcelApi 1.16) is newer than the package too: a value property like
  // `values`, so the same wire name pattern ("ValuesAsJson") and the same handling.
  const handle = w.Excel.Range.prototype._handleResult;
  w.Excel.Range.prototype._handleResult = function (this: { m_valuesAsJson?: unknown }, value: unknown) {
    handle.call(this, value);
    const v = value as { ValuesAsJson?: unknown } | null;
    if (v && v.ValuesAsJson !== undefined) this.m_valuesAsJson = v.ValuesAsJson;
  };
  Object.defineProperty(w.Excel.Range.prototype, 'valuesAsJson', {
    get(this: { m_valuesAsJson?: unknown }) {
      return this.m_valuesAsJson;
    },
  });
  loaded = w;
  return w;
}

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}
interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[] };
}
interface Body {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

type AnyObj = Record<string, unknown> & { load?: (names: string[]) => void };

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An *OrNullObject that came back empty (reading the flag throws on objects that have none). */
function isNullObject(obj: unknown): boolean {
  try {
    return (obj as { isNullObject?: boolean }).isNullObject === true;
  } catch {
    return false;
  }
}

function utf8(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Per-run record of what went over the wire. */
export interface Wire {
  requests: number[];
  responses: number[];
}

/** Answers Office.js requests from the fake; one per Excel.run. */
class Bridge {
  private readonly fctx: FakeContext;
  private readonly byPath = new Map<number, unknown>();
  private readonly byRef = new Map<string, unknown>();
  private seq = 0;
  constructor(
    private readonly fake: FakeExcel,
    private readonly wire: Wire,
  ) {
    this.fctx = new FakeContext(fake);
  }

  private token(o: unknown): string {
    const t = `z${++this.seq}`;
    this.byRef.set(t, o);
    return t;
  }

  private args(info: ActionInfo['ArgumentInfo'], paths: Body['ObjectPaths']): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((a, i) => (refs[i] ? this.resolve(refs[i], paths) : a));
  }

  private resolve(id: number, paths: Body['ObjectPaths']): unknown {
    if (this.byPath.has(id)) return this.byPath.get(id);
    const p = paths[String(id)];
    if (!p) throw new FakeExcelError('InvalidObjectPath', `object path ${id} not in request`);
    let o: unknown;
    if (p.ObjectPathType === 1) o = this.fctx.workbook;
    else if (p.ObjectPathType === 6) {
      o = this.byRef.get(p.Name);
      if (o === undefined) throw new FakeExcelError('InvalidObjectPath', `unknown reference ${p.Name}`);
    } else {
      const parent = this.resolve(p.ParentObjectPathId!, paths) as AnyObj;
      const args = this.args(p.ArgumentInfo, paths);
      if (p.ObjectPathType === 4) o = parent[camel(p.Name)];
      else if (p.ObjectPathType === 3) {
        const fn = parent[camel(p.Name)];
        if (typeof fn !== 'function') throw new FakeExcelError('ApiNotFound', `fake has no method ${p.Name}`);
        o = (fn as (...a: unknown[]) => unknown).apply(parent, args);
      }
      else if (p.ObjectPathType === 5) o = this.byRef.get(String(args[0])) ?? (parent.getItem as (k: unknown) => unknown).call(parent, args[0]);
      else throw new FakeExcelError('InvalidObjectPath', `object path type ${p.ObjectPathType}`);
      if (o === undefined) throw new FakeExcelError('ApiNotFound', `fake has no ${p.Name}`);
    }
    this.byPath.set(id, o);
    return o;
  }

  async execute(body: Body): Promise<{ Results: { ActionId: number; Value: unknown }[] }> {
    const after: (() => { ActionId: number; Value: unknown } | null)[] = [];
    const kept = new Set(body.Actions.filter((a) => a.ActionType === 3 && a.Name === '_KeepReference').map((a) => a.ObjectPathId));
    for (const a of body.Actions) {
      const obj = this.resolve(a.ObjectPathId, body.ObjectPaths) as AnyObj;
      switch (a.ActionType) {
        case 1: // Instantiate
          after.push(() => {
            if (isNullObject(obj)) return { ActionId: a.Id, Value: null };
            return { ActionId: a.Id, Value: kept.has(a.ObjectPathId) ? { _ReferenceId: this.token(obj) } : {} };
          });
          break;
        case 2: {
          // Query
          const names = a.QueryInfo?.Select ?? [];
          const loadable = (n: string) => {
            try {
              (obj.load as (n: string[]) => void).call(obj, [n]);
              return true;
            } catch {
              return false;
            }
          };
          const isCollection = names.length > 0 && loadable(`items/${names[0]}`);
          if (!isCollection) obj.load!.call(obj, names);
          after.push(() => {
            if (isNullObject(obj)) return { ActionId: a.Id, Value: null };
            if (isCollection) {
              const items = obj.items as AnyObj[];
              return { ActionId: a.Id, Value: { _Items: items.map((it) => ({ ...Object.fromEntries(names.map((n) => [pascal(n), it[n]])), Id: this.token(it) })) } };
            }
            return { ActionId: a.Id, Value: Object.fromEntries(names.map((n) => [pascal(n), obj[n]])) };
          });
          break;
        }
        case 3: {
          // Method
          // Office.js's own bookkeeping (_KeepReference, _RemoveReference, _ValidateArraySize):
          // carried in the request, nothing for the fake to do.
          if (a.Name.startsWith('_')) break;
          const fn = obj[camel(a.Name)] as ((...x: unknown[]) => unknown) | undefined;
          if (typeof fn !== 'function') throw new FakeExcelError('ApiNotFound', `fake has no method ${a.Name}`);
          fn.apply(obj, this.args(a.ArgumentInfo, body.ObjectPaths));
          break;
        }
        case 4: // SetProperty
          obj[camel(a.Name)] = this.args(a.ArgumentInfo, body.ObjectPaths)[0];
          break;
        default:
          throw new FakeExcelError('InvalidRequest', `action type ${a.ActionType}`);
      }
    }
    await this.fctx.sync();
    return { Results: after.map((f) => f()).filter((r): r is { ActionId: number; Value: unknown } => r !== null) };
  }

  executor() {
    return {
      executeAsync: async (_customData: unknown, _flags: unknown, msg: { Body: Body }) => {
        const bytes = utf8(JSON.stringify(msg.Body));
        this.wire.requests.push(bytes);
        const fail = (code: string, message: string) => ({ HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: { Error: { Code: code, Message: message, Location: '' } } });
        if (bytes > this.fake.limitBytes) return fail('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit.`);
        try {
          const out = await this.execute(msg.Body);
          const rb = utf8(JSON.stringify(out));
          this.wire.responses.push(rb);
          if (rb > this.fake.limitBytes) return fail('ResponsePayloadSizeLimitExceeded', `The response payload size (${rb} bytes) has exceeded the limit.`);
          return { HttpStatusCode: 200, ErrorCode: '', ErrorMessage: '', Headers: {}, Body: out };
        } catch (e) {
          if (e instanceof FakeExcelError) return fail(e.code, e.message);
          throw e;
        }
      },
    };
  }
}

/**
 * Like Excel.run, through the real Office.js client: `fn` gets an `Excel.RequestContext` of the
 * library, whose requests go to `fake`. Returns the result and the bytes on the wire.
 */
export async function runOfficeJs<T>(fake: FakeExcel, fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<{ result: T; wire: Wire }> {
  const { Excel: X } = officeJs();
  const wire: Wire = { requests: [], responses: [] };
  const ctx = new X.RequestContext();
  ctx._requestExecutor = new Bridge(fake, wire).executor();
  const result = await X.run(ctx, fn);
  return { result, wire };
}

export { EXCEL_WEB_PAYLOAD_LIMIT };

export interface WriteMeasure {
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  requests: number[];
  responses: number[];
  stats: WriteStats;
  fake: FakeExcel;
}

/**
 * Writes a model through the real Office.js client into a fresh (or given) fake workbook and
 * reports the requests as Office.js sent them. Used by the tests and by `npm run bench`.
 */
export async function measureWrite(model: WorkbookModel, opts: { fake?: FakeExcel; apiVersion?: string } = {}): Promise<WriteMeasure> {
  const fake = opts.fake ?? new FakeExcel(opts.apiVersion ?? '1.18');
  fake.resetCounters();
  const caps = detectCaps(fake.requirements);
  const { result: stats, wire } = await runOfficeJs(fake, (ctx) => writeWorkbookModel(ctx, model, { caps }));
  return {
    syncs: wire.requests.length,
    maxRequestBytes: Math.max(0, ...wire.requests),
    maxResponseBytes: Math.max(0, ...wire.responses),
    requests: wire.requests,
    responses: wire.responses,
    stats,
    fake,
  };
}
