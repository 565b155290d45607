import type { SheetModel, WorkbookModel } from '../../src/core/report/model';
import { writeWorkbookModel, areaAddresses, WriteError } from '../../src/excel/write';
import { ALL_CAPS, MIN_CAPS, detectCaps } from '../../src/excel/requirements';
import { REQUEST_LIMIT_BYTES, payloadBytes } from '../../src/excel/batch';
import { FakeContext, FakeExcel, FakeExcelError, measureWrite } from './fakeExcel';
import { syntheticModel, unitName } from './models';

const small: SheetModel = {
  name: '汇总_网站平台',
  title: '网站平台汇总',
  subtitle: ['检查日期：2024-11-20'],
  columns: [
    { header: '单位', width: 16 },
    { header: '网站名称', width: 24 },
    { header: '联系电话' },
    { header: '最后更新日期', kind: 'date' },
    { header: '粉丝', kind: 'integer' },
    { header: '得分', kind: 'decimal2' },
    { header: '来源', width: 10 },
  ],
  rows: [
    ['信息工程学院', '=cmd|" /C calc"!A0', '01088886666', { date: '2024-03-25' }, 1200, { formula: 'E4/100', result: 12 }, { text: '附件1!E5', link: "'校验结果'!A2" }],
    ['外国语学院', '+8613812345678', '-', { date: '2024-02-30' }, null, 3.5, '@SUM(A1)'],
    ['马克思主义学院', '2024-03-25', '0012', null, 5, null, "'quoted"],
  ],
  table: { name: 'T_website' },
  freeze: { cols: 1 },
  highlights: [{ row: 0, col: 2, severity: 'error', note: '联系电话不正确' }],
  conditionalFormats: [{ col: 0, type: 'text-equals', text: '外国语"学院', fill: 'FFC7CE' }],
  validations: [{ col: 4, type: 'decimal', min: 0, max: 10, prompt: '0–10' }],
  print: { landscape: true, fitToWidth: true },
  chart: { type: 'bar', title: '粉丝', categoryCol: 0, valueCol: 4, anchor: { row: 0, col: 9 } },
  blocks: [{ title: '说明', rows: [['合计', 3], ['主页', { text: '学校"主页"', link: 'https://www.example.edu.cn/' }]] }],
};

