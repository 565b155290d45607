/**
 * Outputs are replaced atomically: `kill -9` at random moments of `zhendi run --out` never
 * leaves a broken or truncated previous result, and a write that fails changes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputError, writeOutputs } from '../../src/cli/writer';
import { readBackSheets } from '../../src/xlsx/read';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const ARGS = ['run', path.join(ROOT, 'samples/submissions'), '--roster', path.join(ROOT, 'samples/单位名单.xlsx'), '--as-of', '2024-11-20', '--out', 'result.xlsx', '--json', 'result.json'];

/** Deterministic "random" moments, so a failure can be replayed. */
function moments(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  });
}

async function sheetNames(file: string): Promise<string[]> {
  return (await readBackSheets(new Uint8Array(fs.readFileSync(file)))).sheets.map((s) => s.name);
}

describe('atomic outputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-kill-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('kill -9 at 10 random moments of run --out never leaves a broken previous result', async () => {
    const t0 = Date.now();
    const first = spawnSync(process.execPath, [BIN, ...ARGS], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
    expect(first.status).toBe(0);
    const duration = Date.now() - t0;
    const names = await sheetNames(path.join(dir, 'result.xlsx'));
    expect(names.length).toBeGreaterThan(3);
    const killedAt: number[] = [];
    for (const m of moments(10, 20241120)) {
      const ms = Math.round(m * duration * 1.1);
      const child = spawn(process.execPath, [BIN, ...ARGS], { cwd: dir, env: { ...process.env, INIT_CWD: dir }, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await new Promise((r) => setTimeout(r, ms));
      child.kill('SIGKILL');
      await exited;
      killedAt.push(ms);
      // Whatever the moment: the result is a whole workbook and a whole JSON, old or new.
      expect([ms, await sheetNames(path.join(dir, 'result.xlsx'))]).toEqual([ms, names]);
      expect(() => JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8'))).not.toThrow();
    }
    expect(killedAt).toHaveLength(10);
  }, 400_000);

  it('writes all outputs or none: a failing target leaves every previous file as it was', async () => {
    const a = path.join(dir, 'a.xlsx');
    fs.writeFileSync(a, 'previous');
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    await expect(writeOutputs([{ path: a, data: 'new' }, { path: path.join(blocker, 'b.json'), data: '{}' }])).rejects.toThrow(OutputError);
    await expect(writeOutputs([{ path: a, data: 'new' }, { path: path.join(blocker, 'b.json'), data: '{}' }])).rejects.toThrow(/无法写入.*b\.json.*已有的结果文件均未改动/);
    expect(fs.readFileSync(a, 'utf8')).toBe('previous');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await writeOutputs([{ path: a, data: 'new' }, { path: path.join(dir, 'b.json'), data: '{}' }]);
    expect([fs.readFileSync(a, 'utf8'), fs.readFileSync(path.join(dir, 'b.json'), 'utf8')]).toEqual(['new', '{}']);
  });
});
