/**
 * Filing templates to send to units: one sheet per form, with dropdowns and input checks. The
 * blank template has a signer line to fill in; a unit's own template (from the roster) names the
 * unit in a locked cell the checker reads, opens with a 填表说明 sheet and protects its headers.
 */
import { FORMS, type ColumnDef, type FormTemplate } from '../forms/templates';
import { ENUMS } from '../normalize/enums';
import { INSTRUCTIONS_SHEET } from '../sheet/instructions';
import type { LineCell, OutValue, SheetModel, Validation, WorkbookModel } from './model';

const BLANK_ROWS = 20;
/** Rows a unit can fill in its protected template (the first BLANK_ROWS are numbered and ruled). */
const INPUT_ROWS = 500;
const SIGNER = '填报单位：                    单位负责人签名（盖章）：                    填表人：                    填表人电话：';

/**
 * One phone per cell as an 11-digit mobile (1xxxxxxxxxx) or a landline with its area code
 * (0xxx-xxxxxxxx), or several numbers separated by "/" (the checker reads each of them).
 */
const PHONE_FORMULA =
  'OR(AND(LEN({cell})=11,LEFT({cell})="1",ISNUMBER(--{cell})),' +
  'AND(LEFT({cell})="0",ISNUMBER(--SUBSTITUTE({cell},"-","")),LEN({cell})>=10,LEN({cell})<=13),' +
  'AND(ISNUMBER(FIND("/",{cell})),ISNUMBER(--SUBSTITUTE(SUBSTITUTE({cell},"/",""),"-",""))))';

export interface TemplateOptions {
  /** School name in the titles. */
  school?: string;
  /** 报送截止日期, ISO. */
  deadline?: string | null;
  /** 粉丝数量 from which a personal account is a 网络大V. */
  bigvThreshold?: number;
  /** Days after which a website counts as not updated. */
  staleWarnDays?: number;
}

const DEFAULTS = { school: 'XX学院', bigvThreshold: 2000, staleWarnDays: 7 };

function validationsFor(cols: ColumnDef[]): Validation[] {
  const out: Validation[] = [];
  cols.forEach((c, i) => {
    if (c.type === 'enum' && c.enumKind) {
      out.push({ col: i, type: 'list', values: ENUMS[c.enumKind].map((e) => e.value), prompt: `请从下拉列表选择${c.label}` });
    } else if (c.type === 'count') {
      out.push({ col: i, type: 'decimal', min: 0, max: 1e9, prompt: `${c.label}：填写不小于 0 的数字，如 12000` });
    } else if (c.type === 'date') {
      out.push({ col: i, type: 'date', min: '2000-01-01', max: '2099-12-31', prompt: `${c.label}：填写日期，如 2024-03-25` });
    } else if (c.type === 'phone') {
      out.push({ col: i, type: 'custom', formula: PHONE_FORMULA, error: '请填写 11 位手机号，或带区号的座机号（如 0755-12345678），多个用“/”分隔', prompt: `${c.label}：手机号或带区号座机` });
    }
  });
  return out;
}

function formSheet(form: FormTemplate, school: string): SheetModel {
  const cols = form.columns.filter((c) => !c.extra);
  const rows: OutValue[][] = Array.from({ length: BLANK_ROWS }, (_, i) => cols.map((c) => (c.type === 'seq' ? i + 1 : null)));
  return {
    name: `附件${form.annex}`,
    title: `${school}${form.title}`,
    subtitle: [SIGNER],
    columns: cols.map((c) => ({
      header: c.required ? c.label : c.label + (c.hint && c.parent ? `（${c.hint}）` : ''),
      width: c.width ?? 14,
      kind: c.type === 'date' ? 'date' : c.type === 'count' ? 'integer' : 'text',
      hint: [c.required ? '必填' : '选填', c.hint].filter(Boolean).join('：'),
    })),
    rows,
    validations: validationsFor(cols),
    freeze: { cols: 0 },
    print: { landscape: true, fitToWidth: true },
    blocks: [{ title: '填表说明', rows: [
      ['1. 带下拉的列请从列表中选择；日期填写如 2024-03-25；电话填写手机号或带区号的座机号，多个用“/”分隔。'],
      ['2. 如本单位无此类平台，请在第一行填写“无”后照常报送。'],
      ['3. 请勿填写身份证号等个人敏感信息；新媒体账号不得绑定学生手机。'],
    ] }],
  };
}

