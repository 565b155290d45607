/** The sample batch as the pane's engine takes it (name, bytes, optional file time), in name order. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, type Settings } from '../../src/taskpane/settings';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLES = path.join(ROOT, 'samples/submissions');
export const settings: Settings = { ...defaultSettings(), asOf: '2024-11-20' };

export function sampleFiles(modified: (file: string) => string | undefined = () => undefined): { name: string; bytes: Uint8Array; modified?: string }[] {
  return fs
    .readdirSync(SAMPLES)
    .sort()
    .map((f) => {
      const p = path.join(SAMPLES, f);
      const m = modified(p);
      return { name: f, bytes: new Uint8Array(fs.readFileSync(p)), ...(m ? { modified: m } : {}) };
    });
}
