/**
 * The pane's engine end to end on the sample batch, through both workbook ports: the Office
 * port over the Excel fake (user input typed into the fake survives every refresh and feeds the
 * ranking) and the web port (render → open the downloaded result → continue).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { localEngine } from '../../src/taskpane/engine/local';
import { memoryStore } from '../../src/taskpane/engine/store';
import { parseLink } from '../../src/taskpane/engine/core';
import { officePort, officeSession } from '../../src/taskpane/office';
import { webPort } from '../../src/taskpane/web';
import { ROOT, SAMPLES, sampleFiles as samples, settings } from './samples';
import { ALL_CAPS } from '../../src/excel/requirements';
import { FakeExcel } from '../excel/fakeExcel';


const SHEETS = ['评分表', '评分细则', '加减分', '整改台账'];

describe('engine + Office port (fake Excel)', () => {
  const fake = new FakeExcel('1.18');
  const port = officePort((fn) => fake.run(fn), ALL_CAPS);
  const engine = localEngine();

  it('imports and checks the sample batch, writing the check sheets', async () => {
    const progress: number[] = [];
    const summary = await engine.addFiles(samples((p) => fs.statSync(p).mtime.toISOString()), (done) => progress.push(done));
    expect(summary.total).toBe(fs.readdirSync(SAMPLES).length);
    expect(progress[progress.length - 1]).toBe(summary.total);
    expect(summary.added.filter((f) => !f.ok).map((f) => f.file).sort()).toEqual(['后勤处.xlsx', '图书馆.xls']);
    // Importing the same files again is a no-op.
    const again = await engine.addFiles(samples((p) => fs.statSync(p).mtime.toISOString()).slice(0, 2));
    expect(again.skipped).toHaveLength(2);

    await engine.setRoster({ name: '单位名单.xlsx', bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples/单位名单.xlsx'))) });
    const check = await engine.check(settings);
    expect(check.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['unit-missing', 'file-unsupported', 'cell-phone', 'website-stale-long']));
    expect(check.targets).toHaveLength(check.findings.length);
    const w = await port.writeModel(check.model, { activate: '校验结果' });
    expect(w.syncs).toBeLessThanOrEqual(3); // find sheets, one write request, (no read-back)
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(4_000_000);
    expect(w.sheets).toEqual(expect.arrayContaining(['导入记录', '校验结果', '汇总_网站平台', '单位概况']));
    // A finding's target is a real cell of our summary sheets, and selecting it works.
    const i = check.targets.findIndex((t) => t !== null);
    const target = check.targets[i]!;
    expect(fake.sheet(target.sheet)).toBeDefined();
    expect(await port.selectCell(target.sheet, target.cell)).toBe(true);
    expect(fake.state.selection).toEqual({ sheet: target.sheet, address: target.cell });
    expect(await port.selectCell('附件1', 'E5')).toBe(false);
    // Submitted text that looks like a formula stays text in the workbook.
    expect(Object.values(fake.formulas('汇总_网站平台')).every((f) => !/cmd|HYPERLINK/i.test(f))).toBe(true);
  });

  it('creates the scoring sheet, keeps typed scores on refresh and ranks with them', async () => {
    const first = await engine.scoring(settings, await port.readSheets(SHEETS));
    expect(first.model.sheets.map((s) => s.name)).toEqual(['评分细则', '评分表']);
    await port.writeModel(first.model);
    // An inspector types a score and a note for one unit, in the first inspector's columns.
    const values = fake.values('评分表');
    const header = values.findIndex((r) => r.includes('单位') && r.includes('二级指标'));
    const cols = values[header]!;
    const scoreCol = cols.findIndex((h) => typeof h === 'string' && h.endsWith('得分'));
    const noteCol = cols.findIndex((h) => typeof h === 'string' && h.endsWith('扣分说明'));
    const unitCol = cols.indexOf('单位');
    const rows = values.map((r, n) => ({ r, n })).filter(({ r, n }) => n > header && r[unitCol] === '信息工程学院');
    expect(rows.length).toBe(10);
    const letter = (c: number) => String.fromCharCode(65 + c);
    for (const { r, n } of rows) fake.type('评分表', `${letter(scoreCol)}${n + 1}`, Number(r[cols.indexOf('分值')]) - 0.5);
    fake.type('评分表', `${letter(noteCol)}${rows[0]!.n + 1}`, '栏目不全');

    const refreshed = await engine.scoring(settings, await port.readSheets(SHEETS));
    expect(refreshed.facts.scores).toBe(10);
    expect(refreshed.model.sheets.map((s) => s.name)).toEqual(['评分表']); // 评分细则 exists now: not rewritten
    await port.writeModel(refreshed.model);
    const after = fake.values('评分表');
    const kept = after.filter((r) => r[unitCol] === '信息工程学院').map((r) => r[scoreCol]);
    expect(kept.every((v) => typeof v === 'number')).toBe(true);
    expect(after.some((r) => r[noteCol] === '栏目不全')).toBe(true);

    const ranking = await engine.ranking(settings, await port.readSheets(SHEETS));
    await port.writeModel(ranking.model);
    const top = ranking.ranking!.find((r) => r.unit === '信息工程学院')!;
    expect(top.score).toBeGreaterThan(0);
    expect(top.rank).toBe(1);
    expect(fake.sheet('考核排名').charts).toHaveLength(1);
    expect(fake.sheet('加减分')).toBeDefined();
  });

  it('writes the rectification ledger and keeps statuses typed into it', async () => {
    const out = await engine.rectify(settings, await port.readSheets(SHEETS), false);
    await port.writeModel(out.model);
    const values = fake.values('整改台账');
    const header = values.findIndex((r) => r.includes('整改状态'));
    const statusCol = values[header]!.indexOf('整改状态');
    expect(out.facts.items).toBeGreaterThan(0);
    fake.type('整改台账', `${String.fromCharCode(65 + statusCol)}${header + 2}`, '已整改');
    const unit = values[header + 1]![values[header]!.indexOf('单位')];

    const again = await engine.rectify(settings, await port.readSheets(SHEETS), true);
    expect(again.facts.open).toBe(out.facts.open! - 1);
    await port.writeModel(again.model);
    const after = fake.values('整改台账');
    expect(after.some((r) => r[statusCol] === '已整改' && r.includes(unit ?? ''))).toBe(true);
    expect(again.model.sheets.some((s) => s.name.startsWith('整改通知_'))).toBe(true);
  });
});

describe('engine + web port', () => {
  it('renders the result, reopens it and keeps what was typed into it', async () => {
    const engine = localEngine();
    await engine.addFiles(samples((p) => fs.statSync(p).mtime.toISOString()));
    let saved: Uint8Array | null = null;
    const port = webPort(engine, (bytes) => {
      saved = bytes;
    });
    const check = await engine.check(settings);
    await port.writeModel(check.model);
    const scoring = await engine.scoring(settings, await port.readSheets(SHEETS));
    await port.writeModel(scoring.model);
    expect(await port.selectCell('校验结果', 'A1')).toBe(false);
    await port.download!('result.xlsx');
    expect(saved).not.toBeNull();
    const grid = await engine.readWorkbook({ name: 'result.xlsx', bytes: saved! });
    expect(grid.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['导入记录', '校验结果', '评分表']));

    // Someone fills in a score in WPS (simulated on the grid), then continues from that file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(saved!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评分表')!;
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (!headerRow && row.values && (row.values as unknown[]).includes('二级指标')) headerRow = n;
    });
    const head = ws.getRow(headerRow).values as unknown[];
    const scoreCol = head.findIndex((h) => typeof h === 'string' && h.endsWith('得分'));
    ws.getRow(headerRow + 1).getCell(scoreCol).value = 2.5;
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());

    const fresh = webPort(engine, () => undefined);
    const file = new File([edited], 'result.xlsx');
    const names = await fresh.openExisting!(file);
    expect(names).toContain('评分表');
    const refreshed = await engine.scoring(settings, await fresh.readSheets(SHEETS));
    expect(refreshed.facts.scores).toBe(1);
    await fresh.writeModel(refreshed.model);
    expect(fresh.model().sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['评分表', '导入记录']));
  });
});

describe('parseLink', () => {
  it('reads internal links', () => {
    expect(parseLink("#'汇总_网站平台'!E5")).toEqual({ sheet: '汇总_网站平台', cell: 'E5' });
    expect(parseLink("'It''s'!$B$2")).toEqual({ sheet: "It's", cell: 'B2' });
    expect(parseLink('Sheet1!A1')).toEqual({ sheet: 'Sheet1', cell: 'A1' });
    expect(parseLink('https://x')).toBeNull();
  });
});

describe('engine sessions', () => {
  it('keeps imported submissions and the roster for the next pane load; reset forgets them', async () => {
    const store = memoryStore();
    const a = localEngine(store);
    expect(await a.restore('wb-1')).toMatchObject({ files: 0, roster: 0 });
    await a.addFiles(samples((p) => fs.statSync(p).mtime.toISOString()).slice(0, 3));
    await a.setRoster({ name: '单位名单.xlsx', bytes: new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples/单位名单.xlsx'))) });
    const b = localEngine(store); // the pane reloaded
    expect(await b.restore('wb-1')).toMatchObject({ files: 3, roster: 13, storage: null });
    expect((await b.check(settings)).files).toHaveLength(3);
    expect(await localEngine(store).restore('wb-2')).toMatchObject({ files: 0, roster: 0 });
    await b.reset();
    await b.setRoster(null);
    // Only the settings stay (新建会话 forgets those too: persistence.test.ts).
    expect(store.data.get('wb-1')).toMatchObject({ subs: [], roster: null, entries: [] });
  });
});

describe('officeSession', () => {
  it('creates a session id once per workbook and keeps the settings there', () => {
    const store = new Map<string, unknown>();
    let saves = 0;
    const docSettings = {
      get: (k: string) => store.get(k) ?? null,
      set: (k: string, v: unknown) => void store.set(k, v),
      saveAsync: () => void saves++,
    } as unknown as Office.Settings;
    const a = officeSession(docSettings);
    expect(a.id).toMatch(/\w{8,}/);
    expect(a.settings).toBeNull();
    a.saveSettings(settings);
    const b = officeSession(docSettings);
    expect(b.id).toBe(a.id);
    expect(b.settings).toEqual(settings);
    expect(saves).toBe(2);
  });
});
