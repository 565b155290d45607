/** Blank filing templates to send to units: one sheet per form, with dropdowns and hints. */
import { FORMS, type FormTemplate } from '../forms/templates';
import { ENUMS } from '../normalize/enums';
import type { OutValue, SheetModel, Validation, WorkbookModel } from './model';

const BLANK_ROWS = 20;
const SIGNER = '填报单位：                    单位负责人签名（盖章）：                    填表人：                    填表人电话：';

function templateSheet(form: FormTemplate, school: string): SheetModel {
  const cols = form.columns.filter((c) => !c.extra);
  const validations: Validation[] = [];
  cols.forEach((c, i) => {
    if (c.type === 'enum' && c.enumKind) {
      validations.push({ col: i, type: 'list', values: ENUMS[c.enumKind].map((e) => e.value), prompt: `请从下拉列表选择${c.label}` });
    } else if (c.type === 'count') {
      validations.push({ col: i, type: 'decimal', min: 0, max: 1e9, prompt: `${c.label}：填写数字，如 12000` });
    }
  });
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
    validations,
    freeze: { cols: 0 },
    print: { landscape: true, fitToWidth: true },
    blocks: [{ title: '填表说明', rows: [
      ['1. 带下拉的列请从列表中选择；日期填写如 2024-03-25；电话填写手机号或带区号的座机号，多个用“/”分隔。'],
      ['2. 如本单位无此类平台，请在第一行填写“无”后照常报送。'],
      ['3. 请勿填写身份证号等个人敏感信息；新媒体账号不得绑定学生手机。'],
    ] }],
  };
}

export function templateWorkbookModel(school = 'XX学院'): WorkbookModel {
  return { sheets: FORMS.map((f) => templateSheet(f, school)) };
}