describe('writeWorkbookModel: content', () => {
  let fake: FakeExcel;
  beforeAll(async () => {
    fake = new FakeExcel('1.18');
    await fake.run((ctx) => writeWorkbookModel(ctx, { sheets: [small] }, { caps: ALL_CAPS, activate: small.name }));
  });

  it('lays out title, subtitle, header and rows (headerRow contract)', () => {
    const v = fake.values(small.name);
    expect(v[0]![0]).toBe('网站平台汇总');
    expect(v[1]![0]).toBe('检查日期：2024-11-20');
    expect(v[2]).toEqual(small.columns.map((c) => c.header));
    expect(v[3]![0]).toBe('信息工程学院');
    expect(fake.sheet(small.name).merges).toContainEqual({ r0: 0, c0: 0, r1: 0, c1: 6 });
    expect(fake.cell(small.name, 'A1')!.bold).toBe(true);
    expect(fake.cell(small.name, 'A3')!.bold).toBe(true);
  });

  it('never turns submitted text into a formula, number or date (Text format before values)', () => {
    expect(fake.cell(small.name, 'B4')).toMatchObject({ v: '=cmd|" /C calc"!A0', nf: '@' });
    expect(fake.cell(small.name, 'B4')!.f).toBeUndefined();
    expect(fake.cell(small.name, 'B5')).toMatchObject({ v: '+8613812345678', nf: '@' });
    expect(fake.cell(small.name, 'C5')).toMatchObject({ v: '-', nf: '@' });
    expect(fake.cell(small.name, 'G5')).toMatchObject({ v: '@SUM(A1)', nf: '@' });
    expect(fake.cell(small.name, 'B6')).toMatchObject({ v: '2024-03-25', nf: '@' });
    expect(fake.cell(small.name, 'C4')).toMatchObject({ v: '01088886666', nf: '@' });
    expect(fake.cell(small.name, 'C6')).toMatchObject({ v: '0012', nf: '@' });
    expect(fake.cell(small.name, 'G6')).toMatchObject({ v: "'quoted", nf: '@' });
    // The only formulas on the sheet are our own (internal links as HYPERLINK, literals quoted).
    expect(fake.formulas(small.name)).toEqual({ F4: '=E4/100', G4: `=HYPERLINK("#'校验结果'!A2","附件1!E5")` });
  });

  it('writes dates as date serials with a date format, numbers with the column format', () => {
    expect(fake.cell(small.name, 'D4')).toMatchObject({ v: 45376, nf: 'yyyy-mm-dd' });
    expect(fake.cell(small.name, 'D5')).toMatchObject({ v: '2024-02-30', nf: '@' }); // impossible date stays text
    expect(fake.cell(small.name, 'E4')).toMatchObject({ v: 1200, nf: '0' });
    expect(fake.cell(small.name, 'F5')).toMatchObject({ v: 3.5, nf: '0.00' });
    expect(fake.cell(small.name, 'F4')!.nf).toBe('0.00');
  });

  it('adds the table, hyperlinks, highlights with notes, CF, validation, freeze, print and chart', () => {
    const [t] = fake.tables(small.name);
    expect(t).toMatchObject({ name: 'T_website', style: 'TableStyleMedium2', rect: { r0: 2, c0: 0, r1: 5, c1: 6 } });
    // Internal link: a HYPERLINK formula styled as a link; external: the hyperlink property.
    expect(fake.cell(small.name, 'G4')).toMatchObject({ fontColor: '#0563C1', underline: 'Single' });
    expect(fake.cell(small.name, 'B10')).toMatchObject({ v: '学校"主页"', hyperlink: { textToDisplay: '学校"主页"', address: 'https://www.example.edu.cn/' }, underline: 'Single' });
    expect(fake.cell(small.name, 'C4')!.fill).toBe('#FFC7CE');
    const s = fake.sheet(small.name);
    expect(s.notes).toEqual([{ address: 'C4', content: '联系电话不正确' }]);
    expect(s.conditionalFormats).toEqual([
      { rect: { r0: 3, c0: 0, r1: 5, c1: 0 }, type: 'CellValue', fill: '#FFC7CE', rule: { formula1: '="外国语""学院"', operator: 'EqualTo' } },
    ]);
    expect(s.validations[0]).toMatchObject({ rect: { r0: 3, c0: 4, r1: 5, c1: 4 }, rule: { decimal: { formula1: 0, formula2: 10, operator: 'Between' } } });
    expect(s.freeze).toEqual({ rows: 3, cols: 1 });
    expect(s.pageLayout).toEqual({ orientation: 'Landscape', paperSize: 'A4', printTitleRows: '$3:$3', zoom: { horizontalFitToPages: 1 } });
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({ type: 'BarClustered', title: '粉丝', source: { r0: 2, c0: 4, r1: 5, c1: 4 }, xValues: { r0: 3, c0: 0, r1: 5, c1: 0 }, position: 'J1', legendVisible: false });
    expect(s.columnWidths.get(0)).toBeCloseTo((16 * 7 + 5) * 0.75);
    expect(fake.values(small.name)[7]).toEqual(['说明', null, null, null, null, null, null]);
    expect(fake.values(small.name)[8]!.slice(0, 2)).toEqual(['合计', 3]);
    expect(fake.state.active).toBe(small.name);
  });

  it('suspends calculation for every write request', () => {
    expect(fake.calcSuspensions).toBeGreaterThanOrEqual(1);
  });
});

