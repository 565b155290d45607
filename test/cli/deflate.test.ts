import { unzipSync } from 'fflate';
import type { WorkbookModel } from '../../src/core/report/model';
import { nodeDeflater } from '../../src/cli/deflate';
import { renderWorkbook } from '../../src/xlsx/write';

// Big enough for several 1 MB slices per sheet.
function bigModel(rows: number): WorkbookModel {
  const sheet = (name: string) => ({
    name,
    title: name,
    columns: [{ header: '单位' }, { header: '说明', wrap: true }, { header: '数量', kind: 'integer' as const }],
    rows: Array.from({ length: rows }, (_, i) => [`单位${i % 997}`, `第 ${i} 行 ${'说明文字'.repeat(1 + (i % 7))} ${i * 7919}`, i]),
    table: { name: `T_${name}` },
  });
  return { sheets: [sheet('甲'), sheet('乙'), sheet('丙')] };
}

describe('Node deflater of the workbook writer', () => {
  test('writes the same parts as fflate, entries cut into slices', async () => {
    const model = bigModel(30_000);
    const ours = unzipSync(await renderWorkbook(model, { deflater: nodeDeflater }));
    const theirs = unzipSync(await renderWorkbook(model));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(ours['xl/worksheets/sheet1.xml']!.length).toBeGreaterThan(2 << 20);
    for (const name of Object.keys(theirs)) expect(Buffer.compare(Buffer.from(ours[name]!), Buffer.from(theirs[name]!))).toBe(0);
  });

  test('small workbooks and empty entries', async () => {
    const model: WorkbookModel = { sheets: [{ name: '空', columns: [], rows: [] }] };
    const ours = unzipSync(await renderWorkbook(model, { deflater: nodeDeflater, level: 1 }));
    const theirs = unzipSync(await renderWorkbook(model));
    for (const name of Object.keys(theirs)) expect(Buffer.from(ours[name]!).toString()).toBe(Buffer.from(theirs[name]!).toString());
  });
});
