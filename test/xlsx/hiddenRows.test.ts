/**
 * Rows a unit hid (old sites, an account it would rather not show): every reader says which
 * rows are hidden, the checker still reads them and says so (rows-hidden), and a score sheet's
 * hidden row is not counted.
 */
import ExcelJS from 'exceljs';
import { readSubmission } from '../../src/xlsx/read';
import { unzipSync, strFromU8 } from 'fflate';
import { patchZip, toBytes } from './helpers';
import { hasSoffice, sofficeConvert } from './formatFiles';
import { run, submission, TITLE, SIGNER, HEAD, CLEAN } from '../core/builders';
import type { WorkbookGrid } from '../../src/core/grid';

async function website(hide: number[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1');
  ws.addRow([TITLE.website]);
  ws.addRow([SIGNER('信息工程学院')]);
  ws.addRow(HEAD.website);
  ws.addRow(CLEAN.website[0]!);
  ws.addRow([2, '信息工程学院旧网站', '王建国', '李敏', '13800001111', '新闻动态', '2023-01-05']);
  ws.addRow([3, '信息工程学院英文网', '王建国', '李敏', '13800001111', '学院概况', '2024-11-18']);
  for (const r of hide) ws.getRow(r + 1).hidden = true;
  return toBytes(wb);
}

async function grid(name: string, bytes: Uint8Array): Promise<WorkbookGrid> {
  const r = await readSubmission(name, bytes);
  if (!r.ok) throw new Error(r.detail);
  return r.workbook;
}

describe('hidden rows', () => {
  it('the .xlsx reader says which rows are hidden', async () => {
    const wb = await grid('a.xlsx', await website([4]));
    expect(wb.sheets[0]!.hiddenRows).toEqual([4]);
  });

  it('near miss: a sheet without hidden rows says none', async () => {
    const wb = await grid('a.xlsx', await website([]));
    expect(wb.sheets[0]!.hiddenRows).toBeUndefined();
  });

  it('a hidden data row is read, and reported once per sheet with its row numbers', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([4, 5]));
    const r = run([submission('信息工程学院.xlsx', wb.sheets)]);
    expect(r.units[0]!.forms.website).toBe(3);
    const hidden = r.findings.filter((f) => f.rule === 'rows-hidden');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ severity: 'warning', cell: 'A5', sheet: '附件1' });
    expect(hidden[0]!.message).toContain('第 5、6 行（共 2 行）被隐藏');
  });

  it('near miss: a hidden title or blank row is no hidden data', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([0]));
    const r = run([submission('信息工程学院.xlsx', wb.sheets)]);
    expect(r.findings.filter((f) => f.rule === 'rows-hidden')).toEqual([]);
  });

  /** The sheet with an AutoFilter over the table (A3:G6), a filter criterion set when `active`. */
  async function filtered(hide: number[], active: boolean, asTable = false): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分表');
    ws.addRow(['评分表']);
    const rows = [['单位', '得分'], ['化学学院', 90], ['物理学院', 85], ['数学学院', 70]];
    if (asTable) ws.addTable({ name: 'T', ref: 'A2', headerRow: true, columns: rows[0]!.map((n) => ({ name: String(n), filterButton: true })), rows: rows.slice(1) });
    else {
      for (const r of rows) ws.addRow(r);
      ws.autoFilter = 'A2:B5';
    }
    for (const r of hide) ws.getRow(r + 1).hidden = true;
    const bytes = await toBytes(wb);
    if (!active) return bytes;
    const part = asTable ? 'xl/tables/table1.xml' : 'xl/worksheets/sheet1.xml';
    const xml = strFromU8(unzipSync(bytes)[part]!);
    const criterion = '<filterColumn colId="0"><filters><filter val="化学学院"/></filters></filterColumn>';
    // ExcelJS's own filterColumn elements (hiddenButton alone) filter nothing.
    const patched = xml.replace(/<autoFilter ([^>]*?)(\/?)>/, (_, attrs: string, closed: string) => `<autoFilter ${attrs}>${criterion}${closed ? '</autoFilter>' : ''}`);
    expect(patched).not.toBe(xml);
    return patchZip(bytes, { [part]: patched });
  }

  it('rows an active filter hides are a view, not hidden rows: a filtered 评分表 counts every unit', async () => {
    expect((await grid('a.xlsx', await filtered([3, 4], true))).sheets[0]!.hiddenRows).toBeUndefined();
    expect((await grid('a.xlsx', await filtered([3, 4], true, true))).sheets[0]!.hiddenRows).toBeUndefined();
  });

  it('near miss: rows hidden by hand under filter buttons with nothing filtered, or outside the filter, stay hidden', async () => {
    expect((await grid('a.xlsx', await filtered([3], false))).sheets[0]!.hiddenRows).toEqual([3]);
    expect((await grid('a.xlsx', await filtered([3], false, true))).sheets[0]!.hiddenRows).toEqual([3]);
    // The title row above the filter's header is no filtered row.
    expect((await grid('a.xlsx', await filtered([0, 3], true))).sheets[0]!.hiddenRows).toEqual([0]);
  });

  (hasSoffice() ? it : it.skip)('.ods: rows a filter hides (visibility “filter”) are no hidden rows, rows hidden by hand (“collapse”) are', async () => {
    const byHand = sofficeConvert(await filtered([3, 4], false), 'xlsx', 'ods');
    expect((await grid('a.ods', byHand)).sheets[0]!.hiddenRows).toEqual([3, 4]);
    const content = strFromU8(unzipSync(byHand)['content.xml']!);
    expect(content).toContain('table:visibility="collapse"');
    const byFilter = patchZip(byHand, { 'content.xml': content.replaceAll('table:visibility="collapse"', 'table:visibility="filter"') });
    expect((await grid('a.ods', byFilter)).sheets[0]!.hiddenRows).toBeUndefined();
  });

  (hasSoffice() ? it.each(['xls', 'ods']) : it.skip.each(['xls', 'ods']))('LibreOffice’s .%s keeps the hidden row', async (ext) => {
    const bytes = sofficeConvert(await website([4]), 'xlsx', ext);
    const wb = await grid(`a.${ext}`, bytes);
    expect(wb.sheets[0]!.hiddenRows).toEqual([4]);
  });
});