describe('writeWorkbookModel: requirement sets', () => {
  it('works on the ExcelApi 1.7 floor, skipping validation, print setup and notes', async () => {
    const fake = new FakeExcel('1.7');
    const caps = detectCaps(fake.requirements);
    expect(caps).toEqual(MIN_CAPS);
    await fake.run((ctx) => writeWorkbookModel(ctx, { sheets: [small] }, { caps }));
    const s = fake.sheet(small.name);
    expect(s.validations).toEqual([]);
    expect(s.pageLayout).toEqual({});
    expect(s.notes).toEqual([]);
    expect(fake.cell(small.name, 'C4')!.fill).toBe('#FFC7CE');
  });

  it('the fake rejects APIs above the host version (so the test above means something)', async () => {
    const fake = new FakeExcel('1.7');
    await expect(fake.run((ctx) => writeWorkbookModel(ctx, { sheets: [small] }, { caps: ALL_CAPS }))).rejects.toThrow(/ApiNotFound/);
  });
});

describe('writeWorkbookModel: round trips and request sizes', () => {
  const results: Record<number, { syncs: number; maxRequestBytes: number; bytes: number }> = {};
  for (const units of [10, 100, 1000]) {
    it(`${units} units`, async () => {
      const model = syntheticModel(units);
      const m = await measureWrite(model);
      const bytes = m.requests.reduce((a, b) => a + b, 0);
      results[units] = { syncs: m.syncs, maxRequestBytes: m.maxRequestBytes, bytes };
      expect(m.maxRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      expect(m.maxResponseBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      // 2 to inspect the workbook, then the writes packed into ≤ 4 MB requests.
      expect(m.syncs).toBeLessThanOrEqual(2 + Math.ceil(bytes / (REQUEST_LIMIT_BYTES / 2)));
      expect(fake(m).values('评分表').length).toBe(3 + units * 10);
    });
  }
  it('syncs do not grow with the number of units, only (slowly) with bytes', () => {
    expect(results[10]!.syncs).toBe(results[100]!.syncs);
    // 100× the units, far fewer than 100× the syncs: no per-unit or per-row round trips.
    expect(results[1000]!.syncs).toBeLessThanOrEqual(results[10]!.syncs + Math.ceil(results[1000]!.bytes / (REQUEST_LIMIT_BYTES / 2)));
    console.log(
      'write syncs / max request bytes:\n' +
        Object.entries(results)
          .map(([u, r]) => `  ${u} units: ${r.syncs} syncs, max request ${r.maxRequestBytes} B, total ${r.bytes} B`)
          .join('\n'),
    );
  });
  it('a re-run over 1000 units (with read-back) stays within the limits too', async () => {
    const model = syntheticModel(1000);
    const first = await measureWrite(model);
    const again = await measureWrite(model, { fake: first.fake });
    expect(again.maxRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(again.maxResponseBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    // + inspection, read-back (sized by measured bytes) and the deletion of the old notes and tables.
    expect(again.syncs).toBeLessThanOrEqual(first.syncs + 5);
    console.log(`re-run 1000 units: ${again.syncs} syncs, max request ${again.maxRequestBytes} B, max response ${again.maxResponseBytes} B`);
  });
});

function fake(m: { fake: FakeExcel }): FakeExcel {
  return m.fake;
}

describe('writeWorkbookModel: re-runs keep user input', () => {
  it('keeps typed scores, notes and statuses by row key; recreates tables and our chart only', async () => {
    const fx = new FakeExcel('1.18');
    const model = syntheticModel(3);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    // Users type: a score and a note for 第2学院/新闻动态, a status in the ledger.
    const score = fx.values('评分表');
    const r = score.findIndex((row) => row[0] === unitName(1) && row[2] === '新闻动态');
    expect(r).toBeGreaterThan(0);
    fx.type('评分表', `E${r + 1}`, 12.5);
    fx.type('评分表', `F${r + 1}`, '新闻更新不及时');
    const ledger = fx.values('整改台账');
    const l = ledger.findIndex((row) => row[0] === unitName(2) && String(row[2]).startsWith('问题2'));
    fx.type('整改台账', `I${l + 1}`, '已整改');
    fx.type('整改台账', `J${l + 1}`, '已于11月25日更新');
    // A user's own chart on the ranking sheet survives; ours is replaced, not duplicated.
    fx.sheet('考核排名').charts.push({ name: '我的图表', type: 'Pie', source: { r0: 0, c0: 0, r1: 1, c1: 1 }, seriesBy: 'Auto' });

    // Next run: a new unit first (rows shift), and one ledger item of 第1学院 disappears.
    const next = syntheticModel(4);
    const scoring = next.sheets.find((s) => s.name === '评分表')!;
    scoring.rows.reverse();
    const stats = await fx.run((ctx) => writeWorkbookModel(ctx, next, { caps: ALL_CAPS }));
    expect(stats.kept['评分表']).toBe(2);
    expect(stats.kept['整改台账']).toBeGreaterThanOrEqual(2);

    const after = fx.values('评分表');
    const r2 = after.findIndex((row) => row[0] === unitName(1) && row[2] === '新闻动态');
    expect(after[r2]![4]).toBe(12.5);
    expect(after[r2]![5]).toBe('新闻更新不及时');
    const l2 = fx.values('整改台账').findIndex((row) => row[0] === unitName(2) && String(row[2]).startsWith('问题2'));
    expect(fx.values('整改台账')[l2]!.slice(8, 10)).toEqual(['已整改', '已于11月25日更新']);
    // Untouched rows keep the model's default status.
    expect(fx.values('整改台账')[l2 + 1]![8]).toBe('待整改');
    expect(fx.tables().map((t) => t.name).sort()).toEqual(next.sheets.map((s) => s.table!.name).sort());
    expect(fx.sheet('考核排名').charts.map((c) => c.name).sort()).toEqual(['Zhendi_考核排名', '我的图表']);
    // No stale rows beyond the new content.
    expect(fx.values('评分表').length).toBe(3 + 4 * 10);
  });

  it('keeps user input whose row disappeared (appended at the end) when the sheet has no formulas', async () => {
    const fx = new FakeExcel('1.18');
    const model = syntheticModel(2);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    fx.type('整改台账', 'I2', '无法整改');
    const ledger = model.sheets.find((s) => s.name === '整改台账')!;
    fx.type('整改台账', 'I3', '待整改'); // a default value is not user input
    const next: WorkbookModel = { sheets: [{ ...ledger, rows: ledger.rows.slice(2) }] };
    const stats = await fx.run((ctx) => writeWorkbookModel(ctx, next, { caps: ALL_CAPS }));
    expect(stats.orphans['整改台账']).toBe(1);
    const rows = fx.values('整改台账');
    expect(rows).toHaveLength(1 + ledger.rows.length - 1);
    expect(rows[rows.length - 1]!.slice(0, 3)).toEqual(ledger.rows[0]!.slice(0, 3));
    expect(rows[rows.length - 1]![8]).toBe('无法整改');
  });
});

describe('the fake behaves like Excel', () => {
  it('throws on properties read before load + sync', async () => {
    const fx = new FakeExcel();
    fx.addSheet('S', [['a']]);
    await fx.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      r.load('values');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await ctx.sync();
      expect(r.values).toEqual([['a']]);
      expect(() => r.numberFormat).toThrow(/PropertyNotLoaded/);
    });
  });

  it('parses strings written to non-Text cells like typed input', async () => {
    const fx = new FakeExcel();
    fx.addSheet('S');
    await fx.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:D1').values = [['=1+1', '+86138', '0012', '2024-03-25']];
      await ctx.sync();
    });
    expect(fx.cell('S', 'A1')!.f).toBe('=1+1');
    expect(fx.cell('S', 'B1')!.v).toBe(86138);
    expect(fx.cell('S', 'C1')!.v).toBe(12);
    expect(fx.cell('S', 'D1')).toMatchObject({ v: 45376, nf: 'yyyy-mm-dd' });
  });

  it('rejects requests above 5 MB and arrays of the wrong size', async () => {
    const fx = new FakeExcel();
    fx.addSheet('S');
    const big = Array.from({ length: 60000 }, () => ['信息工程学院网站平台更新登记备案表信息工程学院网站平台更新登记备案表']);
    expect(payloadBytes(big)).toBeGreaterThan(5 * 1024 * 1024);
    await expect(
      fx.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:A60000').values = big;
        await ctx.sync();
      }),
    ).rejects.toThrow(FakeExcelError);
    await expect(
      fx.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:B2').values = [['x']];
        await ctx.sync();
      }),
    ).rejects.toThrow(/doesn't match/);
  });

  it('refuses duplicate table names and tables over merged cells', async () => {
    const fx = new FakeExcel();
    fx.addSheet('S');
    await expect(
      fx.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        ws.tables.add('A1:B2', true).name = 'T';
        ws.tables.add('D1:E2', true).name = 'T';
        await ctx.sync();
      }),
    ).rejects.toThrow(/already exists/);
    const merged = new FakeExcel();
    merged.addSheet('S', [['标题'], ['a', 'b'], [1, 2]]).merges.push({ r0: 0, c0: 0, r1: 0, c1: 1 });
    await expect(
      merged.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').tables.add('A1:B3', true);
        await ctx.sync();
      }),
    ).rejects.toThrow(/merged cells/);
    expect(merged.tables()).toEqual([]);
    // Next to the merged title it is fine.
    await merged.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').tables.add('A2:B3', true);
      await ctx.sync();
    });
    expect(merged.tables()).toHaveLength(1);
  });

  it('drops a leading apostrophe written through formulas, even in a Text cell (OfficeDev/office-js#6687)', async () => {
    const fx = new FakeExcel();
    fx.addSheet('S');
    await fx.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B1');
      r.numberFormat = [['@', '@']];
      r.formulas = [["'quoted", "'=1+1"]];
      ctx.workbook.worksheets.getItem('S').getRange('A2').numberFormat = [['@']];
      ctx.workbook.worksheets.getItem('S').getRange('A2').values = [["'quoted"]];
      await ctx.sync();
    });
    expect(fx.cell('S', 'A1')!.v).toBe('quoted');
    expect(fx.cell('S', 'B1')!.v).toBe('=1+1');
    expect(fx.cell('S', 'A2')!.v).toBe("'quoted"); // values into a Text cell: verbatim
  });
});

