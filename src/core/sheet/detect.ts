/**
 * Finds the header row (one or two rows, anywhere in the first rows) and the form of a sheet,
 * and maps each header cell to a template column.
 */
import type { SheetGrid } from '../grid';
import { FORMS, type ColumnDef, type FormTemplate } from '../forms/templates';
import { headerKey, squash } from '../normalize/text';
import { makeResolver, mergeBottom } from './labels';

const SCAN_ROWS = 20;

export type MatchKind = 'exact' | 'alias';

export interface HeaderCell {
  col: number;
  text: string;
  column: ColumnDef | null;
  match: MatchKind | null;
}

export interface Detection {
  form: FormTemplate;
  /** First and last sheet rows (0-based) of the header. */
  headerTop: number;
  headerBottom: number;
  /** First sheet row of data. */
  dataStart: number;
  cells: HeaderCell[];
  score: number;
}

function keysOf(col: ColumnDef): { exact: string; aliases: string[] } {
  return { exact: headerKey(col.label), aliases: (col.aliases ?? []).map(headerKey) };
}

const KEY_CACHE = new Map<ColumnDef, { exact: string; aliases: string[] }>();
function keys(col: ColumnDef) {
  let k = KEY_CACHE.get(col);
  if (!k) KEY_CACHE.set(col, (k = keysOf(col)));
  return k;
}

/** The template column a header text names, exact label first, then aliases. */
export function matchColumn(form: FormTemplate, text: string): { column: ColumnDef; match: MatchKind } | null {
  const key = headerKey(text);
  if (!key) return null;
  for (const c of form.columns) if (keys(c).exact === key) return { column: c, match: 'exact' };
  for (const c of form.columns) if (keys(c).aliases.includes(key)) return { column: c, match: 'alias' };
  return null;
}

function mapRow(form: FormTemplate, texts: string[]): { cells: HeaderCell[]; score: number; required: number } {
  const cells: HeaderCell[] = [];
  let score = 0;
  const seen = new Set<string>();
  let required = 0;
  texts.forEach((text, col) => {
    const m = matchColumn(form, text);
    cells.push({ col, text, column: m?.column ?? null, match: m?.match ?? null });
    if (m) {
      score += m.match === 'exact' ? 2 : 1;
      if (m.column.required && !seen.has(m.column.key)) required++;
      seen.add(m.column.key);
    }
  });
  return { cells, score, required };
}

/** Form keywords found in free text above the header (title rows) or the sheet name. */
function keywordScore(form: FormTemplate, text: string): number {
  const t = squash(text);
  return form.keywords.some((k) => t.includes(squash(k))) ? 3 : 0;
}

export function detectForm(sheet: SheetGrid): Detection | null {
  const text = makeResolver(sheet);
  const last = Math.min(sheet.rows.length, SCAN_ROWS);
  const widths = sheet.rows.slice(0, last + 1).map((r) => r?.length ?? 0);
  const rowTexts = (r: number) => Array.from({ length: widths[r] ?? 0 }, (_, c) => text(r, c));
  const lines: string[][] = [];
  for (let r = 0; r <= last; r++) lines.push(rowTexts(r));
  let best: Detection | null = null;
  for (const form of FORMS) {
    let above = `${sheet.name} `;
    for (let r = 0; r < last; r++) {
      const single = mapRow(form, lines[r]!);
      let pick = { ...single, bottom: r };
      const next = lines[r + 1];
      // A two-row header needs labels in its upper row too; a title or signer line above never counts.
      if (single.score > 0 && next && next.some((t) => t.trim())) {
        const combined = lines[r]!.map((upper, c) => {
          const lower = next[c] ?? '';
          return lower && matchColumn(form, lower) ? lower : upper;
        });
        for (let c = lines[r]!.length; c < next.length; c++) combined.push(next[c] ?? '');
        const double = mapRow(form, combined);
        // Only a real sub-header row adds columns; a first data row never matches labels.
        if (double.score > single.score) pick = { ...double, bottom: r + 1 };
      }
      if (pick.required >= 2 && pick.cells.filter((c) => c.column).length >= 3) {
        const score = pick.score + keywordScore(form, above);
        if (!best || score > best.score) {
          let dataStart = pick.bottom + 1;
          for (const c of pick.cells) if (c.column) dataStart = Math.max(dataStart, mergeBottom(sheet, pick.bottom, c.col) + 1);
          best = { form, headerTop: r, headerBottom: pick.bottom, dataStart, cells: pick.cells, score };
        }
      }
      above += ' ' + lines[r]!.join(' ');
    }
  }
  return best;
}
