// Bundles the CLI and its read worker into one file each (lib/cli/main.js, lib/cli/readWorker.js):
// one file to load instead of hundreds, and only the parts of the dependencies it uses, so a
// command and every worker start in a fraction of the time. Types are checked by `npm run typecheck`.
// lib/cli/workers.js stays a file of its own that main.js requires: bin/zhendi.cjs prestarts
// workers through it before main.js loads, and the pool must find them in the same module.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/readWorker.ts', 'src/cli/workers.ts'],
  outdir: 'lib/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [
    {
      name: 'workers-shared',
      setup(b) {
        b.onResolve({ filter: /^\.\/workers$/ }, (args) => (args.importer.endsWith('pool.ts') ? { path: './workers.js', external: true } : undefined));
      },
    },
  ],
});
