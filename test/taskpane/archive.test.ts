/**
 * The pane and the web page take a dropped zip of submissions as its files: the same check as
 * the files dropped loose, each named below the archive; a broken archive is one unread file.
 */
import { zipSync } from 'fflate';
import { localEngine } from '../../src/taskpane/engine/local';
import { sampleFiles, settings } from './samples';
import { rawZip } from '../xlsx/helpers';

const byName = (f: { file: string | null }) => (f.file ? f.file.replace(/^.*\//, '') : f.file);

describe('a dropped zip', () => {
  it('checks as the same files dropped loose', async () => {
    const files = sampleFiles();
    const loose = localEngine();
    await loose.addFiles(files);
    const zipped = localEngine();
    const zip = zipSync(Object.fromEntries(files.map((f) => [`收件/${f.name}`, f.bytes])));
    const summary = await zipped.addFiles([{ name: '材料.zip', bytes: zip }]);
    expect(summary.added.map((f) => f.file).sort()).toEqual(files.map((f) => `材料.zip/收件/${f.name}`).sort());
    expect(summary.total).toBe(files.length);
    const a = await loose.check(settings);
    const b = await zipped.check(settings);
    expect(b.findings.map((f) => ({ ...f, file: byName(f) }))).toEqual(a.findings.map((f) => ({ ...f, file: byName(f) })));
    expect(b.files.map((f) => [byName(f), f.status, f.unit])).toEqual(a.files.map((f) => [byName(f), f.status, f.unit]));
  });

  it('a broken archive is one unreadable file; a file it cannot take out is refused with its reason', async () => {
    const [one, two] = sampleFiles();
    const engine = localEngine();
    const zip = zipSync({ [one!.name]: one!.bytes });
    const summary = await engine.addFiles([
      { name: '坏.zip', bytes: zip.subarray(0, zip.length - 30) },
      { name: two!.name, bytes: two!.bytes },
    ]);
    expect(summary.added.map((f) => [f.file, f.ok])).toEqual([
      ['坏.zip', false],
      [two!.name, true],
    ]);
    expect(summary.added[0]!.problem).toContain('压缩包已损坏');
    const locked = rawZip([{ name: 'a.xlsx', data: one!.bytes, method: 0, size: one!.bytes.length, flags: 1 }, { name: 'b.xlsx', data: one!.bytes, method: 0, size: one!.bytes.length }]);
    const got = await localEngine().addFiles([{ name: '锁.zip', bytes: locked }]);
    expect(got.added.map((f) => [f.file, f.ok])).toEqual([
      ['锁.zip/a.xlsx', false],
      ['锁.zip/b.xlsx', true],
    ]);
    expect(got.added[0]!.problem).toContain('加密');
  });
});
