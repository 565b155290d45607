/**
 * Task pane weight: gzip size of the initial JS of dist/taskpane.html (every <script src> it
 * loads, gzipped one by one with zlib at the default level, summed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TaskpaneSize {
  gzipBytes: number | null;
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  note: string | null;
}

const WEBPACK_CONFIGS = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts'];

/** Runs `npm run build` when a webpack config exists; returns a note when it did not succeed. */
export function build(root: string, log: (s: string) => void): string | null {
  if (!WEBPACK_CONFIGS.some((f) => existsSync(path.join(root, f)))) return 'no webpack config: build skipped';
  log('  npm run build …');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 5 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) return null;
  const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  return `npm run build failed (${r.error ? r.error.message : `exit ${r.status}`}): ${tail.slice(0, 300)}`;
}

export function scriptSources(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b[^>]*\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

export function taskpaneSize(root: string): TaskpaneSize {
  const dist = path.join(root, 'dist');
  const html = path.join(dist, 'taskpane.html');
  if (!existsSync(html)) return { gzipBytes: null, scripts: [], note: 'dist/taskpane.html not found' };
  const scripts: TaskpaneSize['scripts'] = [];
  const skipped: string[] = [];
  for (const src of scriptSources(readFileSync(html, 'utf8'))) {
    // Scripts from other hosts (office.js on the CDN) are not ours to weigh.
    if (/^(https?:)?\/\//i.test(src)) {
      skipped.push(src);
      continue;
    }
    const file = path.join(dist, decodeURIComponent(src.split(/[?#]/)[0]!.replace(/^\//, '')));
    if (!existsSync(file)) return { gzipBytes: null, scripts, note: `script ${src} of taskpane.html not found in dist/` };
    const bytes = readFileSync(file);
    scripts.push({ src, bytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  const note = skipped.length ? `external scripts not counted: ${skipped.join(', ')}` : null;
  return { gzipBytes: scripts.reduce((s, x) => s + x.gzipBytes, 0), scripts, note };
}
