/** Report models as people read them: dates written the Chinese way, file times on the local clock, 总览 laid out without overlaps. */
import { cnDate, isoFromOfficeTime, officeDateTime, officeDay } from '../../src/core/report/dates';
import { checkWorkbookModel } from '../../src/core/report/checkSheets';
import { checkFromResult } from '../../src/core/report/readCheck';
import { blockRows } from '../../src/core/report/model';
import { overviewSheet } from '../../src/core/report/overview';
import { returnCopies, returnSheetModel } from '../../src/core/report/returnCopy';
import { DEFAULT_RUBRIC, assess, makeParams, rankingSheet, type RectItem } from '../../src/core/scoring';
import { rectNotices, rectSheet } from '../../src/core/scoring/rect-sheets';
import { renderWorkbook } from '../../src/xlsx/write';
import { columnWidth, wrappedLines } from '../../src/xlsx/writeSheet';
import { readBackSheets } from '../../src/xlsx/read';
import { formSheet, run, submission, unitWorkbook, withCell } from './builders';
import { entry } from './scoring/helpers';

describe('dates in the sheets', () => {
  it('writes a day as 2024年11月20日 and a file time on the office clock (UTC+8), whatever the machine’s time zone', () => {
    expect(cnDate('2024-11-05')).toBe('2024年11月5日');
    expect(cnDate('不是日期')).toBe('不是日期');
    expect(officeDateTime('2024-11-10T08:00:00.000Z')).toBe('2024-11-10 16:00');
    expect(officeDateTime('2024-11-10T17:45:00.000Z')).toBe('2024-11-11 01:45');
    expect(isoFromOfficeTime('2024-11-11 01:45')).toBe('2024-11-10T17:45:00.000Z');
    expect(officeDay('2024-11-15T16:30:00Z')).toBe('2024-11-16');
    expect(officeDay('2024-11-15T15:59:00Z')).toBe('2024-11-15');
    expect(officeDateTime(null)).toBeNull();
  });

  it('导入记录 shows no ISO timestamp, and reads back to the same time', async () => {
    const check = run([unitWorkbook()]);
    const wb = checkWorkbookModel(check);
    const sheet = wb.sheets.find((s) => s.name === '导入记录')!;
    expect(sheet.title).toBe('导入记录（检查日期 2024年11月20日）');
    const col = sheet.columns.findIndex((c) => c.header === '文件时间');
    expect(String(sheet.rows[0]![col])).not.toMatch(/T\d\d:|Z$/);
    const back = checkFromResult((await readBackSheets(await renderWorkbook(wb))).sheets, check.asOf, null)!;
    expect(back.files[0]!.modified).toBe(check.files[0]!.modified);
  });

  it('退回说明 gives the deadline as a date', () => {
    const check = run([submission('团委.xlsx', [formSheet('website', withCell('website', '联系电话', '12345'), { unit: '团委' })])]);
    const copy = returnCopies(check, { deadline: '2024-12-05' })[0]!;
    const sheet = returnSheetModel(copy);
    expect(sheet.subtitle!.join('')).toContain('于 2024年12月5日前重新报送');
    expect(sheet.rows[0]!.at(-1)).toEqual({ date: '2024-12-05' });
  });
});

describe('dates in what a unit and the leaders read', () => {
  const params = makeParams({ asOf: '2024-11-20' });
  const item = { key: '团委|cell-phone|a.xlsx|附件2|E5', unit: '团委', type: '电话号码无效', description: '联系电话“12345”无效', basis: '登记备案表填报要求', location: 'a.xlsx / 附件2 / E5', requirement: '手机号为 11 位', deadline: '2024-12-05', owner: '', status: '待整改', note: '', recheck: '' } as RectItem;

  it('整改通知 gives its deadline and date as 2024年12月5日', () => {
    const [notice] = rectNotices([item], params);
    const text = [...notice!.subtitle!, ...(notice!.blocks ?? []).flatMap((b) => b.rows.flat().map(String))].join('\n');
    expect(text).toContain('请于 2024年12月5日前');
    expect(text).toContain('检查日期 2024年11月20日');
    expect(text).toContain('日期：2024年11月20日');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('整改台账 and 考核排名 say the inspection date the same way', () => {
    expect(rectSheet([item], params).subtitle![0]).toMatch(/^检查日期：2024年11月20日/);
    const assessment = assess({ units: [{ unit: '团委', category: null }], findings: [], rubric: DEFAULT_RUBRIC, params, scores: [], adjustments: [] });
    expect(rankingSheet(assessment, params).subtitle![0]).toMatch(/^检查日期：2024年11月20日/);
  });
});

describe('总览 layout', () => {
  const params = makeParams({ asOf: '2024-11-20' });
  const names = ['信息工程学院', '护理学院', '后勤处', '团委', '图书馆', '体育部', '校医院'];
  const scores = names.flatMap((u, i) => DEFAULT_RUBRIC.indicators.map((ind) => entry(u, ind.id, Math.max(0, ind.max - i * 0.25))));
  const assessment = assess({ units: names.map((unit) => ({ unit, category: null })), findings: [], rubric: DEFAULT_RUBRIC, params, scores, adjustments: [] });
  const sheet = overviewSheet({ check: run([unitWorkbook()]), params, assessment, rectification: [], findings: [] });

  it('puts the charts right of every block, never over a block cell', () => {
    const widest = Math.max(...sheet.blocks!.flatMap((b) => b.rows.map((r) => r.length)));
    expect(widest).toBe(4); // 排名 单位 年度得分 等级
    for (const c of sheet.charts!) expect(c.anchor.col).toBeGreaterThanOrEqual(widest);
    expect(blockRows(sheet).length).toBe(sheet.blocks!.length);
  });

  it('shows the top and bottom scores with two decimals, and the date the Chinese way', () => {
    for (const b of sheet.blocks!.filter((x) => /^[前后] \d+ 名$/.test(x.title))) expect(b.kinds?.[2]).toBe('decimal2');
    expect(sheet.subtitle![0]).toMatch(/^检查日期：2024年11月20日/);
  });

  it('says that no unit is scored yet instead of an empty 前 0 名 table', () => {
    const none = assess({ units: [{ unit: '团委', category: null }], findings: [], rubric: DEFAULT_RUBRIC, params, scores: [], adjustments: [] });
    const empty = overviewSheet({ check: run([unitWorkbook()]), params, assessment: none, rectification: [], findings: [] });
    const titles = empty.blocks!.map((b) => b.title);
    expect(titles).not.toContain('前 0 名');
    expect(empty.blocks!.find((b) => b.title === '前 5 名')!.rows[1]).toContain('尚无已评分的单位');
  });

});

describe('column widths', () => {
  it('单位概况 headers fit their columns on one line', () => {
    const sheet = checkWorkbookModel(run([unitWorkbook()])).sheets.find((s) => s.name === '单位概况')!;
    for (const c of sheet.columns) expect([c.header, wrappedLines(c.header, columnWidth(c))]).toEqual([c.header, 1]);
  });
});
