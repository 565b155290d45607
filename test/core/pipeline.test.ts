/**
 * The pipeline and the pane's engine over it: parameters resolved once (a 参数 sheet and the
 * settings change findings and deductions), files recognised by content, one-entry scoring
 * with refusals, 未评分, sessions that survive a reload, and reopening a result in either order
 * with importing, compared sheet by sheet with a fresh download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { classifyWorkbook } from '../../src/core/classify';
import { ruleNotes } from '../../src/core/rules/basis';
import { RULE_IDS } from '../../src/core/rules/ids';
import { runPipeline } from '../../src/core/pipeline';
import { DEFAULT_RUBRIC } from '../../src/core/scoring';
import { localEngine } from '../../src/taskpane/engine/local';
import { memoryStore } from '../../src/taskpane/engine/store';
import { defaultSettings, type Settings } from '../../src/taskpane/settings';
import { readBackSheets, readSubmission } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/write';
import { AS_OF, grid, submission, unitWorkbook } from './builders';

const ROOT = path.resolve(__dirname, '../..');
const settings: Settings = { ...defaultSettings(), asOf: '2024-11-20' };
const read = (p: string) => ({ name: path.basename(p), bytes: new Uint8Array(fs.readFileSync(p)), modified: fs.statSync(p).mtime.toISOString() });
const samples = () => fs.readdirSync(path.join(ROOT, 'samples/submissions')).sort().map((f) => read(path.join(ROOT, 'samples/submissions', f)));
const ROSTER = () => read(path.join(ROOT, 'samples/单位名单.xlsx'));
const SCORES = () => read(path.join(ROOT, 'samples/评分.xlsx'));

describe('parameters resolved once, before checking', () => {
  // A site last updated 10 days before the inspection: stale only with a warning threshold below 10.
  const stale = () => unitWorkbook();
  const rules = (r: ReturnType<typeof runPipeline>) => r.findings.map((f) => f.rule);
  const params = (rows: (string | number)[][]) => ({ file: '评分.xlsx', sheet: grid('参数', [['参数', '值'], ...rows]) });

  it('a 参数 sheet changes the checker’s findings, explicit values win over it', () => {
    // Updated 2024-11-18, inspected 2024-11-23: 5 days, under the default 7.
    const base = runPipeline({ submissions: [stale()], roster: null, params: { asOf: '2024-11-23' }, mode: 'check' });
    expect(rules(base)).not.toContain('website-stale');
    const sheet = runPipeline({ submissions: [stale()], roster: null, scoreBooks: [params([['更新预警天数', 3], ['更新超期天数', 30]])], params: { asOf: '2024-11-23' }, mode: 'check' });
    expect(sheet.params.staleWarnDays).toBe(3);
    expect(rules(sheet)).toContain('website-stale');
    const flag = runPipeline({ submissions: [stale()], roster: null, scoreBooks: [params([['更新预警天数', 3], ['更新超期天数', 30]])], params: { asOf: '2024-11-23', staleWarnDays: 20 }, mode: 'check' });
    expect(rules(flag)).not.toContain('website-stale');
  });

  it('the 网络大V threshold of a 参数 sheet applies to the bigv form', () => {
    const at = (threshold: number) =>
      rules(runPipeline({ submissions: [unitWorkbook()], roster: null, scoreBooks: [params([['网络大V粉丝数', threshold]])], params: { asOf: AS_OF }, mode: 'check' }));
    expect(at(2000)).not.toEqual(at(20000));
  });

  it('pane settings left at their default let the 参数 sheet decide; changed ones win', async () => {
    const engine = localEngine();
    const book = await renderWorkbook({ sheets: [{ name: '参数', columns: [{ header: '参数' }, { header: '值' }], rows: [['更新预警天数', 3], ['更新超期天数', 4]] }] });
    await engine.addFiles([...samples(), ROSTER(), { name: '参数.xlsx', bytes: book }]);
    const fromSheet = await engine.recompute(settings);
    expect(fromSheet.params.staleErrorDays).toBe(4);
    const changed = await engine.recompute({ ...settings, staleWarnDays: 30, staleErrorDays: 60 });
    expect(changed.params.staleErrorDays).toBe(60);
    const stale = (r: typeof fromSheet) => r.json.findings.filter((f) => f.rule.startsWith('website-stale')).length;
    expect(stale(fromSheet)).toBeGreaterThan(stale(changed));
    // Deductions move with the same parameters (超期未更新 is a deduction).
    const score = (r: typeof fromSheet) => JSON.stringify(r.ranking.map((x) => x.adjustments));
    expect(score(fromSheet)).not.toEqual(score(changed));
  });
});

describe('files recognised by content', () => {
  it('submission, roster, score workbook (xlsx and CSV) and result', async () => {
    const kind = async (f: { name: string; bytes: Uint8Array }) => {
      const r = await readSubmission(f.name, f.bytes);
      if (!r.ok) throw new Error(r.detail);
      return classifyWorkbook(r.workbook, f.name);
    };
    expect(await kind(samples().find((f) => f.name === '信息工程学院.xlsx')!)).toBe('submission');
    expect(await kind(ROSTER())).toBe('roster');
    expect(await kind(SCORES())).toBe('scores');
    const csv = new TextEncoder().encode('轮次,检查人,单位,二级指标,得分\n上半年,张明,团委,栏目规划,3\n');
    expect(await kind({ name: '张明.csv', bytes: csv })).toBe('scores');
    const engine = localEngine();
    await engine.addFiles(samples());
    expect(await kind({ name: 'r.xlsx', bytes: await engine.download(settings) })).toBe('result');
  });

  it('dropped all at once: a score file is never a unit, unreadable files make no units, duplicates count as duplicates', async () => {
    const engine = localEngine();
    const noise = new Uint8Array(200_000).map((_, i) => (i * 2654435761) >>> 24);
    const files = [...samples(), ROSTER(), SCORES(), { name: '空文件.xlsx', bytes: new Uint8Array(0) }, { name: '随机20mb.xlsx', bytes: noise }];
    const s = await engine.addFiles(files);
    expect(s.counts).toMatchObject({ rosters: 1, scores: 1, results: 0, unreadable: 4, duplicates: 1 }); // 后勤处, 图书馆 and the two; 党委宣传部(1) is a copy
    expect(s.changed).toBe(true);
    const r = await engine.recompute(settings);
    const units = r.json.units.map((u) => u.unit);
    for (const phantom of ['评分', '空文件', '随机20mb']) {
      expect(units).not.toContain(phantom);
      expect(r.ranking.map((x) => x.unit)).not.toContain(phantom);
      expect(r.json.findings.some((f) => f.unit === phantom)).toBe(false);
    }
    expect(r.json.files.filter((f) => f.status === 'duplicate')).toHaveLength(s.counts!.duplicates);
    const unreadable = r.json.findings.filter((f) => /^file-(unreadable|unsupported)$/.test(f.rule) && ['空文件.xlsx', '随机20mb.xlsx'].includes(f.file ?? ''));
    expect(unreadable.map((f) => [f.file, f.unit]).sort()).toEqual([['空文件.xlsx', null], ['随机20mb.xlsx', null]]);
    // The same files again: nothing changes, nothing to announce.
    const again = await engine.addFiles(files.slice(0, 3));
    expect(again).toMatchObject({ changed: false, added: [] });
    expect(again.skipped).toHaveLength(3);
  });
});

describe('scoring in the pane', () => {
  it('sets and clears one entry, refuses out-of-range or off-step values in Chinese, shows progress and websites', async () => {
    const engine = localEngine();
    await engine.addFiles([...samples(), ROSTER()]);
    const first = await engine.recompute(settings);
    // Nobody scored yet: every unit is 未评分, none is ranked 0 / 不合格.
    expect(first.unscored.length).toBe(first.scoring.units.length);
    expect(first.ranking.every((r) => r.rank === null && r.grade === '未评分')).toBe(true);
    const sheet = first.model.sheets.find((s) => s.name === '考核排名')!;
    expect(sheet.subtitle).toContain(`评分未完成：${first.unscored.length} 个单位未评分`);
    expect(first.scoring.units.find((u) => u.unit === '信息工程学院')!.websites.some((w) => /^https?:|\./.test(w.url))).toBe(true);

    const ind = DEFAULT_RUBRIC.indicators[1]!; // 新闻动态, 15
    const entry = { unit: '信息工程学院', indicatorId: ind.id, round: 1 as const, inspector: '张明', note: '更新不及时' };
    expect(await engine.setScore({ ...entry, value: 16 }, settings)).toEqual({ ok: false, message: `“${ind.level2}”得分应在 0～${ind.max} 分之间` });
    expect(await engine.setScore({ ...entry, value: 12.3 }, settings)).toEqual({ ok: false, message: `“${ind.level2}”得分应为 0.5 的整数倍` });
    expect(await engine.setScore({ ...entry, value: -1 }, settings)).toMatchObject({ ok: false });
    expect(await engine.setScore({ ...entry, inspector: ' ', value: 3 }, settings)).toEqual({ ok: false, message: '请先填写检查人' });

    let last = first;
    for (const i of DEFAULT_RUBRIC.indicators) {
      const out = await engine.setScore({ ...entry, indicatorId: i.id, value: i.id === ind.id ? 12.5 : i.max }, settings);
      if (!out.ok) throw new Error(out.message);
      last = out.result;
    }
    const unit = last.ranking.find((r) => r.unit === '信息工程学院')!;
    expect(unit).toMatchObject({ rank: 1, score: expect.closeTo(97.5 + unit.adjustments.reduce((s: number, a) => s + (a as { points: number }).points, 0), 6) });
    expect(last.unscored).not.toContain('信息工程学院');
    expect(last.scoring.progress).toEqual([expect.objectContaining({ inspector: '张明', round: 1, scored: 1, total: last.scoring.units.length })]);
    expect(last.rectification.keys.some((k) => k.includes(ind.id))).toBe(true);

    const cleared = await engine.setScore({ ...entry, value: null }, settings);
    if (!cleared.ok) throw new Error(cleared.message);
    expect(cleared.result.scoring.typed).toHaveLength(DEFAULT_RUBRIC.indicators.length - 1);
    expect(cleared.result.scoring.progress[0]!.scored).toBe(0);
  });

  it('typed entries survive a reload and go into the downloaded workbook', async () => {
    const store = memoryStore();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles([...samples().slice(0, 4), ROSTER()]);
    const ind = DEFAULT_RUBRIC.indicators[0]!;
    await a.setScore({ unit: '团委', indicatorId: ind.id, round: 2, inspector: '李华', value: 2.5, note: '栏目缺失' }, settings);
    const b = localEngine(store); // the page reloaded
    expect(await b.restore('web')).toMatchObject({ files: 4, roster: 13 });
    const r = await b.recompute(settings);
    expect(r.scoring.typed).toEqual([expect.objectContaining({ unit: '团委', score: 2.5, note: '栏目缺失', inspector: '李华' })]);
    const wb = await readBackSheets(await b.download(settings));
    const scores = wb.sheets.find((s) => s.name === '评分表')!;
    const header = scores.rows.findIndex((row) => row?.some((c) => c?.v === '二级指标'));
    const col = scores.rows[header]!.findIndex((c) => c?.v === '下半年·李华·得分');
    expect(col).toBeGreaterThan(0);
    expect(scores.rows.some((row) => row?.[col]?.v === 2.5)).toBe(true);
  });

  it('a recompute after a score reuses every per-file check', async () => {
    const engine = localEngine();
    await engine.addFiles([...samples(), ROSTER(), SCORES()]);
    const cold = await engine.recompute(settings);
    const warm = await engine.recompute(settings);
    expect(warm.json).toEqual(cold.json);
    // Reported, not asserted (timings belong in the bench): cold vs warm pipeline time.
    process.stderr.write(`pipeline: cold ${cold.ms.toFixed(0)} ms, warm ${warm.ms.toFixed(0)} ms (${cold.scoring.units.length} units)\n`);
  });
});

/** Every part of a workbook that describes content (sheets, tables, names, styles), as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.startsWith('docProps/')) out[name] = strFromU8(data);
  return out;
}

describe('reopening a result never damages it', () => {
  async function fresh(): Promise<Uint8Array> {
    const e = localEngine();
    await e.addFiles([...samples(), ROSTER(), SCORES()]);
    await e.recompute(settings);
    return e.download(settings);
  }

  it('import → open result → download, and open result → import → download, equal a fresh download sheet by sheet', async () => {
    const reference = await fresh();
    const ref = parts(reference);
    const sheets = Object.keys(ref).filter((k) => k.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBeGreaterThan(8);
    expect(Object.keys(ref).some((k) => k.startsWith('xl/tables/'))).toBe(true);
    expect(Object.values(ref).some((x) => x.includes('HYPERLINK('))).toBe(true);
    expect(Object.values(ref).some((x) => x.includes('<pageSetup') && x.includes('landscape'))).toBe(true);
    expect(Object.values(ref).some((x) => x.includes('<dataValidation'))).toBe(true);

    const importThenOpen = localEngine();
    await importThenOpen.addFiles([...samples(), ROSTER(), SCORES()]);
    await importThenOpen.openResult({ name: '结果.xlsx', bytes: reference });
    const a = await importThenOpen.download(settings);

    const openThenImport = localEngine();
    await openThenImport.openResult({ name: '结果.xlsx', bytes: reference });
    await openThenImport.addFiles([...samples(), ROSTER(), SCORES()]);
    const b = await openThenImport.download(settings);

    for (const got of [parts(a), parts(b)]) {
      expect(Object.keys(got).sort()).toEqual(Object.keys(ref).sort());
      for (const k of Object.keys(ref)) expect([k, got[k]]).toEqual([k, ref[k]]);
    }
  });

  it('an opened result with nothing added downloads unchanged; what was typed into it is kept', async () => {
    const reference = await fresh();
    const e = localEngine();
    await e.openResult({ name: '结果.xlsx', bytes: reference });
    expect(await e.download(settings, reference)).toBe(reference);
    await e.addFiles([...samples(), ROSTER(), SCORES()]);
    const typed = await e.setScore({ unit: '团委', indicatorId: DEFAULT_RUBRIC.indicators[0]!.id, round: 1, inspector: '王五', value: 1 }, settings);
    if (!typed.ok) throw new Error(typed.message);
    // Reopen that download elsewhere: the typed score is read back from its 评分表.
    const next = localEngine();
    const summary = await next.openResult({ name: '结果2.xlsx', bytes: await e.download(settings) });
    expect(summary.scores).toBeGreaterThan(0);
    await next.addFiles([...samples(), ROSTER()]);
    const r = await next.recompute(settings);
    expect(r.scoring.entries.some((x) => x.inspector === '王五' && x.unit === '团委' && x.score === 1)).toBe(true);
  });
});

describe('规则说明', () => {
  it('the findings workbook explains every rule with its basis and requirement', () => {
    const r = runPipeline({ submissions: [unitWorkbook()], roster: null, params: { asOf: AS_OF }, mode: 'check' });
    const legend = r.workbook.sheets.find((s) => s.name === '规则说明')!;
    expect(legend.columns.map((c) => c.header)).toEqual(['规则', '名称', '级别', '说明', '依据', '整改要求']);
    const ids = legend.rows.map((row) => row[0]);
    for (const rule of ['file-unreadable', 'website-stale-long', 'bigv-category', 'group-not-real-name', 'score-conflict']) expect(ids).toContain(rule);
    for (const row of legend.rows) for (const v of row) expect(String(v ?? '').trim()).not.toBe('');
    const row = (id: string) => legend.rows.find((x) => x[0] === id)!;
    expect(row('website-stale-long')[4]).toContain('001 第八条');
    expect(row('zombie-date-missing')[4]).toContain('附件3');
  });

  it('rule ids are one typed list: every declared rule is in it and every listed id is declared', () => {
    expect([...ruleNotes().map((n) => n.id)].sort()).toEqual([...RULE_IDS].sort());
  });
});

describe('pipeline without a front end', () => {
  it('builds the whole result from grids alone', () => {
    const r = runPipeline({ submissions: [unitWorkbook(), submission('x.xlsx', [grid('Sheet1', [['无关内容']])])], roster: null, params: { asOf: AS_OF } });
    expect(r.run?.ranking.map((x) => x.unit)).toEqual(['信息工程学院']);
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['考核排名', '评分表', '整改台账', '加减分', '校验结果', '参数', '评分细则']));
  });
});
