// Bundles the CLI and its read worker into one file each (lib/cli/main.js, lib/cli/readWorker.js):
// one file to load instead of hundreds, and only the parts of the dependencies it uses, so a
// command and every worker start in a fraction of the time. Types are checked by `npm run typecheck`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/readWorker.ts'],
  outdir: 'lib/cli',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