describe('grouping cells into few objects', () => {
  it('joins consecutive rows of a column into runs, and runs into RangeAreas addresses', () => {
    const cells = [{ row: 3, col: 4 }, { row: 4, col: 4 }, { row: 5, col: 4 }, { row: 9, col: 4 }, { row: 3, col: 0 }, { row: 4, col: 4 }];
    expect(areaAddresses(cells, false)).toEqual(['A4', 'E4:E6', 'E10']);
    expect(areaAddresses(cells, true)).toEqual(['A4,E4:E6,E10']);
    const many = Array.from({ length: 600 }, (_, i) => ({ row: i * 2, col: 2 }));
    const areas = areaAddresses(many, true);
    expect(areas.length).toBeGreaterThan(1);
    expect(areas.every((a) => a.length <= 1000)).toBe(true);
    expect(areas.join(',').split(',')).toHaveLength(600);
  });
  it('highlights of 2,000 units take a few dozen format commands, not one per cell', async () => {
    const fx = new FakeExcel('1.18');
    const sheet = syntheticModel(2000).sheets.find((s) => s.name === '汇总_网站平台')!;
    await fx.run((ctx) => writeWorkbookModel(ctx, { sheets: [sheet] }, { caps: ALL_CAPS }));
    expect(sheet.highlights!.length).toBe(2000);
    for (const hi of sheet.highlights!) expect(fx.sheet(sheet.name).cell(1 + hi.row, hi.col)!.fill).toBe('#FFC7CE');
    expect(fx.opCounts.get('format.fill.color')).toBeLessThanOrEqual(2 + Math.ceil((2000 * 6) / 1000));
    // On the 1.7 floor (no RangeAreas) one per run of cells.
    const old = new FakeExcel('1.7');
    await old.run((ctx) => writeWorkbookModel(ctx, { sheets: [sheet] }, { caps: detectCaps(old.requirements) }));
    expect(old.opCounts.get('format.fill.color')).toBe(2000); // every third row: no two adjacent
  });
});

