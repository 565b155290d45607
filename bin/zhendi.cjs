#!/usr/bin/env node
// Runs the compiled CLI (lib/, built by `npm run build:cli`, which `npm ci` and `npm pack` run
// through `prepare`). In a source checkout whose src/ changed since that build, it runs the
// TypeScript directly through tsx instead, so an edit never runs against stale JavaScript.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'lib/cli/main.js');

/** Newest modification time under the compiled source folders (0 when there is no src/). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
      newest = Math.max(newest, fs.statSync(dir).mtimeMs);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['cli', 'core', 'xlsx']) walk(path.join(root, 'src', d));
  return newest;
}

function entry() {
  let built = 0;
  try {
    built = fs.statSync(compiled).mtimeMs;
  } catch {
    // not built
  }
  if (built > 0 && built >= newestSource()) return compiled;
  try {
    require('tsx/cjs');
  } catch {
    if (built > 0) return compiled; // no tsx (production install): the build is all there is
    process.stderr.write('错误：找不到编译后的命令行程序（lib/），请先运行 npm run build:cli\n');
    process.exit(2);
  }
  return path.join(root, 'src/cli/main.ts');
}

const main = entry();
const argv = process.argv.slice(2);
// The commands that check files: their first read worker starts now, loading while main.js
// loads (only one: a batch needs a second only past 400 files, and it is started then).
if (main === compiled && ['check', 'run', 'demo'].includes(argv[0])) require(path.join(root, 'lib/cli/workers.js')).prestart(1);
require(main)
  .main(argv)
  .then((code) => process.exit(code));
