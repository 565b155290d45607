/**
 * Synthetic report models shaped like the engine's (导入记录, 校验结果, 汇总_*, 单位概况, 评分表,
 * 考核排名, 整改台账) for any number of units: used to measure round trips and request sizes
 * independently of the engine's current state. Deterministic.
 */
import type { OutValue, SheetModel, WorkbookModel } from '../../src/core/report/model';
import { headerRow } from '../../src/core/report/model';

const FORMS = ['网站平台', '新媒体平台', '僵尸群清理', '网络工作群组', '网络大V'];
const INDICATORS: [string, string, number][] = [
  ['网站内容', '栏目规划', 3],
  ['网站内容', '新闻动态', 15],
  ['网站内容', '组织管理', 20],
  ['网站内容', '党员教育', 15],
  ['网站内容', '信息规范', 7],
  ['网站内容', '信息更新', 10],
  ['网站管理', '领导重视', 10],
  ['网站管理', '规章制度', 8],
  ['网站管理', '专栏维护', 6],
  ['网站管理', '安全规范', 6],
];

export function unitName(i: number): string {
  return `第${i + 1}学院`;
}

function phone(i: number): string {
  return `138${String(10000000 + i * 7919).slice(-8)}`;
}

export function syntheticModel(units: number): WorkbookModel {
  const sheets: SheetModel[] = [];
  // 导入记录
  sheets.push({
    name: '导入记录',
    columns: [
      { header: '文件', width: 30 },
      { header: 'SHA-256', width: 20 },
      { header: '单位', width: 16 },
      { header: '识别的表', width: 24 },
      { header: '行数', kind: 'integer' },
      { header: '状态' },
      { header: '时间', kind: 'date' },
    ],
    rows: Array.from({ length: units }, (_, i): OutValue[] => [
      `${unitName(i)}-备案表.xlsx`,
      `${(i * 2654435761).toString(16).padStart(16, '0')}${'ab'.repeat(24)}`,
      unitName(i),
      FORMS.join('、'),
      15,
      '已接收',
      { date: '2024-11-18' },
    ]),
    table: { name: '导入记录' },
    freeze: { cols: 1 },
  });
  // 校验结果
  const findings: OutValue[][] = [];
  for (let i = 0; i < units; i++) {
    for (let k = 0; k < 6; k++) {
      findings.push([
        k % 3 === 0 ? '错误' : '警告',
        k % 2 ? 'cell-phone' : 'website-stale',
        unitName(i),
        `${unitName(i)}-备案表.xlsx`,
        '附件1',
        { text: `E${5 + k}`, link: `'汇总_网站平台'!E${2 + i * 3}` },
        `联系电话“${phone(i).slice(0, 10)}”不是有效的手机或座机号码`,
        '请填写11位手机号或带区号的座机号',
      ]);
    }
  }
  sheets.push({
    name: '校验结果',
    columns: [
      { header: '级别' },
      { header: '规则' },
      { header: '单位', width: 16 },
      { header: '文件', width: 30 },
      { header: '工作表' },
      { header: '单元格' },
      { header: '问题', width: 50, wrap: true },
      { header: '建议', width: 30 },
    ],
    rows: findings,
    table: { name: '校验结果' },
    freeze: { cols: 0 },
    conditionalFormats: [{ col: 0, type: 'text-equals', text: '错误', fill: 'FFC7CE' }],
  });
  // 汇总_*: three rows per unit and form
  for (const [fi, form] of FORMS.entries()) {
    const rows: OutValue[][] = [];
    const highlights: SheetModel['highlights'] = [];
    for (let i = 0; i < units; i++) {
      for (let k = 0; k < 3; k++) {
        rows.push([
          unitName(i),
          k + 1,
          `${unitName(i)}${form}${k + 1}`,
          `张${i}`,
          phone(i + k),
          k === 2 ? '=HYPERLINK("http://x")' : '新闻动态、组织管理、党员教育',
          { date: '2024-11-01' },
          5000 + i,
          `${unitName(i)}-备案表.xlsx`,
        ]);
        if (k === 0) highlights.push({ row: rows.length - 1, col: 4, severity: 'error', note: '联系电话格式不正确' });
      }
    }
    sheets.push({
      name: `汇总_${form}`,
      columns: [
        { header: '单位', width: 16 },
        { header: '序号', kind: 'integer' },
        { header: '名称', width: 24 },
        { header: '负责人' },
        { header: '联系电话', width: 14 },
        { header: '栏目', width: 30, wrap: true },
        { header: '最后更新日期', kind: 'date' },
        { header: '粉丝人数', kind: 'integer' },
        { header: '来源文件', width: 30 },
      ],
      rows,
      table: { name: `汇总_${fi}` },
      freeze: { cols: 1 },
      highlights,
    });
  }
  // 单位概况
  sheets.push({
    name: '单位概况',
    columns: [{ header: '单位' }, { header: '类别' }, { header: '已交' , kind: 'integer'}, { header: '缺交' }, { header: '错误', kind: 'integer' }, { header: '警告', kind: 'integer' }],
    rows: Array.from({ length: units }, (_, i) => [unitName(i), '教学单位', 5, '', i % 4, i % 7]),
    table: { name: '单位概况' },
  });
  // 评分表: editable 得分/扣分说明, per-row bounds, live totals.
  const scoring: SheetModel = {
    name: '评分表',
    title: '网站评分表（上半年）',
    subtitle: ['检查日期：2024-11-20'],
    columns: [
      { header: '单位', width: 16 },
      { header: '一级指标' },
      { header: '二级指标' },
      { header: '分值', kind: 'number' },
      { header: '得分', kind: 'number', editable: true },
      { header: '扣分说明', width: 30, editable: true, wrap: true },
      { header: '单位合计', kind: 'decimal2' },
    ],
    rows: [],
    table: { name: '评分表' },
    freeze: { cols: 1 },
  };
  const h = headerRow(scoring);
  for (let i = 0; i < units; i++) {
    INDICATORS.forEach(([l1, l2, max], k) => {
      const r = h + 1 + scoring.rows.length + 1; // 1-based sheet row
      scoring.rows.push([unitName(i), l1, l2, max, null, null, k === 0 ? { formula: `SUMIFS(E:E,A:A,A${r})`, result: 0 } : null]);
    });
  }
  scoring.validations = [{ col: 4, type: 'decimal-per-row', min: 0, max: scoring.rows.map((r) => r[3] as number), prompt: '0 至分值，步长 0.5' }];
  sheets.push(scoring);
  // 考核排名
  sheets.push({
    name: '考核排名',
    title: '网络阵地年度考核排名',
    columns: [{ header: '排名', kind: 'integer' }, { header: '单位', width: 16 }, { header: '类别' }, { header: '得分', kind: 'decimal2' }, { header: '等次' }, { header: '联系电话' }],
    rows: Array.from({ length: units }, (_, i) => [i + 1, unitName(i), '教学单位', 100 - (i % 50), ['优秀', '良好', '合格', '不合格'][i % 4]!, '138****5678']),
    table: { name: '考核排名' },
    freeze: { cols: 2 },
    conditionalFormats: [
      { col: 4, type: 'text-equals', text: '优秀', fill: 'C6EFCE' },
      { col: 3, type: 'less-than', value: 60, fill: 'FFC7CE', font: '9C0006' },
    ],
    chart: { type: 'bar', title: '年度得分', categoryCol: 1, valueCol: 3, anchor: { row: 1, col: 8 } },
    print: { landscape: false, fitToWidth: true },
    blocks: [{ title: '等次分布', rows: [['优秀', Math.ceil(units / 4)], ['良好', Math.ceil(units / 4)]] }],
  });
  // 整改台账
  const ledger: OutValue[][] = [];
  for (let i = 0; i < units; i++) {
    for (let k = 0; k < 3; k++) {
      ledger.push([unitName(i), k ? '信息更新' : '备案信息', `问题${k + 1}：网站超过14天未更新`, '第八条', `附件1!G${5 + k}`, '立即更新并建立周更新机制', { date: '2024-12-05' }, null, '待整改', null, null]);
    }
  }
  sheets.push({
    name: '整改台账',
    columns: [
      { header: '单位' },
      { header: '问题类型' },
      { header: '问题描述', width: 40, wrap: true },
      { header: '依据' },
      { header: '位置' },
      { header: '整改要求', width: 30 },
      { header: '整改时限', kind: 'date' },
      { header: '责任人', editable: true },
      { header: '整改状态', editable: true },
      { header: '整改说明', editable: true, width: 30 },
      { header: '复查结果', editable: true },
    ],
    rows: ledger,
    table: { name: '整改台账' },
    freeze: { cols: 1 },
    validations: [{ col: 8, type: 'list', values: ['待整改', '整改中', '已整改', '无法整改'] }],
  });
  return { sheets };
}
