import type { RuleId } from './rules/ids';
import type { FormId } from './forms/ids';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found (RULES.md). `cell` is an A1 address in the submitted sheet, or null. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  unit: string | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  form: FormId | null;
  message: string;
  /** How to fix it, when the message alone does not say. */
  suggestion?: string;
  /**
   * In a Word table (which has no A1 cells): table number in the document, row within that
   * table (1-based, header rows counted) and the column's header; `cell` is null then.
   */
  table?: number;
  row?: number;
  column?: string;
}

/** Where a finding is, as a person reads it: `B7`, or `表2 第5行 联系电话` in a Word table. */
export function locationText(f: Finding): string | null {
  if (f.table === undefined) return f.cell;
  return [`表${f.table}`, f.row !== undefined ? `第${f.row}行` : null, f.column ?? null].filter(Boolean).join(' ');
}

/** Where a finding happened; everything but the rule's own parameters. */
export interface Place {
  unit?: string | null;
  file?: string | null;
  sheet?: string | null;
  cell?: string | null;
  form?: FormId | null;
}

/**
 * A rule of the catalogue: id, severity, title and description (shown in docs and the 校验结果
 * legend), and a message template over its own typed parameters. One declaration per rule,
 * in the style of frictionless-py's error classes.
 */
export type { RuleId } from './rules/ids';

export interface RuleDef<P> {
  id: RuleId;
  severity: Severity;
  title: string;
  description: string;
  message: (p: P) => string;
  suggestion?: (p: P) => string | undefined;
}

export interface Rule<P> extends RuleDef<P> {
  /** Builds a finding at a place. */
  at: (place: Place, params: P) => Finding;
}

export function defineRule<P = Record<string, never>>(def: RuleDef<P>): Rule<P> {
  return {
    ...def,
    at(place, params) {
      const f: Finding = {
        rule: def.id,
        severity: def.severity,
        unit: place.unit ?? null,
        file: place.file ?? null,
        sheet: place.sheet ?? null,
        cell: place.cell ?? null,
        form: place.form ?? null,
        message: def.message(params),
      };
      const s = def.suggestion?.(params);
      if (s) f.suggestion = s;
      return f;
    },
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order for reports: severity, unit, file, sheet, then row/column of the cell. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.unit, b.unit) ||
    cmp(a.file, b.file) ||
    cmp(a.sheet, b.sheet) ||
    cellOrder(a.cell) - cellOrder(b.cell) ||
    (a.table ?? 0) - (b.table ?? 0) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    cmp(a.rule, b.rule)
  );
}

/** One collator for all comparisons: localeCompare() builds one per call, which dominates big sorts. */
export const zhCollator = new Intl.Collator('zh-CN');

function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  return zhCollator.compare(a ?? '', b ?? '');
}

function cellOrder(cell: string | null): number {
  if (!cell) return -1;
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return -1;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return Number(m[2]) * 1000 + col;
}
