/**
 * The web page's download at the engine: progress per sheet written, the last recompute's model
 * reused only while nothing changed, and the worker's sheet-by-sheet transfer of a result (sheets
 * the check view shares with the whole model travel once and come back shared).
 */
import { EngineCore, type EngineResult } from '../../src/taskpane/engine/core';
import { joinModel, splitModel } from '../../src/taskpane/engine/transfer';
import { sampleFiles as samples, settings } from './samples';
import { readBackSheets } from '../../src/xlsx/read';


const importedFiles = async (bytes: Uint8Array): Promise<string[]> => {
  const sheet = (await readBackSheets(bytes)).sheets.find((s) => s.name === '导入记录')!;
  return sheet.rows.flat().flatMap((c) => (c && c.t === 's' && /\.(xlsx|xls|csv|docx?|html?|et|ods)$/i.test(c.v) ? [c.v] : []));
};

describe('EngineCore.download', () => {
  const files = samples(() => '2024-11-10T08:00:00.000Z');
  const [last, ...first] = [files[files.length - 1]!, ...files.slice(0, -1)];

  it('reports progress from 0 to every sheet written, and writes those sheets', async () => {
    const core = new EngineCore();
    await core.addFiles(files);
    core.recompute(settings);
    const seen: [number, number, string][] = [];
    const bytes = await core.download(settings, null, [], (done, total, name) => seen.push([done, total, name]));
    const total = seen[0]![1];
    expect(seen[0]).toEqual([0, total, '']);
    expect(seen.map((s) => s[0])).toEqual(Array.from({ length: total + 1 }, (_, i) => i));
    const names = (await readBackSheets(bytes)).sheets.map((s) => s.name);
    expect(names.slice(0, total)).toEqual(seen.slice(1).map((s) => s[2]));
    expect(names).toEqual(expect.arrayContaining(['总览', '考核排名', '校验结果', '导入记录']));
  });

  it('writes what the session holds now, not the model of an earlier recompute', async () => {
    const core = new EngineCore();
    await core.addFiles(first);
    core.recompute(settings);
    expect(await importedFiles(await core.download(settings))).not.toContain(last.name);
    core.recompute(settings);
    await core.addFiles([last]); // changed after the recompute
    expect(await importedFiles(await core.download(settings))).toContain(last.name);
    // Settings given to the download win over those of the recompute.
    core.recompute(settings);
    const later = await readBackSheets(await core.download({ ...settings, asOf: '2024-12-31' }));
    const params = later.sheets.find((s) => s.name === '参数')!;
    expect(JSON.stringify(params.rows)).toContain('2024-12-31');
  });
});

describe('a result without its sheets (the web page)', () => {
  it('lists the sheet names and keeps finding targets, and the download still writes every sheet', async () => {
    const core = new EngineCore();
    await core.addFiles(samples(() => '2024-11-10T08:00:00.000Z'));
    const full = core.recompute(settings);
    const bare = core.recompute(settings, null, { sheets: false });
    expect(bare.model.sheets).toEqual([]);
    expect(bare.check.model.sheets).toEqual([]);
    expect(bare.sheetNames).toEqual(full.model.sheets.map((s) => s.name));
    expect(bare.check.targets).toEqual(full.check.targets);
    expect(bare.check.targets.some((t) => t !== null)).toBe(true);
    expect(bare.json).toEqual(full.json);
    const written = (await readBackSheets(await core.download(settings))).sheets.map((s) => s.name);
    expect(written).toEqual(expect.arrayContaining(bare.sheetNames));
    const scored = await core.setScore({ unit: full.scoring.units[0]!.unit, indicatorId: full.rubric.indicators[0]!.id, round: 1, inspector: '张三', value: 1 }, settings, null, { sheets: false });
    expect(scored.ok && scored.result.model.sheets).toEqual([]);
  });
});

describe('sheet-by-sheet transfer', () => {
  it('sends each sheet once, restores the shared check sheets, and leaves the engine its model', async () => {
    const core = new EngineCore();
    await core.addFiles(samples(() => '2024-11-10T08:00:00.000Z'));
    const result = core.recompute(settings);
    const sheets = result.model.sheets.length;
    const checkSheets = result.check.model.sheets.map((s) => s.name);
    expect(checkSheets.length).toBeGreaterThan(0);

    const parts: unknown[] = [];
    const reply = structuredClone(splitModel(result, (i, sheet) => (parts[i] = structuredClone(sheet))));
    expect(result.model.sheets).toHaveLength(sheets); // not emptied: the engine may write it later
    const stripped = reply as { model: { sheets: unknown[] }; check: { model: { sheets: unknown[] } } };
    expect(stripped.model.sheets).toEqual([]);
    expect(stripped.check.model.sheets).toEqual(checkSheets.map((name) => ({ __part: result.model.sheets.findIndex((s) => s.name === name) })));

    const joined = joinModel(reply, parts) as EngineResult;
    expect(joined.model.sheets.map((s) => s.name)).toEqual(result.model.sheets.map((s) => s.name));
    expect(joined.check.model.sheets.map((s) => s.name)).toEqual(checkSheets);
    for (const s of joined.check.model.sheets) expect(joined.model.sheets).toContain(s); // the same objects, not copies
    expect(JSON.stringify(joined)).toBe(JSON.stringify(result));
  });

  it('passes a bare model and values without one through', () => {
    const model = { sheets: [{ name: 'a', rows: [] }] };
    const parts: unknown[] = [];
    const reply = splitModel(model, (i, s) => (parts[i] = s));
    expect(model.sheets).toHaveLength(1);
    expect(joinModel(structuredClone(reply), parts)).toEqual(model);
    expect(splitModel({ total: 3 }, () => undefined)).toEqual({ total: 3 });
  });
});