describe('protected and hidden sheets, failed writes', () => {
  it('the fake refuses changes on a protected sheet, as Excel does', async () => {
    const fx = new FakeExcel('1.18');
    fx.addSheet('S', [['a']]).protected = true;
    await expect(
      fx.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['b']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(fx.cell('S', 'A1')!.v).toBe('a');
  });

  it('never touches a protected target sheet: its new content goes to a new sheet, reported', async () => {
    const fx = new FakeExcel('1.18');
    const model = syntheticModel(3);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    fx.type('评分表', 'E4', 12);
    const before = fx.values('评分表');
    fx.sheet('评分表').protected = true;
    const stats = await fx.run((ctx) => writeWorkbookModel(ctx, syntheticModel(4), { caps: ALL_CAPS, activate: '评分表' }));
    expect(stats.redirected).toEqual({ 评分表: '评分表(2)' });
    expect(fx.values('评分表')).toEqual(before);
    const fresh = fx.values('评分表(2)');
    expect(fresh.length).toBe(3 + 4 * 10);
    expect(fresh[3]![4]).toBe(12); // what users typed is carried over from the protected sheet
    expect(fx.tables('评分表(2)')[0]!.name).toBe('评分表_2');
    expect(fx.state.active).toBe('评分表(2)');
  });

  it('unhides a hidden sheet before activating it (Excel cannot activate a hidden sheet)', async () => {
    const fx = new FakeExcel('1.18');
    const model = syntheticModel(2);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    fx.sheet('考核排名').visibility = 'Hidden';
    await expect(
      fx.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('考核排名').activate();
        await ctx.sync();
      }),
    ).rejects.toThrow(/hidden/);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS, activate: '考核排名' }));
    expect(fx.sheet('考核排名').visibility).toBe('Visible');
    expect(fx.state.active).toBe('考核排名');
  });

  it('a write that fails part-way says exactly which sheets were written, partly written and untouched', async () => {
    const fx = new FakeExcel('1.18');
    const model = syntheticModel(200);
    await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    const dry = await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS, limitBytes: 400_000 }));
    const reads = dry.syncs - dry.requestEstimates.length;
    expect(dry.requestEstimates.length).toBeGreaterThan(3);
    // The 2nd write request fails (e.g. the connection drops).
    let n = 0;
    const ctxSync = FakeContext.prototype.sync;
    const spy = jest.spyOn(FakeContext.prototype, 'sync').mockImplementation(async function (this: FakeContext) {
      if (++n === reads + 2) throw new FakeExcelError('GeneralException', '网络中断');
      return ctxSync.call(this);
    });
    try {
      const err = (await fx.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS, limitBytes: 400_000 })).catch((e: unknown) => e)) as WriteError;
      expect(err).toBeInstanceOf(WriteError);
      const names = model.sheets.map((s) => s.name);
      expect([...err.written, ...err.partial, ...err.untouched].sort()).toEqual([...names].sort());
      expect(err.written.length).toBeGreaterThanOrEqual(1);
      expect(err.partial.length).toBeGreaterThanOrEqual(1);
      expect(err.untouched.length).toBeGreaterThanOrEqual(1);
      expect(err.message).toMatch(/已写完.*可能只写了一部分.*未改动/);
      // The sheets it calls written are complete.
      for (const s of err.written) expect(fx.values(s).length).toBeGreaterThan(model.sheets.find((m) => m.name === s)!.rows.length);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('hidden helper columns', () => {
  it('hides the columns the model marks hidden, as the .xlsx does', async () => {
    const fake = new FakeExcel('1.18');
    const sheet: SheetModel = {
      name: '排名',
      columns: [{ header: '单位' }, { header: '得分', kind: 'number' }, { header: '得分首现', kind: 'integer', hidden: true }],
      rows: [['甲', 90, 1]],
    };
    await fake.run((ctx) => writeWorkbookModel(ctx, { sheets: [sheet] }, { caps: ALL_CAPS }));
    expect([...fake.sheet('排名').hiddenColumns]).toEqual([2]);
    expect(fake.values('排名')[0]).toEqual(['单位', '得分', '得分首现']);
  });
});
