/**
 * LibreOffice recalculates the 考核排名 formulas (排名, 等级, 类别排名, 年度得分) from the written
 * file and gets what the core computed. Cached results are dropped first, so the figures can only
 * come from LibreOffice's own calculation. Skipped when soffice is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { type Adjustment, DEFAULT_RUBRIC, assess, makeParams, rankingSheet } from '../../src/core/scoring';
import type { OutValue, SheetModel } from '../../src/core/report/model';
import { headerRow } from '../../src/core/report/model';
import { renderWorkbook } from '../../src/xlsx/write';
import { entry } from '../core/scoring/helpers';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
const maybe = hasSoffice ? describe : describe.skip;

/** A LibreOffice profile that always recalculates OOXML files on load. */
function profile(dir: string): string {
  const user = path.join(dir, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  return `file://${path.join(dir, 'profile')}`;
}

function uncached(sheet: SheetModel): SheetModel {
  const strip = (v: OutValue): OutValue => (v && typeof v === 'object' && 'formula' in v ? { formula: v.formula } : v);
  return { ...sheet, rows: sheet.rows.map((r) => r.map(strip)) };
}

function recalculated(bytes: Uint8Array): string[][] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhendi-recalc-'));
  try {
    const file = path.join(dir, 'rank.xlsx');
    writeFileSync(file, bytes);
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile(dir)}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, file], { encoding: 'utf8', timeout: 90_000 });
    const csv = readdirSync(dir).find((f) => f.endsWith('.csv'));
    if (!csv) throw new Error(`soffice wrote no CSV: ${r.stderr}`);
    return Papa.parse<string[]>(readFileSync(path.join(dir, csv), 'utf8')).data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

maybe('LibreOffice recalculation of 考核排名', () => {
  // 30 units in 3 categories with many tied scores, one veto, and a 20 % quota for 优秀.
  const ind = DEFAULT_RUBRIC.indicators;
  const units = Array.from({ length: 30 }, (_, i) => ({ unit: `单位${String(i + 1).padStart(2, '0')}`, category: ['教学单位', '职能部门', '后勤服务'][i % 3]! }));
  const points = [95, 92, 92, 88, 88, 88, 81, 75, 75, 60, 59, 40];
  const scores = units.flatMap((u, i) => {
    let left = points[i % points.length]!;
    return ind.map((it) => {
      const s = Math.min(it.max, left);
      left -= s;
      return entry(u.unit, it.id, s);
    });
  });
  const veto: Adjustment = { unit: '单位02', kind: 'veto', points: 0, note: '发生泄密', file: 'a.xlsx', sheet: '加减分', cell: 'B2' };

  for (const rankStyle of ['dense', 'rank.eq'] as const) {
    it(`agrees with the core (${rankStyle}, quota)`, async () => {
      const params = makeParams({ asOf: '2024-11-20', rankStyle, excellentQuota: 0.2 });
      const assessment = assess({ units, findings: [], rubric: DEFAULT_RUBRIC, params, scores, adjustments: [veto] });
      expect(new Set(assessment.results.map((r) => r.score)).size).toBeLessThan(assessment.results.length); // ties exist
      const sheet = rankingSheet(assessment, params);
      const rows = recalculated(await renderWorkbook({ sheets: [uncached(sheet)] }));
      const hr = headerRow(sheet);
      const header = rows[hr]!;
      const at = (name: string) => header.indexOf(name);
      const body = rows.slice(hr + 1, hr + 1 + assessment.results.length);
      const got = body.map((r) => ({ unit: r[at('单位')], rank: Number(r[at('排名')]), grade: r[at('等级')], categoryRank: Number(r[at('类别排名')]), score: Number(r[at('年度得分')]) }));
      const want = assessment.results.map((r) => ({ unit: r.unit, rank: r.rank, grade: r.grade, categoryRank: r.categoryRank, score: Number(r.score.toFixed(2)) }));
      expect(got).toEqual(want);
      expect(want.some((w) => w.grade === '良好' && w.score >= 90)).toBe(true); // the quota demoted someone
    }, 120_000);
  }
});
