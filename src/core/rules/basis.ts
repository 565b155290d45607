/**
 * Where each rule comes from (the seed clause) and what the unit must do: data for the
 * 规则说明 legend of the findings workbook. 003 = the filing notice (通知), its 附件1–5 the five
 * forms; 001 = the management measures (管理办法); 004 = the website rubric (评分细则).
 */
import * as catalog from './catalog';
import { SCORING_RULES } from '../scoring/rules';
import type { SheetModel } from '../report/model';
import type { RuleId } from './ids';

const N = '003 通知';
const FORMS = `${N}附件1–5（登记备案表模板）`;
const SUBMIT = `${N}五（材料报送要求）`;

/** Basis and requirement per rule id; rules of one kind share a line. */
const BY_PREFIX: [RegExp, string, string][] = [
  [/^file-split-by-sheet/, SUBMIT, '核对各工作表的“填报单位”；各单位数据以本单位的工作表为准'],
  [/^file-split-by-unit/, SUBMIT, '核对各行所填单位；各单位数据以本单位的行为准'],
  [/^file-statement/, SUBMIT, '确无此类平台的表可以情况说明报送；其他备案表仍按模板报送'],
  [/^sheet-(hidden-)?copy/, SUBMIT, '每种备案表只保留一份，删除旧版本工作表后报送'],
  [/^sheet-transposed/, SUBMIT, '按模板横向填写：表头在上，每行一条记录'],
  [/^rows-hidden/, FORMS, '取消隐藏所有行；确实不需要报送的行直接删除'],
  [/^columns-hidden/, FORMS, '取消隐藏所有列；确实不需要报送的列直接删除'],
  [/^(file|sheet|cell-unreadable|cell-image|formula-no-value|read-limit|csv|encoding)/, SUBMIT, '用 Excel 或 WPS 另存为 .xlsx 后按模板重新报送'],
  [/^unit-(missing)/, SUBMIT, '按时报送本单位全部登记备案表'],
  [/^unit-/, SUBMIT, '在“填报单位”处填写单位全称（与单位名单一致）'],
  [/^form-/, SUBMIT, '按时补报缺少的备案表；确无此类平台的填“无”报送'],
  [/^signer-/, FORMS, '填写单位负责人、填表人及其电话，负责人签名并加盖公章'],
  [/^(header|form-empty)/, FORMS, '使用模板原有表头与列顺序，不增删列'],
  [/^(cell|row|seq)/, FORMS, '按模板要求逐项如实填写，改正所示单元格'],
  [/^website-stale/, '001 第八条（信息更新机制）', '及时更新网站内容，至少每周更新一次'],
  [/^website-columns/, '000 二（二）、004 评分细则（栏目规划）', '按要求设置新闻动态、组织管理、党员教育等栏目'],
  [/^website-/, `${N}一（网站平台建设管理）、附件1`, '如实填写网站网址，使用学校统一域名'],
  [/^bigv-category/, `${N}附件5`, '教师填写职务职称、学生填写专业年级，二者只填其一'],
  [/^bigv-/, `${N}四（“网络大V”培育管理）`, '只登记粉丝数达到标准的账号'],
  [/^account-/, `${N}二（新媒体平台运维管理）`, '新媒体账号由教职工管理，登记教职工联系电话'],
  [/^group-/, `${N}三（工作群组清查管理）`, '落实工作群成员实名制'],
  [/^zombie-/, `${N}三、附件3`, '填写清理时间；已清理的群组从工作群组登记表中删除'],
  [/^(dup-across-units|contact-conflict)/, `${N}一至四（登记备案要求）`, '核实归属单位与联系人，更正后重新报送'],
  [/^findings-capped/, SUBMIT, '按所列问题改正后重新报送，再次检查其余问题'],
  [/^(score|rubric)/, '004 评分细则；001 第十条（监督检查与考核）', '检查人核对评分后重新录入'],
  [/^(adjustment|params|rect)/, '001 第十条（监督检查与考核）', '按说明改正考核工作表'],
];

export interface RuleNote {
  id: RuleId;
  title: string;
  severity: string;
  description: string;
  basis: string;
  requirement: string;
}

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

/** Every rule the checker and the scoring can report, with its basis and requirement. */
export function ruleNotes(): RuleNote[] {
  const rules = [...Object.values(catalog), ...SCORING_RULES];
  return rules.map((r) => {
    const hit = BY_PREFIX.find(([re]) => re.test(r.id));
    return { id: r.id, title: r.title, severity: r.severity, description: r.description, basis: hit?.[1] ?? FORMS, requirement: hit?.[2] ?? '按要求改正后重新报送' };
  });
}

export const LEGEND_SHEET = '规则说明';

/** The legend of the findings workbook: id, title, severity, description, basis, requirement. */
export function ruleLegendSheet(): SheetModel {
  return {
    name: LEGEND_SHEET,
    title: '校验规则说明',
    columns: [
      { header: '规则', width: 26 },
      { header: '名称', width: 18 },
      { header: '级别', width: 6 },
      { header: '说明', width: 50, wrap: true },
      { header: '依据', width: 30, wrap: true },
      { header: '整改要求', width: 36, wrap: true },
    ],
    rows: ruleNotes().map((n) => [n.id, n.title, SEVERITY[n.severity] ?? n.severity, n.description, n.basis, n.requirement]),
    table: { name: 'T_Rules' },
    print: { landscape: true, fitToWidth: true },
  };
}
