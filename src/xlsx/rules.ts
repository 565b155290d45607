/** Data validation and conditional formatting of report sheets, as worksheet XML. */
import { columnLetters } from '../core/grid';
import { isoToSerial } from '../core/normalize/date';
import type { SheetModel, Validation } from '../core/report/model';
import { quoteSheet, uniqueSheetNames } from './names';
import { cleanText } from './values';
import type { StyleSheet } from './writeStyles';
import { esc } from './writeZip';

/**
 * A hidden sheet holding dropdown values that cannot go inline (an inline list is limited to
 * 255 characters and cannot contain commas). Written last, so it sits after the report sheets.
 */
export class ListSheet {
  readonly columns: string[][] = [];
  name = '';

  /** `taken` must already hold every report sheet name. */
  constructor(private readonly taken: Set<string>) {}

  /** Stores the values in a new column; returns an absolute range formula. */
  add(values: string[]): string {
    if (!this.name) this.name = uniqueSheetNames(['下拉选项'], this.taken)[0]!;
    this.columns.push(values.map(cleanText));
    const l = columnLetters(this.columns.length - 1);
    return `${quoteSheet(this.name)}!$${l}$1:$${l}$${Math.max(values.length, 1)}`;
  }

  /** The list sheet as a plain model (no header row), or null when no list needed it. */
  model(): SheetModel | null {
    if (!this.columns.length) return null;
    const n = Math.max(...this.columns.map((c) => c.length));
    const rows = Array.from({ length: n }, (_, r) => this.columns.map((c) => c[r] ?? null));
    return { name: this.name, columns: [], rows };
  }
}

function inlineList(values: string[]): string | null {
  const joined = values.join(',');
  if (values.some((v) => /[,"]/.test(v)) || joined.length > 253) return null;
  return `"${joined}"`;
}

function limitText(s: string, n = 255): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

interface Rule {
  type: 'list' | 'decimal' | 'date' | 'custom';
  sqref: string;
  f1: string | number;
  f2?: string | number;
  error: string;
}

function ruleXml(rule: Rule, v: Validation, header: string): string {
  const prompt = v.prompt ? ` showInputMessage="1" promptTitle="${esc(limitText(cleanText(header), 32))}" prompt="${esc(limitText(cleanText(v.prompt)))}"` : '';
  const op = rule.type === 'decimal' || rule.type === 'date' ? ' operator="between"' : '';
  const f2 = rule.f2 !== undefined ? `<formula2>${esc(String(rule.f2))}</formula2>` : '';
  return (
    `<dataValidation type="${rule.type}" allowBlank="1"${op} showErrorMessage="1" errorTitle="输入无效" error="${esc(limitText(cleanText(rule.error)))}"${prompt} sqref="${rule.sqref}">` +
    `<formula1>${esc(String(rule.f1))}</formula1>${f2}</dataValidation>`
  );
}

/** One validation per run of rows with the same rule. */
export function dataValidationsXml(sheet: SheetModel, hr: number, lists: ListSheet): string {
  // A protected form validates its whole input area, not only the rows written.
  const n = Math.max(sheet.rows.length, sheet.protection?.inputRows ?? 0);
  if (!n || !sheet.validations?.length) return '';
  const out: string[] = [];
  for (const v of sheet.validations) {
    const header = sheet.columns[v.col]?.header ?? '';
    const col = columnLetters(v.col);
    const range = (from: number, to: number) => `${col}${hr + 1 + from}:${col}${hr + 1 + to}`;
    if (v.type === 'list') {
      const f1 = inlineList(v.values) ?? lists.add(v.values);
      out.push(ruleXml({ type: 'list', sqref: range(0, n - 1), f1, error: `请从下拉列表中选择：${v.values.join('、')}` }, v, header));
    } else if (v.type === 'decimal') {
      out.push(ruleXml({ type: 'decimal', sqref: range(0, n - 1), f1: v.min, f2: v.max, error: `请输入 ${v.min} 到 ${v.max} 之间的数字` }, v, header));
    } else if (v.type === 'date') {
      const error = `请输入 ${v.min} 到 ${v.max} 之间的日期，如 2024-03-25`;
      out.push(ruleXml({ type: 'date', sqref: range(0, n - 1), f1: isoToSerial(v.min), f2: isoToSerial(v.max), error }, v, header));
    } else if (v.type === 'custom') {
      out.push(ruleXml({ type: 'custom', sqref: range(0, n - 1), f1: v.formula.split('{cell}').join(`${col}${hr + 1}`), error: v.error }, v, header));
    } else if (v.maxCol !== undefined) {
      // One relative formula over the column: each row is checked against its own max cell.
      const cell = `${col}${hr + 1}`;
      const max = `$${columnLetters(v.maxCol)}${hr + 1}`;
      const step = v.step ? `,MOD(${cell}/${v.step},1)=0` : '';
      const error = `请输入 ${v.min} 到该项分值之间的数字${v.step ? `（${v.step} 分一档）` : ''}`;
      out.push(ruleXml({ type: 'custom', sqref: range(0, n - 1), f1: `AND(ISNUMBER(${cell}),${cell}>=${v.min},${cell}<=${max}${step})`, error }, v, header));
    } else {
      let start = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && v.max[i] === v.max[start]) continue;
        const max = v.max[start];
        if (max !== undefined) out.push(ruleXml({ type: 'decimal', sqref: range(start, i - 1), f1: v.min, f2: max, error: `请输入 ${v.min} 到 ${max} 之间的数字` }, v, header));
        start = i;
      }
    }
  }
  return out.length ? `<dataValidations count="${out.length}">${out.join('')}</dataValidations>` : '';
}

export function conditionalFormatsXml(sheet: SheetModel, hr: number, styles: StyleSheet): string {
  if (!sheet.rows.length) return '';
  let priority = 1;
  return (sheet.conditionalFormats ?? [])
    .map((f) => {
      const l = columnLetters(f.col);
      const ref = `${l}${hr + 1}:${l}${hr + sheet.rows.length}`;
      const dxf = styles.diff({ fill: f.fill, font: f.font });
      const formula = f.type === 'text-equals' ? `"${cleanText(f.text).replace(/"/g, '""')}"` : String(f.value);
      const operator = f.type === 'text-equals' ? 'equal' : 'lessThan';
      return `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${dxf}" priority="${priority++}" operator="${operator}"><formula>${esc(formula)}</formula></cfRule></conditionalFormatting>`;
    })
    .join('');
}
