/**
 * The published package: `npm pack`, install the tarball into an empty folder with production
 * dependencies only (no tsx, no TypeScript), and run the compiled CLI from there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd, npm_config_audit: 'false', npm_config_fund: 'false' } });
const canPack = npm(['--version'], ROOT).status === 0;

(canPack ? it : it.skip)(
  'installs from the packed tarball with production dependencies only and runs `zhendi demo` compiled',
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pack-'));
    // Pack a copy of the sources, so that `prepare` (which compiles src/ into lib/ before
    // packing) never rewrites this checkout's lib/ while other tests run the CLI from it.
    const pkg = path.join(dir, 'pkg');
    for (const f of ['package.json', 'tsconfig.json', 'README.md', 'bin', 'samples', 'scripts', 'src']) fs.cpSync(path.join(ROOT, f), path.join(pkg, f), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
    const pack = npm(['pack', '--json', '--pack-destination', dir], pkg);
    expect(pack.status).toBe(0);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const packed = info[0]!.files.map((f) => f.path);
    expect(packed).toEqual(expect.arrayContaining(['bin/zhendi.cjs', 'lib/cli/main.js', 'lib/cli/readWorker.js', 'samples/单位名单.xlsx']));
    expect(packed.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);

    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true }));
    // Optional dependencies are Office sideloading tools, not part of the CLI.
    const install = npm(['install', '--omit=dev', '--omit=optional', '--prefer-offline', path.join(dir, info[0]!.filename)], app);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    expect(fs.existsSync(path.join(app, 'node_modules/tsx'))).toBe(false);
    expect(fs.existsSync(path.join(app, 'node_modules/typescript'))).toBe(false);

    const version = spawnSync('npx', ['--no-install', 'zhendi', '--version'], { cwd: app, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const demo = spawnSync('npx', ['--no-install', 'zhendi', 'demo', '--out', 'out'], { cwd: app, encoding: 'utf8', env: { ...process.env, INIT_CWD: app } });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('已写出：out/考核结果.xlsx');
    for (const f of ['check.json', '校验结果.xlsx', 'result.json', '考核结果.xlsx']) expect(fs.statSync(path.join(app, 'out', f)).size).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  180_000,
);
