/** Walking submission folders: sorted, hidden and lock files skipped, links followed safely. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectFiles } from '../../src/cli/files';
import { checkAll } from '../../src/cli/pool';

describe('collectFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-collect-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists files by name in each folder, skipping hidden, lock and system files', async () => {
    fs.mkdirSync(path.join(dir, '乙'));
    for (const f of ['丙.xlsx', '甲.xlsx', '.hidden.xlsx', '~$甲.xlsx', 'Thumbs.db', '乙/a.csv']) fs.writeFileSync(path.join(dir, f), 'x');
    const got = (await collectFiles([dir])).map((f) => path.relative(dir, f));
    expect(got).toEqual(['丙.xlsx', '甲.xlsx', path.join('乙', 'a.csv')]);
  });

  it('passes over the parts folder of a page saved as 网页 (人事处.files, Book1_files), not the page', async () => {
    for (const d of ['人事处.files', 'Book1_files', '乙']) fs.mkdirSync(path.join(dir, d));
    for (const f of ['人事处.htm', '人事处.files/sheet001.htm', '人事处.files/filelist.xml', 'Book1_files/tabstrip.htm', '乙/files.xlsx']) fs.writeFileSync(path.join(dir, f), 'x');
    const got = (await collectFiles([dir])).map((f) => path.relative(dir, f));
    expect(got).toEqual(['人事处.htm', path.join('乙', 'files.xlsx')]);
  });

  it('walks a folder reached through a link loop once', async () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', '单位.xlsx'), 'x');
    fs.symlinkSync(dir, path.join(dir, 'sub', 'back'), 'dir');
    const got = (await collectFiles([dir])).map((f) => path.relative(dir, f));
    expect(got).toEqual([path.join('sub', '单位.xlsx')]);
  });

  it.each([false, true])('lists a link that leads nowhere as a file, which gets file-unreadable (workers: %s)', async (parallel) => {
    fs.symlinkSync(path.join(dir, 'gone.xlsx'), path.join(dir, '断开.xlsx'));
    const files = await collectFiles([dir]);
    expect(files.map((f) => path.basename(f))).toEqual(['断开.xlsx']);
    const [check] = await checkAll(files, { asOf: '2024-11-20' }, () => undefined, { parallel, workers: 1 });
    expect(check!.record.status).toBe('rejected');
    expect(check!.findings.map((f) => f.rule)).toEqual(['file-unreadable']);
    expect(check!.findings[0]!.message).toMatch(/ENOENT/);
  });

  it('refuses a path the user gave that does not exist', async () => {
    await expect(collectFiles([path.join(dir, 'nope')])).rejects.toThrow(/ENOENT/);
  });
});
