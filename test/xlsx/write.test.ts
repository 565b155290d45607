import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { FILLS, type WorkbookModel } from '../../src/core/report/model';
import { safeSheetName, uniqueSheetNames } from '../../src/xlsx/names';
import { readBackSheets, readSubmission } from '../../src/xlsx/read';
import { renderWorkbook, sheetNamesFor } from '../../src/xlsx/write';

const model: WorkbookModel = {
  sheets: [
    {
      name: '评分表',
      title: '网络阵地考核评分表',
      subtitle: ['检查日期：2024-11-20', '说明：黄色为需要填写的分数'],
      columns: [
        { header: '单位', width: 20 },
        { header: '指标', wrap: true },
        { header: '得分', kind: 'decimal2', editable: true },
        { header: '满分', kind: 'integer' },
        { header: '得分率', kind: 'percent' },
        { header: '检查日期', kind: 'date' },
        { header: '状态', editable: true },
        { header: '链接' },
        { header: '单位' }, // duplicate header: the table needs unique names
      ],
      rows: [
        ['信息工程学院', '网站更新', 8.5, 10, { formula: 'C5/D5', result: 0.85 }, { date: '2024-03-25' }, '已整改', { text: '查看', link: "#'校验结果'!A5" }, '=1+1'],
        ['团委', '新媒体', null, 5, { formula: 'IFERROR(C6/D6,0)', result: 0 }, null, '待整改', { text: '外链', link: 'https://example.edu.cn/a' }, '+86 138'],
        ['后勤处', '工作群', 2, 6, { formula: 'C7/D7' }, { date: '2024-02-30' }, '-', { text: "单位'表", link: "'汇总_网站平台'!B2" }, '@x'],
      ],
      table: { name: '评分 表' },
      freeze: { cols: 1 },
      highlights: [
        { row: 0, col: 2, severity: 'error', note: '超过满分' },
        { row: 1, col: 2, severity: 'warning' },
      ],
      validations: [
        { col: 6, type: 'list', values: ['待整改', '整改中', '已整改', '无法整改'], prompt: '请选择整改状态' },
        { col: 1, type: 'list', values: ['a,b', 'c'] },
        { col: 3, type: 'decimal', min: 0, max: 100 },
        { col: 2, type: 'decimal-per-row', min: 0, max: [10, 5, 6], prompt: '不超过本项满分' },
      ],
      conditionalFormats: [
        { col: 6, type: 'text-equals', text: '已整改', fill: FILLS.good },
        { col: 4, type: 'less-than', value: 0.6, fill: FILLS.error, font: '9C0006' },
      ],
      chart: { type: 'bar', title: '得分', categoryCol: 0, valueCol: 2, anchor: { row: 2, col: 10 } },
      print: { landscape: true, fitToWidth: true },
      blocks: [
        { title: '等级分布', rows: [['优秀', 1], ['良好', 2]] },
        { title: '备注', rows: [['无']] },
      ],
    },
    { name: '校验结果', columns: [{ header: '规则' }], rows: [], table: { name: 'T_findings' } },
    { name: 'a/b:c*d?[e]\\f that is way too long for excel', columns: [{ header: 'x' }], rows: [['1']] },
    { name: '校验结果', columns: [], rows: [] },
  ],
};

