/**
 * Request sizes as the real Office.js client serialises them (officeJs.ts): the web build of the
 * npm package runs in jsdom, every request body is recorded, the fake answers.
 */
import { measureWrite, runOfficeJs } from './officeJs';
import { FakeExcel } from './fakeExcel';
import { syntheticModel } from './models';
import { writeWorkbookModel } from '../../src/excel/write';
import { ALL_CAPS } from '../../src/excel/requirements';

const LIMIT = 4.5 * 1024 * 1024;

describe('writes through the real Office.js serialiser', () => {
  const seen: Record<number, { requests: number; max: number; total: number }> = {};
  for (const units of [100, 2000]) {
    it(`${units} units: every request under 4.5 MB, and never larger than the batch's estimate`, async () => {
      // A fake with no limit of its own, so an oversized request is measured, not refused.
      const m = await measureWrite(syntheticModel(units), { fake: new FakeExcel('1.18', 64 * 1024 * 1024) });
      expect(Math.max(...m.requests)).toBeLessThan(LIMIT);
      const est = m.stats.requestEstimates;
      const first = m.stats.syncs - est.length;
      est.forEach((e, i) => expect(m.requests[first + i]).toBeLessThanOrEqual(e));
      expect(m.fake.values('评分表').length).toBe(3 + units * 10);
      seen[units] = { requests: m.requests.length, max: m.maxRequestBytes, total: m.requests.reduce((a, b) => a + b, 0) };
    });
  }
  it('request count grows much slower than the units', () => {
    // 20× the units: the bytes grow ~20×, the requests follow the bytes (4 MB each), not the units.
    expect(seen[2000]!.requests).toBeLessThanOrEqual(seen[100]!.requests + Math.ceil(seen[2000]!.total / 3_000_000));
    console.log(Object.entries(seen).map(([u, r]) => `${u} units: ${r.requests} requests, largest ${r.max} B, total ${r.total} B`).join('\n'));
  });

  it('a re-run over 1,000 units (reading back what users typed) keeps requests and responses under 4.5 MB', async () => {
    const fake = new FakeExcel('1.18', 64 * 1024 * 1024);
    const model = syntheticModel(1000);
    await measureWrite(model, { fake });
    fake.type('评分表', 'E4', 12.5);
    const again = await measureWrite(model, { fake });
    expect(Math.max(...again.requests)).toBeLessThan(LIMIT);
    expect(Math.max(...again.responses)).toBeLessThan(LIMIT);
    expect(again.stats.kept['评分表']).toBe(1);
    expect(fake.values('评分表')[3]![4]).toBe(12.5);
  });

  it('the writes land in the fake as they do without the serialiser', async () => {
    const model = syntheticModel(3);
    const direct = new FakeExcel('1.18');
    await direct.run((ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    const wired = new FakeExcel('1.18');
    await runOfficeJs(wired, (ctx) => writeWorkbookModel(ctx, model, { caps: ALL_CAPS }));
    for (const s of model.sheets) {
      expect(wired.values(s.name)).toEqual(direct.values(s.name));
      expect(wired.sheet(s.name).notes).toEqual(direct.sheet(s.name).notes);
      expect(wired.sheet(s.name).conditionalFormats).toEqual(direct.sheet(s.name).conditionalFormats);
    }
    expect(wired.cell('汇总_网站平台', 'E2')!.fill).toBe('#FFC7CE');
    expect(wired.tables().map((t) => t.name).sort()).toEqual(direct.tables().map((t) => t.name).sort());
  });

  it('a request above 5 MB fails as in Excel on the web', async () => {
    const fake = new FakeExcel('1.18');
    fake.addSheet('S');
    const big = Array.from({ length: 60000 }, (_, i) => [`信息工程学院网站平台更新登记备案表${i}`, '信息工程学院网站平台更新登记备案表']);
    await expect(
      runOfficeJs(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:B60000').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
});
