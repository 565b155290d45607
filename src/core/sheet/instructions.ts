/**
 * Sheets we add to the files we send out (the template's 填表说明, a return copy's 退回说明):
 * they explain the forms and hold no data, so the checker skips them by name.
 */
export const INSTRUCTIONS_SHEET = '填表说明';
export const RETURN_SHEET = '退回说明';

const SKIPPED = new Set([INSTRUCTIONS_SHEET, RETURN_SHEET]);

export function isInstructionSheet(name: string): boolean {
  return SKIPPED.has(name.trim());
}
