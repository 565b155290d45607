/**
 * The core's boundary: ESLint refuses an adapter import from any depth of src/core, and the core
 * type-checks alone without Node or Office types (tsconfig.core.json, part of `npm run typecheck`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const ESLINT = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');

function lint(code: string, file: string): string {
  const r = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
  const [report] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return report!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message).join('\n');
}

describe('core boundary', () => {
  it.each([
    ['src/core/rules/x.ts', "export { readSubmission } from '../../xlsx/read';"],
    ['src/core/x.ts', "export { readSubmission } from '../xlsx/read';"],
    ['src/core/scoring/deep/x.ts', "export { loadSubmission } from '../../../cli/files';"],
    ['src/core/report/x.ts', "export { mergeEditable } from '../../excel/merge';"],
    ['src/core/x.ts', "export { EngineCore } from '../taskpane/engine/core';"],
    ['src/core/x.ts', "export { promises } from 'node:fs';"],
  ])('%s may not import %s', (file, code) => {
    expect(lint(code, file)).toMatch(/src\/core must not import/);
  });

  it('core modules among themselves are fine', () => {
    expect(lint("export { cellAt } from '../grid';", 'src/core/rules/x.ts')).toBe('');
  });

  it('the core type-checks without Node, DOM or Office types', () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.core.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60000);
});
