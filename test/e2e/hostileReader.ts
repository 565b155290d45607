/** dist/ served with a reader.js that misbehaves on files whose name says so (HANG, THROW, OOM). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST } from './harness';

/** Misbehaves on files whose name says so, before the real reader sees them; reads the others. */
const HOSTILE_READER = `
self.addEventListener('message', (e) => {
  const name = (e.data && e.data.name) || '';
  if (!/HANG|THROW|OOM/.test(name)) return;
  e.stopImmediatePropagation();
  if (name.includes('HANG')) for (;;) {}
  if (name.includes('THROW')) throw new Error('boom');
  const keep = [];
  for (;;) keep.push(new Array(1e6).fill(Math.random()));
});
importScripts('reader-real.js');
`;

/** A copy of dist/ with reader.js swapped for the hostile one; the caller removes it. */
export function hostileDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-hostile-'));
  fs.cpSync(DIST, dir, { recursive: true });
  fs.renameSync(path.join(dir, 'reader.js'), path.join(dir, 'reader-real.js'));
  fs.writeFileSync(path.join(dir, 'reader.js'), HOSTILE_READER);
  return dir;
}
