/**
 * The return cycle from the command line: templates per unit, return copies, printable notices.
 * The CLI writes the same return copies the pane builds in process (one function for both).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { checkBatch } from '../../src/core/check';
import { checkOptions, loadSubmissions } from '../../src/cli/check';
import { buildReturnCopies } from '../../src/xlsx/returnCopies';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const SAMPLES = path.join(ROOT, 'samples');
const ROSTER = path.join(SAMPLES, '单位名单.xlsx');

function zhendi(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
  expect(r.stderr).not.toMatch(/错误：|Error/);
  expect(r.status).toBe(0);
  return r.stdout;
}

const parts = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));

describe('zhendi template --roster, check --return-dir, run --notices-dir', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-returns-'));
  });

  it('writes one template per roster unit', () => {
    expect(zhendi(['template', '--roster', ROSTER, '--out', 'tpl', '--deadline', '2024-11-15'], dir)).toContain('已为 13 个单位生成模板');
    const names = fs.readdirSync(path.join(dir, 'tpl'));
    expect(names).toHaveLength(13);
    expect(names).toContain('信息工程学院-网络阵地备案表.xlsx');
  });

  it('writes the same return copies as the in-process builder, and one notice per unit', async () => {
    const submissions = path.join(SAMPLES, 'submissions');
    zhendi(['check', submissions, '--roster', ROSTER, '--as-of', '2024-11-20', '--return-dir', 'back'], dir);
    const written = fs.readdirSync(path.join(dir, 'back')).sort();
    expect(written.length).toBeGreaterThan(3);

    const result = checkBatch(await loadSubmissions([submissions]), await checkOptions({ roster: ROSTER, asOf: '2024-11-20' }));
    const built = await buildReturnCopies(result, async (f) => new Uint8Array(fs.readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), f))));
    expect(built.failed).toEqual([]);
    expect(built.files.map((f) => f.name).sort()).toEqual(written);
    for (const f of built.files) expect(parts(new Uint8Array(fs.readFileSync(path.join(dir, 'back', f.name))))).toEqual(parts(f.bytes));

    zhendi(['run', submissions, '--roster', ROSTER, '--scores', path.join(SAMPLES, '评分.xlsx'), '--as-of', '2024-11-20', '--out', 'r.xlsx', '--notices-dir', 'notices'], dir);
    expect(parts(new Uint8Array(fs.readFileSync(path.join(dir, 'r.xlsx'))))['xl/workbook.xml']).toMatch(/<sheet name="回执"/);
    const notices = fs.readdirSync(path.join(dir, 'notices'));
    expect(notices).toContain('整改通知_体育部.xlsx');
    const sheet = parts(new Uint8Array(fs.readFileSync(path.join(dir, 'notices', '整改通知_体育部.xlsx'))));
    expect(Object.keys(sheet).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toHaveLength(1);
    expect(Object.values(sheet).join('')).toMatch(/paperSize="9"/);
  });
});
