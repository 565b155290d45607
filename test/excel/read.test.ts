import { readSheets, isDateFormat, parseAreas } from '../../src/excel/read';
import { selectCell, listSheets } from '../../src/excel/select';
import { ALL_CAPS, MIN_CAPS, detectCaps, hostLimitsLine, missingFeatures } from '../../src/excel/requirements';
import { FakeExcel } from './fakeExcel';
import { runOfficeJs } from './officeJs';

function fixture(): FakeExcel {
  const fake = new FakeExcel('1.18');
  const s = fake.addSheet('附件5', [
    ['网络大V信息统计表'],
    ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '类别', null, '开通日期'],
    [null, null, null, null, null, '职务职称（教师填写）', '专业年级（学生填写）'],
    [1, '抖音', 'dy123', '小王说', 12000, '讲师', null, { date: '2024-03-25' }],
    [2, '微博', { error: '#REF!' }, '#REF!', '1.2万', null, '2022级', { date: '2023-01-02', nf: 'yyyy"年"m"月"d"日"' }],
  ]);
  s.merges.push({ r0: 0, c0: 0, r1: 0, c1: 7 }, { r0: 1, c0: 5, r1: 1, c1: 6 });
  fake.addSheet('空表');
  return fake;
}

describe('readSheets', () => {
  for (const [label, caps] of [['valuesAsJson + merged areas', ALL_CAPS], ['ExcelApi 1.7 floor (values + valueTypes)', MIN_CAPS]] as const) {
    it(`reads values, dates, errors${caps.mergedAreas ? ' and merges' : ''} (${label})`, async () => {
      const fake = fixture();
      fake.apiVersion = caps === MIN_CAPS ? '1.7' : '1.18';
      const wb = await fake.run((ctx) => readSheets(ctx, caps, ['附件5', '空表', '不存在']));
      expect(wb.sheets.map((s) => s.name)).toEqual(['附件5', '空表']);
      const g = wb.sheets[0]!;
      expect(g.rows[0]![0]).toEqual({ t: 's', v: '网络大V信息统计表' });
      expect(g.rows[3]).toEqual([
        { t: 'n', v: 1 },
        { t: 's', v: '抖音' },
        { t: 's', v: 'dy123' },
        { t: 's', v: '小王说' },
        { t: 'n', v: 12000 },
        { t: 's', v: '讲师' },
        null,
        { t: 'd', v: '2024-03-25' },
      ]);
      expect(g.rows[4]![2]).toEqual({ t: 'e', v: '#REF!' });
      expect(g.rows[4]![3]).toEqual({ t: 's', v: '#REF!' }); // text that looks like an error stays text
      expect(g.rows[4]![4]).toEqual({ t: 's', v: '1.2万' });
      expect(g.rows[4]![7]).toEqual({ t: 'd', v: '2023-01-02' });
      expect(g.merges).toEqual(caps.mergedAreas ? [{ top: 0, left: 0, bottom: 0, right: 7 }, { top: 1, left: 5, bottom: 1, right: 6 }] : []);
      expect(wb.sheets[1]!.rows).toEqual([]);
      expect(fake.syncs).toBe(caps.mergedAreas ? 4 : 3); // merged areas: a request of their own
    });
  }

  it('reads all sheets when no names are given, in requests under the limit', async () => {
    const fake = new FakeExcel('1.18');
    const rows = Array.from({ length: 30000 }, (_, i) => [i, `单位${i}`, '13800000000', '网站平台更新登记备案表内容比较长的一段文字']);
    fake.addSheet('大表', rows);
    fake.addSheet('小表', [['a']]);
    const wb = await fake.run((ctx) => readSheets(ctx, ALL_CAPS));
    expect(wb.sheets.map((s) => s.name)).toEqual(['大表', '小表']);
    expect(wb.sheets.map((s) => s.hidden)).toEqual([undefined, undefined]);
    expect(wb.sheets[0]!.rows).toHaveLength(30000);
    expect(wb.sheets[0]!.rows[29999]![1]).toEqual({ t: 's', v: '单位29999' });
    expect(fake.maxResponseBytes).toBeLessThanOrEqual(4_000_000);
  });

  it('marks hidden sheets, in the same round trips', async () => {
    const fake = new FakeExcel('1.18');
    fake.addSheet('附件1', [['序号']]);
    fake.addSheet('下拉选项', [['微信公众号']]).visibility = 'VeryHidden';
    const wb = await fake.run((ctx) => readSheets(ctx, ALL_CAPS));
    expect(wb.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([['附件1', false], ['下拉选项', true]]);
    const named = new FakeExcel('1.18');
    named.addSheet('下拉选项', [['微博']]).visibility = 'Hidden';
    expect((await named.run((ctx) => readSheets(ctx, ALL_CAPS, ['下拉选项']))).sheets[0]!.hidden).toBe(true);
  });

  it('recognises date formats', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yyyy', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'd-mmm-yy']) expect(isDateFormat(f)).toBe(true);
    for (const f of ['General', '0.00', '@', 'h:mm:ss', '0.00E+00', '#,##0"元"', '[Red]0.0']) expect(isDateFormat(f)).toBe(false);
  });

  it('parses merged area addresses', () => {
    expect(parseAreas("'附件 5'!A1:H1,'附件 5'!$F$2:$G$2")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 7 },
      { top: 1, left: 5, bottom: 1, right: 6 },
    ]);
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell', async () => {
    const fake = fixture();
    expect(await fake.run((ctx) => selectCell(ctx, '附件5', 'C5'))).toBe(true);
    expect(fake.state.selection).toEqual({ sheet: '附件5', address: 'C5' });
    expect(fake.syncs).toBe(2);
  });
  it('returns false for a sheet that is not in this workbook', async () => {
    const fake = fixture();
    expect(await fake.run((ctx) => selectCell(ctx, '别的文件', 'A1'))).toBe(false);
  });
  it('lists sheets', async () => {
    expect(await fixture().run((ctx) => listSheets(ctx))).toEqual(['附件5', '空表']);
  });
});

