/** Jumps to a cell (e.g. a finding's location in this workbook). Two syncs. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string | null): Promise<boolean> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load('name');
  await context.sync();
  if (ws.isNullObject) return false;
  ws.activate();
  ws.getRange(cell && /^[A-Z]{1,3}\d{1,7}(:[A-Z]{1,3}\d{1,7})?$/i.test(cell) ? cell : 'A1').select();
  await context.sync();
  return true;
}

/** Names of the worksheets in the workbook (one sync). */
export async function listSheets(context: Excel.RequestContext): Promise<string[]> {
  const coll = context.workbook.worksheets;
  coll.load('items/name');
  await context.sync();
  return coll.items.map((w) => w.name);
}
