/** Builders for in-memory submissions: a clean unit workbook, mutated one cell at a time. */
import type { Cell, Merge, SheetGrid } from '../../src/core/grid';
import { checkBatch, type CheckOptions, type Submission } from '../../src/core/check';
import type { FormId } from '../../src/core/forms/ids';

export type Raw = string | number | boolean | null;

export const HEAD: Record<FormId, string[]> = {
  website: ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'],
  newmedia: ['序号', '网络平台', '账号名称', '账号ID', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '联系电话', '备注'],
  zombie: ['序号', '群管理员姓名', '联系电话', '工作群名称', '清理原因', '是否已清理', '清理时间', '备注'],
  group: ['序号', '群组类型（QQ群、微信群等）', '群名称', '群人数', '主要用途', '是否全部实名', '群管理员姓名', '联系电话', '备注'],
  bigv: ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '职务职称（教师填写）', '专业年级（学生填写）', '联系方式', '备注'],
};

export const TITLE: Record<FormId, string> = {
  website: '东江职业技术学院网站平台更新登记备案表',
  newmedia: '东江职业技术学院新媒体平台登记备案表',
  zombie: '东江职业技术学院“僵尸”工作群清理备案表',
  group: '东江职业技术学院网络工作群组登记备案表',
  bigv: '东江职业技术学院“网络大V”信息统计表',
};

export const CLEAN: Record<FormId, Raw[][]> = {
  website: [[1, '信息工程学院党建网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18']],
  newmedia: [[1, '微信公众号', '信工青年', 'xxgc_2019', 3200, '2019-09-01', '新闻发布', '李敏', '13800001111', null]],
  zombie: [[1, '李敏', '13800001111', '信工2019迎新临时群', '工作结束', '是', '2024-11-05', null]],
  group: [[1, '微信群', '信工教职工群', 56, '工作通知', '是', '李敏', '13800001111', null]],
  bigv: [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', null, '13911112222', null]],
};

export function cell(v: Raw): Cell | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'boolean') return { t: 'b', v };
  if (/^#(REF!|N\/A|VALUE!|DIV\/0!|NAME\?)$/.test(v)) return { t: 'e', v };
  return { t: 's', v };
}

export function grid(name: string, rows: Raw[][], merges: Merge[] = []): SheetGrid {
  return { name, rows: rows.map((r) => r.map(cell)), merges };
}

export const SIGNER = (unit: string | null) =>
  `${unit ? `填报单位：${unit}    ` : ''}单位负责人签名（盖章）：王建国        填表人：李敏        填表人电话：13800001111`;

/** A form sheet: title (row 1), signer (row 2), header (row 3), data from row 4. */
export function formSheet(form: FormId, rows: Raw[][] = CLEAN[form], opts: { unit?: string | null; name?: string; head?: string[] } = {}): SheetGrid {
  const unit = opts.unit === undefined ? '信息工程学院' : opts.unit;
  return grid(opts.name ?? form, [[TITLE[form]], [SIGNER(unit)], opts.head ?? HEAD[form], ...rows]);
}

export function submission(file: string, sheets: SheetGrid[], extra: Partial<Submission> = {}): Submission {
  return { file, sha256: `${file}-${JSON.stringify(sheets).length}-${Math.random()}`, size: 1000, modified: '2024-11-10T08:00:00.000Z', read: { ok: true, workbook: { sheets } }, ...extra };
}

/** A unit workbook with all five clean forms, optionally replacing some sheets. */
export function unitWorkbook(file = '信息工程学院.xlsx', replace: Partial<Record<FormId, SheetGrid>> = {}, unit: string | null = '信息工程学院'): Submission {
  const forms: FormId[] = ['website', 'newmedia', 'zombie', 'group', 'bigv'];
  return submission(file, forms.map((f) => replace[f] ?? formSheet(f, CLEAN[f], { unit })));
}

export const AS_OF = '2024-11-20';

export function run(subs: Submission[], opts: Partial<CheckOptions> = {}) {
  return checkBatch(subs, { asOf: AS_OF, ...opts });
}

/** Clean rows of a form with one cell replaced (row i, column header). */
export function withCell(form: FormId, header: string, value: Raw, row = 0): Raw[][] {
  const col = HEAD[form].indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return CLEAN[form].map((r, i) => (i === row ? r.map((v, c) => (c === col ? value : v)) : r));
}
