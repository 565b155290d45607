/**
 * The pane's zip downloads are the CLI's files: per-unit templates equal `zhendi template
 * --roster`, return copies equal `zhendi check --return-dir` (same builders, same input).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { localEngine } from '../../src/taskpane/engine/local';
import { defaultSettings } from '../../src/taskpane/settings';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples');
const SUBS = path.join(SAMPLES, 'submissions');
const ROSTER = path.join(SAMPLES, '单位名单.xlsx');
const settings = { ...defaultSettings(), asOf: '2024-11-20', deadline: '2024-11-15', school: 'XX学院' };

const parts = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([k]) => !k.startsWith('docProps/')).map(([k, v]) => [k, strFromU8(v)]));
const read = (p: string) => new Uint8Array(fs.readFileSync(p));

function zhendi(args: string[], cwd: string): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/zhendi.cjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd } });
  expect(r.status).toBe(0);
}

describe('pane zip downloads', () => {
  let dir: string;
  const engine = localEngine();
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-zips-'));
    const files = fs.readdirSync(SUBS).sort().map((f) => ({ name: f, bytes: read(path.join(SUBS, f)), modified: fs.statSync(path.join(SUBS, f)).mtime.toISOString() }));
    await engine.addFiles(files);
    await engine.setRoster({ name: '单位名单.xlsx', bytes: read(ROSTER) });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('templates: one per roster unit, as the CLI writes them', async () => {
    const zip = unzipSync(await engine.unitTemplatesZip(settings));
    zhendi(['template', '--roster', ROSTER, '--out', 'tpl', '--deadline', '2024-11-15', '--school', 'XX学院'], dir);
    const cli = fs.readdirSync(path.join(dir, 'tpl')).sort();
    expect(Object.keys(zip).sort()).toEqual(cli);
    expect(cli).toHaveLength(13);
    for (const name of cli) expect(parts(zip[name]!)).toEqual(parts(read(path.join(dir, 'tpl', name))));
  });

  it('return copies: the same files as check --return-dir', async () => {
    const zip = unzipSync(await engine.returnCopiesZip(settings));
    zhendi(['check', SUBS, '--roster', ROSTER, '--as-of', '2024-11-20', '--deadline', '2024-11-15', '--return-dir', 'back'], dir);
    const cli = fs.readdirSync(path.join(dir, 'back')).sort();
    expect(cli.length).toBeGreaterThan(3);
    expect(Object.keys(zip).sort()).toEqual(cli);
    for (const name of cli) expect(parts(zip[name]!)).toEqual(parts(read(path.join(dir, 'back', name))));
  });
});
