/** The shared sample batch, when this checkout has it next to it. */
import * as fs from 'fs';
import * as path from 'path';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';

const d = path.resolve(__dirname, '../../../shared/fixtures/batch1');
const dir = path.join(d, 'submissions');

async function read(name: string): Promise<ReadResult> {
  return readSubmission(name, new Uint8Array(fs.readFileSync(path.join(dir, name))));
}

describe('fixtures batch1', () => {
  (fs.existsSync(d) ? it : it.skip)('reads every submission as expected', async () => {
    expect(await read('后勤处.xlsx')).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(await read('图书馆.xls')).toMatchObject({ ok: false, problem: 'unsupported' });
    const csv = await read('党委宣传部_新媒体平台登记备案表.csv');
    expect(csv).toMatchObject({ ok: true, kind: 'csv', encoding: 'gb18030' });
    if (csv.ok) expect(csv.workbook.sheets[0]!.rows[0]![0]).toEqual({ t: 's', v: '序号' });
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx') && f !== '后勤处.xlsx')) {
      const r = await read(name);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.workbook.sheets.length).toBeGreaterThan(0);
    }
  });
});
