/**
 * Large report models travel sheet by sheet between the engine worker and the pane (`part`
 * messages, then the reply with an empty `model.sheets`), so the pane deserialises them in several
 * short tasks instead of one long one. Both ends of that, kept pure for tests.
 */

/**
 * Posts the sheets of a (possibly nested) model one by one; returns a copy of the value without
 * them (the engine keeps the model it returned). Sheets that other parts of the value list again
 * (the check view's sheets are sheets of the whole model) travel once, as `{ __part: i }`.
 */
export function splitModel(value: unknown, post: (sheet: number, value: unknown) => void): unknown {
  const holder = value as { sheets?: unknown[]; model?: { sheets?: unknown[] } } | null;
  const nested = !(holder && Array.isArray(holder.sheets));
  const model = !nested ? holder : holder?.model && Array.isArray(holder.model.sheets) ? holder.model : null;
  if (!holder || !model || !model.sheets) return value;
  const sheets = model.sheets;
  sheets.forEach((sheet, i) => post(i, sheet));
  const index = new Map(sheets.map((sheet, i) => [sheet, i]));
  const stripped = { ...model, sheets: [], __parts: sheets.length };
  if (!nested) return stripped;
  const out: Record<string, unknown> = { ...holder, model: stripped };
  for (const [k, v] of Object.entries(out)) {
    const inner = (v as { model?: { sheets?: unknown[] } } | null)?.model;
    if (k === 'model' || !inner || !Array.isArray(inner.sheets)) continue;
    out[k] = { ...(v as object), model: { ...inner, sheets: inner.sheets.map((sheet) => (index.has(sheet) ? { __part: index.get(sheet) } : sheet)) } };
  }
  return out;
}

/** Puts the sheets received as `part` messages back into the reply's model (and where `{ __part: i }` stands for one). */
export function joinModel(value: unknown, parts: unknown[]): unknown {
  const holder = value as { sheets?: unknown[]; __parts?: number; model?: { sheets?: unknown[]; __parts?: number } } | null;
  const model = holder && typeof holder.__parts === 'number' ? holder : holder?.model && typeof holder.model.__parts === 'number' ? holder.model : null;
  if (!model) return value;
  model.sheets = parts.slice(0, model.__parts);
  delete model.__parts;
  if (model !== holder) {
    for (const v of Object.values(holder as object)) {
      const inner = (v as { model?: { sheets?: unknown[] } } | null)?.model;
      if (!inner || inner === model || !Array.isArray(inner.sheets)) continue;
      inner.sheets = inner.sheets.map((sheet) => {
        const i = (sheet as { __part?: unknown } | null)?.__part;
        return typeof i === 'number' ? parts[i] : sheet;
      });
    }
  }
  return value;
}