describe('readSheets: responses and merged areas like Excel', () => {
  it('keeps every response under 4.5 MB on a text-heavy sheet (block sizes follow the measured bytes)', async () => {
    const fake = new FakeExcel('1.18');
    const long = '整改说明：'.repeat(100); // ~1.5 KB a cell, far above the first estimate
    fake.addSheet('整改台账', Array.from({ length: 6000 }, (_, i) => [i, `单位${i}`, long, long]));
    const { result: wb, wire } = await runOfficeJs(fake, (ctx) => readSheets(ctx, ALL_CAPS));
    expect(wb.sheets[0]!.rows).toHaveLength(6000);
    expect(wb.sheets[0]!.rows[5999]![3]).toEqual({ t: 's', v: long });
    expect(Math.max(...wire.responses)).toBeLessThan(4.5 * 1024 * 1024);
  });

  it('reads merged areas per sheet; a sheet above 512 areas is read in pieces, the others in one request', async () => {
    const fake = new FakeExcel('1.18');
    const s = fake.addSheet('多合并', Array.from({ length: 1400 }, (_, i) => [`a${i}`, null, `c${i}`]));
    for (let r = 0; r < 1400; r++) s.merges.push({ r0: r, c0: 0, r1: r, c1: 1 });
    const t = fake.addSheet('附件5', [['标题'], ['x', 'y']]);
    t.merges.push({ r0: 0, c0: 0, r1: 0, c1: 1 });
    const wb = await fake.run((ctx) => readSheets(ctx, ALL_CAPS));
    expect(wb.sheets[0]!.merges).toHaveLength(1400);
    expect(wb.sheets[0]!.merges[1399]).toEqual({ top: 1399, left: 0, bottom: 1399, right: 1 });
    expect(wb.sheets[1]!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('the fake refuses getMergedAreasOrNullObject above 512 areas, and reports only areas whose top-left is in the range', async () => {
    const fake = new FakeExcel('1.18');
    const s = fake.addSheet('S', [['a']]);
    for (let r = 0; r < 513; r++) s.merges.push({ r0: r, c0: 0, r1: r, c1: 1 });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:B513').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      }),
    ).rejects.toThrow(/512/);
    const addr = await fake.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem('S').getRange('B1:C2').getMergedAreasOrNullObject();
      a.load('address');
      await ctx.sync();
      return a.isNullObject ? null : a.address;
    });
    expect(addr).toBeNull(); // A1:B1 and A2:B2 start in column A
  });
});

describe('what each host lacks', () => {
  it('lists the missing features by requirement set, and nothing on current Excel or outside Office', () => {
    const host = (v: string) => ({ context: { requirements: new FakeExcel(v).requirements } });
    expect(missingFeatures(detectCaps(new FakeExcel('1.18').requirements))).toEqual([]);
    expect(missingFeatures(detectCaps(new FakeExcel('1.14').requirements)).map((f) => f.cap)).toEqual(['valuesAsJson', 'notes']);
    expect(missingFeatures(detectCaps(new FakeExcel('1.7').requirements)).map((f) => f.set)).toEqual(['1.8', '1.9', '1.9', '1.13', '1.16', '1.18']);
    expect(hostLimitsLine(host('1.18'))).toBe('');
    expect(hostLimitsLine(undefined)).toBe('');
    expect(hostLimitsLine(host('1.17'))).toBe('此版本 Excel 不支持：问题单元格的批注（需要 Microsoft 365 或较新的 Excel）');
    expect(hostLimitsLine(host('1.7'))).toContain('下拉选项与分值范围校验');
  });
});
