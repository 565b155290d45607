/**
 * 选择文件夹 on the web page: a folder of units' folders is imported whole, each file named by its
 * path, lock and hidden files passed over; a file naming no unit gets the unit of its folder
 * (the roster in the folder knows it). A zip of such files is imported as its files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { rawZip } from '../xlsx/helpers';
import { ROOT, isolatedPage, servedPage } from './harness';

const SAMPLES = path.join(ROOT, 'samples');
const suite = servedPage();

describe('web page: a whole folder', () => {
  it('imports every file below it by path, skips lock files, and takes the unit from the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folder-'));
    const top = path.join(dir, '收件');
    fs.mkdirSync(path.join(top, '体育部'), { recursive: true });
    fs.mkdirSync(path.join(top, '信息工程学院'));
    fs.copyFileSync(path.join(SAMPLES, '单位名单.xlsx'), path.join(top, '单位名单.xlsx'));
    // 体育部's own file names no unit inside: only its folder does.
    fs.copyFileSync(path.join(SAMPLES, 'submissions/体育部.xlsx'), path.join(top, '体育部/备案表.xlsx'));
    fs.copyFileSync(path.join(SAMPLES, 'submissions/信息工程学院.xlsx'), path.join(top, '信息工程学院/备案表.xlsx'));
    fs.writeFileSync(path.join(top, '体育部/~$备案表.xlsx'), 'lock');
    fs.writeFileSync(path.join(top, '.DS_Store'), 'x');

    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill('2024-11-20');
    await page.getByTestId('folder-input').setInputFiles(top);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    await page.getByTestId('tab-import').click();

    const table = page.getByTestId('file-table');
    const names = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')));
    expect([...names].sort()).toEqual(['收件/信息工程学院/备案表.xlsx', '收件/体育部/备案表.xlsx', '收件/单位名单.xlsx'].sort());
    await expect(table.locator('tr[data-file="收件/体育部/备案表.xlsx"] td').nth(1).textContent()).resolves.toBe('体育部');
    await expect(table.locator('tr[data-file="收件/信息工程学院/备案表.xlsx"] td').nth(1).textContent()).resolves.toBe('信息工程学院');
    expect(errors).toEqual([]);
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120000);

  it('imports the files of a zip (GB18030 names, a unit\'s zip inside), the unit from its own zip', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
    const roster = new Uint8Array(fs.readFileSync(path.join(SAMPLES, '单位名单.xlsx')));
    const pe = new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'submissions/体育部.xlsx')));
    const info = new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'submissions/信息工程学院.xlsx')));
    // 信息工程学院.xlsx written in GB18030 without the UTF-8 flag, as Windows' own zip does.
    const gbk = new Uint8Array([0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xa4, 0xb3, 0xcc, 0xd1, 0xa7, 0xd4, 0xba, 0x2e, 0x78, 0x6c, 0x73, 0x78]);
    const unitZip = zipSync({ '备案表.xlsx': pe });
    const zip = rawZip([
      { name: '单位名单.xlsx', data: roster, method: 0, size: roster.length, flags: 0x800 },
      { name: 'x', nameBytes: gbk, data: info, method: 0, size: info.length },
      { name: '体育部.zip', data: unitZip, method: 0, size: unitZip.length },
    ]);
    const file = path.join(dir, '材料.zip');
    fs.writeFileSync(file, zip);

    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill('2024-11-20');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    await page.getByTestId('tab-import').click();

    const table = page.getByTestId('file-table');
    const names = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')));
    expect([...names].sort()).toEqual(['材料.zip/信息工程学院.xlsx', '材料.zip/体育部.zip/备案表.xlsx', '材料.zip/单位名单.xlsx'].sort());
    await expect(table.locator('tr[data-file="材料.zip/体育部.zip/备案表.xlsx"] td').nth(1).textContent()).resolves.toBe('体育部');
    await expect(table.locator('tr[data-file="材料.zip/信息工程学院.xlsx"] td').nth(1).textContent()).resolves.toBe('信息工程学院');
    expect(errors).toEqual([]);
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120000);
});
