/**
 * `zhendi run` end to end on the bundled samples: the workbook's formulas agree with the JSON,
 * LibreOffice's recalculation agrees too (when installed), and a re-run keeps what users typed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');

interface Ranked { unit: string; score: number | null; grade: string; rank: number | null; categoryRank: number | null; status?: string }

function run(dir: string, out = 'result.xlsx') {
  const args = ['run', path.join(ROOT, 'samples/submissions'), '--roster', path.join(ROOT, 'samples/单位名单.xlsx'), '--scores', path.join(ROOT, 'samples/评分.xlsx'), '--as-of', '2024-11-20', '--out', out, '--json', 'result.json'];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
  expect(r.stderr).not.toMatch(/Error|错误：/);
  expect(r.status).toBe(0);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8')) as { ranking: Ranked[]; findings: { rule: string; severity: string }[] };
  return { ...json, stdout: r.stdout };
}

/** Header row index (1-based) and column of each header text. */
function columns(ws: ExcelJS.Worksheet, must: string): { row: number; col: Record<string, number> } {
  for (let r = 1; r <= 10; r++) {
    const vals = ws.getRow(r).values as unknown[];
    if (!vals.includes(must)) continue;
    const col: Record<string, number> = {};
    vals.forEach((v, i) => {
      if (v !== undefined && v !== null) col[String(v)] = i;
    });
    return { row: r, col };
  }
  throw new Error(`no header ${must} in ${ws.name}`);
}

/** A formula's cached result; exceljs reads a cached 0 back as no result, so that means 0. */
function result(v: ExcelJS.CellValue): unknown {
  return v && typeof v === 'object' && 'formula' in v ? ((v as { result?: unknown }).result ?? 0) : v;
}

