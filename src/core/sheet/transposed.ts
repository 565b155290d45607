/**
 * A form laid out down the sheet (a 网络大V card: the template's labels in column A, one
 * person per column): it cannot be read as the template, but it is one, and the unit is told how
 * to lay it out instead of being told nothing was found.
 */
import type { Merge, SheetGrid } from '../grid';
import type { FormTemplate } from '../forms/templates';
import { detectForm } from './detect';

/** Rows and columns looked at: a card is a few dozen labels by a few dozen records. */
const SPAN = 40;

/** The form the sheet holds when read with rows and columns swapped, or null. */
export function transposedForm(sheet: SheetGrid): FormTemplate | null {
  const height = Math.min(sheet.rows.length, SPAN);
  let width = 0;
  for (let r = 0; r < height; r++) width = Math.max(width, Math.min(sheet.rows[r]?.length ?? 0, SPAN));
  if (height < 3 || width < 2) return null;
  const rows = Array.from({ length: width }, (_, c) => Array.from({ length: height }, (_, r) => sheet.rows[r]?.[c] ?? null));
  const merges: Merge[] = sheet.merges.filter((m) => m.bottom < SPAN && m.right < SPAN).map((m) => ({ top: m.left, bottom: m.right, left: m.top, right: m.bottom }));
  return detectForm({ name: sheet.name, rows, merges })?.form ?? null;
}
