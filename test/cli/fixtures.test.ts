/** The shared fixture batch, scored by its own judge (skipped when ../shared is absent). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BATCH = path.resolve(ROOT, '../shared/fixtures/batch1');
const JUDGE = path.resolve(ROOT, '../shared/tools/judge.py');
const available = fs.existsSync(BATCH) && fs.existsSync(JUDGE) && spawnSync('python3', ['--version']).status === 0;

(available ? describe : describe.skip)('shared fixtures batch1', () => {
  it('the judge reports 0 failed on `zhendi check --json`', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-')), 'r.json');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/zhendi.cjs'), 'check', 'submissions', '--roster', '单位名单.xlsx', '--as-of', '2024-11-20', '--json', out], { cwd: BATCH, encoding: 'utf8', env: { ...process.env, INIT_CWD: BATCH } });
    expect(run.status).toBe(0);
    const judged = spawnSync('python3', [JUDGE, out, path.join(BATCH, 'expected.json')], { encoding: 'utf8' });
    expect(judged.stdout).toMatch(/\b0 failed/);
    expect(judged.status).toBe(0);
  });
});