export function templateWorkbookModel(school = DEFAULTS.school): WorkbookModel {
  return { sheets: FORMS.map((f) => formSheet(f, school)) };
}

/** Splits `n` columns into the six cells of the signer line: label, input, label, input, label, input. */
function signerCells(n: number): LineCell[] {
  const labels = ['单位负责人（签名）：', '填表人：', '填表人电话：'];
  const spans = [2, 1, 1, 1, 1, 1];
  for (let extra = n - 7, i = 1; extra > 0; extra--, i = (i + 2) % 6) spans[i]! += 1;
  return spans.map((span, i) => (i % 2 === 0 ? { value: labels[i / 2]!, span } : { value: null, span, input: true }));
}

/** A unit's own form sheet: 填报单位 filled in and locked, signer inputs, header locked. */
export function formSheetFor(form: FormTemplate, unit: string, school = DEFAULTS.school, title?: string | null): SheetModel {
  const base = { ...formSheet(form, school), ...(title ? { title } : {}) };
  const n = base.columns.length;
  const signer = signerCells(n);
  return {
    ...base,
    subtitle: [`填报单位：${unit}`, '单位负责人（签名）：    填表人：    填表人电话：'],
    subtitleCells: [null, signer],
    protection: { inputRows: INPUT_ROWS },
    blocks: undefined,
  };
}

/** The plain-language rules every unit gets as the first sheet of its template. */
export function instructionsSheet(unit: string, o: TemplateOptions = {}): SheetModel {
  const school = o.school ?? DEFAULTS.school;
  const threshold = (o.bigvThreshold ?? DEFAULTS.bigvThreshold).toLocaleString('en-US');
  const stale = o.staleWarnDays ?? DEFAULTS.staleWarnDays;
  const rows: [string, string][] = [
    ['报送截止', o.deadline ? `请于 ${o.deadline} 前报送本表（逾期报送将扣分）。` : '请按通知要求的时间报送本表。'],
    ['填报单位', `本表已填好填报单位“${unit}”，请勿修改；请在每张表顶部填写单位负责人（签名）、填表人和填表人电话。`],
    ['怎么填', '每张表按行填写，一行一个网站、账号或群；表头和标题已锁定，只需在表格中填写内容。带下拉箭头的列请从列表中选择。'],
    ['没有可填的', '本单位没有某类平台时，在该表第一行填写“无”，照常报送，不要删除工作表。'],
    ['日期和数字', '日期填写如 2024-03-25；粉丝人数、群人数填写不小于 0 的数字。'],
    ['电话', '填写 11 位手机号，或带区号的座机号（如 0755-12345678）；多个号码用“/”分隔。'],
    ['不填学生手机', '新媒体账号的联系电话须是教职工的电话，不得填写（或绑定）学生的手机号。请勿填写身份证号等个人敏感信息。'],
    ['网站每周更新', `附件1 的“最后更新日期”填写网站最近一次更新的日期。网站须每周更新：超过 ${stale} 天未更新将被提醒，长期未更新将扣分。`],
    ['网络大V', `附件5 填写粉丝数量达到 ${threshold} 人及以上的本单位师生个人账号（不足 ${threshold} 人的不填）。教师填写“职务职称”，学生填写“专业年级”，两者只填一个。`],
    ['僵尸群', '附件3 填写已停用、需要清理的工作群；已清理的写明清理时间。'],
    ['报送', '填好后保存为 .xlsx 文件，文件名保持不变，发送给党务办公室。如收到退回的文件，按“退回说明”修改标黄的单元格后重新报送。'],
  ];
  return {
    name: INSTRUCTIONS_SHEET,
    title: `${school}网络阵地登记备案填表说明`,
    subtitle: [`填报单位：${unit}`],
    columns: [
      { header: '事项', width: 14 },
      { header: '说明', width: 100, wrap: true },
    ],
    rows,
    print: { landscape: false, fitToWidth: true },
  };
}

/** A unit's template workbook: 填表说明, then the five forms. */
export function unitTemplateModel(unit: string, o: TemplateOptions = {}): WorkbookModel {
  const school = o.school ?? DEFAULTS.school;
  return { sheets: [instructionsSheet(unit, o), ...FORMS.map((f) => formSheetFor(f, unit, school))] };
}

/** `<单位>-网络阵地备案表.xlsx`, with characters that file systems refuse replaced. */
export function unitTemplateFileName(unit: string): string {
  return `${safeFilePart(unit)}-网络阵地备案表.xlsx`;
}

export function safeFilePart(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').trim().slice(0, 80) || '_';
}
