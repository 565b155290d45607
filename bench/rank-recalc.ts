/**
 * `tsx bench/rank-recalc.ts [units]`: LibreOffice recalculation time of a 考核排名 sheet alone,
 * with the dense-rank formulas we write (SUMIFS over first-occurrence flags) and with the
 * SUMPRODUCT(…/COUNTIF(S,S)) form they replaced, on the same synthetic scores with ties.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { columnLetters } from '../src/core/grid';
import { headerRow, type OutValue, type SheetModel } from '../src/core/report/model';
import { DEFAULT_RUBRIC, assess, makeParams, rankingSheet, type ScoreEntry } from '../src/core/scoring';
import { renderWorkbook } from '../src/xlsx/write';

const n = Number(process.argv[2] ?? 2000);
const params = makeParams({ asOf: '2024-11-20' });
const units = Array.from({ length: n }, (_, i) => ({ unit: `单位${i + 1}`, category: ['教学单位', '职能部门', '后勤服务'][i % 3]! }));
const ind = DEFAULT_RUBRIC.indicators;
const scores: ScoreEntry[] = units.flatMap((u, i) => {
  let left = 40 + ((i * 7919) % 120) / 2; // 120 distinct totals: many ties
  return ind.map((it) => {
    const s = Math.min(it.max, left);
    left -= s;
    return { round: 1, inspector: '张三', unit: u.unit, indicatorId: it.id, score: s, note: '', file: 's.xlsx', sheet: '评分', cell: null };
  });
});
const assessment = assess({ units, findings: [], rubric: DEFAULT_RUBRIC, params, scores, adjustments: [] });
const sheet = rankingSheet(assessment, params);

/** The replaced formulas: SUMPRODUCT over the whole score range, per cell. */
function quadratic(s: SheetModel): SheetModel {
  const first = headerRow(s) + 2;
  const last = first + s.rows.length - 1;
  const sc = columnLetters(s.columns.findIndex((c) => c.header === '年度得分'));
  const cr = s.columns.findIndex((c) => c.header === '类别排名');
  const S = `$${sc}$${first}:$${sc}$${last}`;
  const C = `$C$${first}:$C$${last}`;
  const rows = s.rows.map((row, i): OutValue[] => {
    const r = first + i;
    const out = [...row];
    out[0] = { formula: `SUMPRODUCT((${S}>${sc}${r})/COUNTIF(${S},${S}))+1` };
    out[cr] = { formula: `SUMPRODUCT((${C}=C${r})*(${S}>${sc}${r})/COUNTIFS(${C},${C},${S},${S}))+1` };
    return out;
  });
  return { ...s, rows };
}

async function time(label: string, model: SheetModel, dir: string): Promise<void> {
  const file = path.join(dir, `${label}.xlsx`);
  writeFileSync(file, await renderWorkbook({ sheets: [model] }));
  const t = Date.now();
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, file], { encoding: 'utf8', timeout: 300_000 });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  process.stdout.write(r.error ? `${label}: killed after ${secs} s\n` : `${label}: ${secs} s${r.status === 0 ? '' : ` (exit ${r.status})`}\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rank-recalc-'));
  try {
    mkdirSync(path.join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(
      path.join(dir, 'profile', 'user', 'registrymodifications.xcu'),
      '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
    );
    spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--terminate_after_init'], { timeout: 120_000 });
    process.stdout.write(`${n} units, ${new Set(assessment.results.map((r) => r.score)).size} distinct scores\n`);
    await time('linear', sheet, dir);
    await time('sumproduct', quadratic(sheet), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
