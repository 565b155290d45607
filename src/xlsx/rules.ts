/** Data validation and conditional formatting for report sheets. */
import type ExcelJS from 'exceljs';
import { columnLetters } from '../core/grid';
import type { SheetModel, Validation } from '../core/report/model';
import { uniqueSheetNames } from './names';
import { argb, cleanText } from './values';

/**
 * A hidden sheet holding dropdown values that cannot go inline (an inline list is limited to
 * 255 characters and cannot contain commas). Written last, so it sits after the report sheets.
 */
export class ListSheet {
  private readonly columns: string[][] = [];
  private name = '';

  /** `taken` must already hold every report sheet name. */
  constructor(private readonly taken: Set<string>) {}

  /** Stores the values in a new column; returns an absolute range formula. */
  add(values: string[]): string {
    if (!this.name) this.name = uniqueSheetNames(['下拉选项'], this.taken)[0]!;
    this.columns.push(values);
    const l = columnLetters(this.columns.length - 1);
    return `'${this.name}'!$${l}$1:$${l}$${Math.max(values.length, 1)}`;
  }

  write(wb: ExcelJS.Workbook): void {
    if (!this.columns.length) return;
    const ws = wb.addWorksheet(this.name);
    ws.state = 'veryHidden';
    this.columns.forEach((values, c) => values.forEach((v, r) => (ws.getCell(r + 1, c + 1).value = cleanText(v))));
  }
}

function inlineList(values: string[]): string | null {
  const joined = values.join(',');
  if (values.some((v) => /[,"]/.test(v)) || joined.length > 253) return null;
  return `"${joined}"`;
}

function base(v: Validation, header: string): Partial<ExcelJS.DataValidation> {
  return {
    allowBlank: true,
    showInputMessage: Boolean(v.prompt),
    promptTitle: v.prompt ? header.slice(0, 32) : undefined,
    prompt: v.prompt ? cleanText(v.prompt).slice(0, 255) : undefined,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入无效',
  };
}

function limitText(s: string): string {
  return s.length > 255 ? `${s.slice(0, 254)}…` : s;
}

/** exceljs keeps a worksheet's validations keyed by address (a range is fine); its typings omit it. */
function dataValidations(ws: ExcelJS.Worksheet): { add: (address: string, v: ExcelJS.DataValidation) => void } {
  return (ws as unknown as { dataValidations: { add: (address: string, v: ExcelJS.DataValidation) => void } }).dataValidations;
}

/**
 * One validation per run of rows with the same rule, added as a range: exceljs would otherwise
 * keep one entry per cell and compare them all when writing (slow on big sheets).
 */
export function addValidations(ws: ExcelJS.Worksheet, sheet: SheetModel, hr: number, lists: ListSheet): void {
  const n = sheet.rows.length;
  if (!n) return;
  for (const v of sheet.validations ?? []) {
    const header = sheet.columns[v.col]?.header ?? '';
    const col = columnLetters(v.col);
    const range = (from: number, to: number) => `${col}${hr + 1 + from}:${col}${hr + 1 + to}`;
    if (v.type === 'list') {
      const formula = inlineList(v.values) ?? lists.add(v.values);
      dataValidations(ws).add(range(0, n - 1), { ...base(v, header), type: 'list', formulae: [formula], error: limitText(`请从下拉列表中选择：${v.values.join('、')}`) } as ExcelJS.DataValidation);
    } else if (v.type === 'decimal') {
      dataValidations(ws).add(range(0, n - 1), { ...base(v, header), type: 'decimal', operator: 'between', formulae: [v.min, v.max], error: `请输入 ${v.min} 到 ${v.max} 之间的数字` } as ExcelJS.DataValidation);
    } else if (v.maxCol !== undefined) {
      // One relative formula over the column: each row is checked against its own max cell.
      const cell = `${col}${hr + 1}`;
      const max = `$${columnLetters(v.maxCol)}${hr + 1}`;
      const step = v.step ? `,MOD(${cell}/${v.step},1)=0` : '';
      const error = `请输入 ${v.min} 到该项分值之间的数字${v.step ? `（${v.step} 分一档）` : ''}`;
      dataValidations(ws).add(range(0, n - 1), { ...base(v, header), type: 'custom', formulae: [`AND(ISNUMBER(${cell}),${cell}>=${v.min},${cell}<=${max}${step})`], error } as ExcelJS.DataValidation);
    } else {
      let start = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && v.max[i] === v.max[start]) continue;
        const max = v.max[start];
        if (max !== undefined) {
          dataValidations(ws).add(range(start, i - 1), { ...base(v, header), type: 'decimal', operator: 'between', formulae: [v.min, max], error: `请输入 ${v.min} 到 ${max} 之间的数字` } as ExcelJS.DataValidation);
        }
        start = i;
      }
    }
  }
}

export function addConditionalFormats(ws: ExcelJS.Worksheet, sheet: SheetModel, hr: number): void {
  if (!sheet.rows.length) return;
  let priority = 1;
  for (const f of sheet.conditionalFormats ?? []) {
    const l = columnLetters(f.col);
    const ref = `${l}${hr + 1}:${l}${hr + sheet.rows.length}`;
    const style: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(f.fill) } } };
    if (f.font) style.font = { color: { argb: argb(f.font) } };
    const formula = f.type === 'text-equals' ? `"${cleanText(f.text).replace(/"/g, '""')}"` : String(f.value);
    const operator = f.type === 'text-equals' ? 'equal' : 'lessThan';
    ws.addConditionalFormatting({ ref, rules: [{ type: 'cellIs', operator, formulae: [formula], style, priority: priority++ }] });
  }
}
