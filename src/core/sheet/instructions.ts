/**
 * Sheets we add to the files we send out (the template's 填表说明, a return copy's 退回说明)
 * and example sheets: they explain the forms and hold no data, so the checker skips them by name.
 */
export const INSTRUCTIONS_SHEET = '填表说明';
export const RETURN_SHEET = '退回说明';

const SKIPPED = new Set([INSTRUCTIONS_SHEET, RETURN_SHEET]);
/** A filled-in example the office sent with the template (填写示例, 样表): no unit's data. */
const EXAMPLE_SHEET = /示例|样例|范例|样表|例表/;

export function isInstructionSheet(name: string): boolean {
  const t = name.trim();
  return SKIPPED.has(t) || EXAMPLE_SHEET.test(t);
}