describe('zhendi run', () => {
  let dir: string;
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-run-'));
    first = run(dir);
  });

  it('ranks every roster unit with grades, and the JSON follows the contract', () => {
    expect(first.ranking.length).toBeGreaterThanOrEqual(13);
    const top = first.ranking.find((r) => r.unit === '信息工程学院')!;
    expect(top).toMatchObject({ rank: 1, grade: '优秀', categoryRank: 1 });
    const vetoed = first.ranking.find((r) => r.unit === '后勤管理处')!;
    expect(vetoed.grade).toBe('不合格');
    expect(vetoed.score).toBeLessThanOrEqual(59);
    const ranked = first.ranking.filter((r) => r.rank !== null);
    const ranks = ranked.map((r) => r.rank!);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    // A roster unit nobody scored is 未评分, after the ranked ones: never ranked 0 / 不合格.
    const unscored = first.ranking.filter((r) => r.rank === null);
    expect(unscored.length).toBeGreaterThan(0);
    for (const u of unscored) expect(u).toMatchObject({ score: null, categoryRank: null, grade: '未评分', status: '未评分' });
    expect(first.ranking.slice(ranked.length)).toEqual(unscored);
  });

  it('counts in its summary line every finding the JSON holds, the scoring ones too', () => {
    const rules = new Set(first.findings.map((f) => f.rule));
    expect([...rules].some((r) => r.startsWith('score-'))).toBe(true);
    const n = (sev: string) => first.findings.filter((f) => f.severity === sev).length;
    expect(first.stdout).toContain(`问题：错误 ${n('error')}，警告 ${n('warning')}，提示 ${n('info')}`);
  });

  it('writes every result sheet, with live formulas whose cached values equal the JSON', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'result.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ['考核排名', '评分表', '整改台账', '导入记录', '校验结果', '单位概况', '评分细则', '参数']) expect(names).toContain(n);
    const ws = wb.getWorksheet('考核排名')!;
    const { row, col } = columns(ws, '年度得分');
    const scoreCell = ws.getRow(row + 1).getCell(col['年度得分']!).value;
    expect(scoreCell).toEqual(expect.objectContaining({ formula: expect.any(String) }));
    const unscored = first.ranking.filter((r) => r.score === null).length;
    const lines: string[] = [];
    for (let r = 1; r < row; r++) lines.push(String(ws.getRow(r).getCell(1).value ?? ''));
    expect(lines).toContain(`评分未完成：${unscored} 个单位未评分`);
    for (const want of first.ranking) {
      let found = false;
      for (let r = row + 1; r <= ws.rowCount; r++) {
        const line = ws.getRow(r);
        if (line.getCell(col['单位']!).value !== want.unit) continue;
        found = true;
        if (want.score === null) {
          expect(line.getCell(col['年度得分']!).value).toBeNull();
          expect(line.getCell(col['排名']!).value).toBeNull();
          expect(line.getCell(col['等级']!).value).toBe('未评分');
          continue;
        }
        expect(Number(result(line.getCell(col['年度得分']!).value))).toBeCloseTo(want.score, 6);
        expect(Number(result(line.getCell(col['排名']!).value))).toBe(want.rank);
        expect(result(line.getCell(col['等级']!).value)).toBe(want.grade);
      }
      expect(found).toBe(true);
    }
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
  (soffice ? it : it.skip)('LibreOffice recalculates the ranking to the same scores and ranks', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'result.xlsx'));
    const sheetNo = book.worksheets.findIndex((w) => w.name === '考核排名') + 1;
    const profile = path.join(dir, 'lo-profile');
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    fs.writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
    );
    const conv = spawnSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheetNo}`, '--outdir', path.join(dir, 'csv'), path.join(dir, 'result.xlsx')], { encoding: 'utf8', timeout: 120000 });
    expect(conv.status).toBe(0);
    const csv = fs.readdirSync(path.join(dir, 'csv')).find((f) => f.endsWith('.csv'))!;
    const lines = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'csv', csv), 'utf8')).data;
    const h = lines.findIndex((l) => l.includes('年度得分'));
    const head = lines[h]!;
    for (const want of first.ranking) {
      if (want.score === null) continue;
      const line = lines.find((l) => l[head.indexOf('单位')] === want.unit)!;
      // The CSV shows the cell as formatted: two decimals.
      expect(Math.abs(Number(line[head.indexOf('年度得分')]) - want.score)).toBeLessThanOrEqual(0.0051);
      expect(Number(line[head.indexOf('排名')])).toBe(want.rank);
      expect(line[head.indexOf('等级')]).toBe(want.grade);
      expect(Number(line[head.indexOf('类别排名')])).toBe(want.categoryRank);
    }
  }, 180000);

  it('a re-run keeps typed statuses, notes and scores, and duplicates nothing', async () => {
    const file = path.join(dir, 'result.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rect = wb.getWorksheet('整改台账')!;
    const rc = columns(rect, '整改状态');
    const target = rect.getRow(rc.row + 1);
    const key = String(target.getCell(rc.col['问题编号']!).value);
    target.getCell(rc.col['整改状态']!).value = '整改中';
    target.getCell(rc.col['整改说明']!).value = '已安排专人整改';
    const itemsBefore = rect.rowCount;

    const scores = wb.getWorksheet('评分表')!;
    const sc = columns(scores, '二级指标');
    let edited = false;
    for (let r = sc.row + 1; r <= scores.rowCount && !edited; r++) {
      const line = scores.getRow(r);
      if (line.getCell(sc.col['单位']!).value === '信息工程学院' && line.getCell(sc.col['二级指标']!).value === '新闻动态') {
        line.getCell(sc.col['上半年·张明·得分']!).value = 5; // was 15
        edited = true;
      }
    }
    expect(edited).toBe(true);
    await wb.xlsx.writeFile(file);

    const second = run(dir);
    const before = first.ranking.find((r) => r.unit === '信息工程学院')!.score;
    const after = second.ranking.find((r) => r.unit === '信息工程学院')!.score;
    // One of two inspectors in one of two rounds dropped 10 points: the annual mean drops 2.5.
    expect(after).toBeCloseTo(before! - 2.5, 6);

    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    const rect2 = again.getWorksheet('整改台账')!;
    const rc2 = columns(rect2, '整改状态');
    const rows: { key: string; status: unknown; note: unknown }[] = [];
    for (let r = rc2.row + 1; r <= rect2.rowCount; r++) {
      const line = rect2.getRow(r);
      const k = line.getCell(rc2.col['问题编号']!).value;
      if (k) rows.push({ key: String(k), status: line.getCell(rc2.col['整改状态']!).value, note: line.getCell(rc2.col['整改说明']!).value });
    }
    const mine = rows.filter((x) => x.key === key);
    expect(mine).toEqual([{ key, status: '整改中', note: '已安排专人整改' }]);
    expect(new Set(rows.map((x) => x.key)).size).toBe(rows.length);
    expect(rect2.rowCount).toBeGreaterThanOrEqual(itemsBefore - 1);
  });

  it('an explicit --previous that does not exist is an error, and nothing is written over the result', () => {
    const before = fs.readFileSync(path.join(dir, 'result.xlsx'));
    const args = ['run', path.join(ROOT, 'samples/submissions'), '--scores', path.join(ROOT, 'samples/评分.xlsx'), '--as-of', '2024-11-20', '--out', 'result.xlsx', '--previous', 'reslut.xlsx'];
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('reslut.xlsx');
    expect(fs.readFileSync(path.join(dir, 'result.xlsx')).equals(before)).toBe(true);
  });
});