describe('renderWorkbook', () => {
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;
  let ws: ExcelJS.Worksheet;

  beforeAll(async () => {
    bytes = await renderWorkbook(model);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    ws = wb.getWorksheet('评分表')!;
  });

  it('names sheets validly and uniquely', () => {
    const names = wb.worksheets.map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(sheetNamesFor(model));
    expect(names[2]).toBe('a_b_c_d__e__f that is way too l');
    expect(names[2]!.length).toBeLessThanOrEqual(31);
    expect(names[3]).toBe('校验结果 (2)');
    expect(wb.worksheets[4]!.state).toBe('veryHidden'); // the list holding 'a,b'
  });

  it('writes title, subtitle and header in the documented layout', () => {
    expect(ws.getCell('A1').value).toBe('网络阵地考核评分表');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2', 'A3:I3']));
    expect(ws.getCell('A2').value).toBe('检查日期：2024-11-20');
    expect(ws.getCell('A4').value).toBe('单位');
    expect(ws.getCell('I4').value).toBe('单位2');
    expect(ws.getCell('C4').font.bold).toBe(true);
    expect((ws.getCell('C4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${FILLS.header}`);
    expect(ws.getColumn(1).width).toBe(20);
  });

  it('writes values: strings stay strings, numbers, dates, formulas with results, links', () => {
    expect(ws.getCell('C5').value).toBe(8.5);
    expect(ws.getCell('C5').numFmt).toBe('0.00');
    expect(ws.getCell('D5').numFmt).toBe('0');
    expect(ws.getCell('E5').value).toEqual({ formula: 'C5/D5', result: 0.85 });
    expect(ws.getCell('E5').numFmt).toBe('0.0%');
    expect(ws.getCell('E7').value).toEqual({ formula: 'C7/D7' });
    expect(ws.getCell('F5').value).toEqual(new Date(Date.UTC(2024, 2, 25)));
    expect(ws.getCell('F5').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('F7').value).toBe('2024-02-30'); // not a real date: kept as text
    for (const [addr, text] of [['I5', '=1+1'], ['I6', '+86 138'], ['I7', '@x'], ['G7', '-']] as const) {
      expect(ws.getCell(addr).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(addr).value).toBe(text);
    }
    expect(ws.getCell('H5').value).toEqual({ formula: `HYPERLINK("#'校验结果'!A5","查看")`, result: '查看' });
    expect(ws.getCell('H7').value).toEqual({ formula: `HYPERLINK("#'汇总_网站平台'!B2","单位'表")`, result: "单位'表" });
    expect(ws.getCell('H6').value).toEqual({ text: '外链', hyperlink: 'https://example.edu.cn/a' });
  });

  it('adds the table with autofilter, even when a sheet has no rows', async () => {
    const files = unzipSync(bytes);
    const tables = Object.keys(files).filter((f) => /^xl\/tables\/.+\.xml$/.test(f)).map((f) => strFromU8(files[f]!));
    expect(tables).toHaveLength(2);
    expect(tables[0]).toContain('name="评分_表"');
    expect(tables[0]).toContain('ref="A4:I7"');
    expect(tables[0]).toContain('<autoFilter');
    expect(tables[1]).toContain('name="T_findings"');
  });

  it('highlights cells and adds notes', () => {
    expect((ws.getCell('C5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${FILLS.error}`);
    expect((ws.getCell('C6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${FILLS.warning}`);
    expect(JSON.stringify(ws.getCell('C5').note)).toContain('超过满分');
  });

  it('adds data validations on every data row', () => {
    const g5 = ws.getCell('G5').dataValidation;
    expect(g5).toMatchObject({ type: 'list', formulae: ['"待整改,整改中,已整改,无法整改"'], prompt: '请选择整改状态', showErrorMessage: true });
    expect(ws.getCell('G7').dataValidation.type).toBe('list');
    expect(ws.getCell('B5').dataValidation.formulae[0]).toMatch(/^'下拉选项'!\$A\$1:\$A\$2$/);
    expect(ws.getCell('D6').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    expect(ws.getCell('C5').dataValidation.formulae).toEqual([0, 10]);
    expect(ws.getCell('C6').dataValidation.formulae).toEqual([0, 5]);
    expect(ws.getCell('C7').dataValidation.formulae).toEqual([0, 6]);
  });

  it('adds conditional formats over the data range', () => {
    // exceljs keeps loaded conditional formats here; its typings omit the property.
    const cf = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(['G5:G7', 'E5:E7']);
    expect(cf[0]!.rules[0]).toMatchObject({ type: 'cellIs', operator: 'equal', formulae: ['"已整改"'] });
    expect(cf[1]!.rules[0]).toMatchObject({ type: 'cellIs', operator: 'lessThan', formulae: ['0.6'] });
  });

  it('freezes panes, sets up printing, and recalculates on load', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const workbookXml = strFromU8(unzipSync(bytes)['xl/workbook.xml']!);
    expect(workbookXml).toContain('fullCalcOnLoad="1"');
    expect(workbookXml).toMatch(/_xlnm\.Print_Titles[^>]*>(&apos;)?评分表(&apos;)?!\$4:\$4</);
  });

  it('writes blocks below the table, one empty row apart', () => {
    expect(ws.getCell('A8').value).toBeNull();
    expect(ws.getCell('A9').value).toBe('等级分布');
    expect(ws.getCell('A9').font.bold).toBe(true);
    expect(ws.getCell('A10').value).toBe('优秀');
    expect(ws.getCell('B11').value).toBe(2);
    expect(ws.getCell('A13').value).toBe('备注');
  });

  it('is read back by readBackSheets and readSubmission with the same values', async () => {
    const back = await readBackSheets(bytes);
    const s = back.sheets[0]!;
    expect(s.rows[4]![8]).toEqual({ t: 's', v: '=1+1' });
    expect(s.rows[4]![4]).toEqual({ t: 'n', v: 0.85 });
    expect(s.rows[4]![5]).toEqual({ t: 'd', v: '2024-03-25' });
    expect(s.rows[4]![7]).toEqual({ t: 's', v: '查看' });
    expect(s.formulas?.E5).toBe('C5/D5');
    expect((await readSubmission('result.xlsx', bytes)).ok).toBe(true);
  });
});

describe('sheet names', () => {
  it('sanitises and dedupes', () => {
    expect(safeSheetName("'x'")).toBe('x');
    expect(safeSheetName('')).toBe('Sheet');
    expect(safeSheetName('History')).toBe('History_');
    expect(uniqueSheetNames(['A', 'a', 'A', 'x'.repeat(40), 'x'.repeat(40)])).toEqual(['A', 'a (2)', 'A (3)', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
  });
});
