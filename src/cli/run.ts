/** `zhendi run`: check, score, rank and rectify; writes the whole result workbook. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toJsonReport } from '../core/report/json';
import { runAssessment, type RunResult, type SourcedSheet } from '../core/run';
import { readBackSheets, readSubmission } from '../xlsx/read';
import { renderWorkbook } from './writer';
import { type CheckFlags, checkOptions, checkPaths, printSummary, SUMMARY_ROWS, writeFileFor } from './check';
import { fromUser, shownPath } from './files';
import { renderTable } from './table';

export interface RunFlags extends CheckFlags {
  out: string;
  scores?: string[];
  previous?: string;
  notices?: boolean;
  rankStyle?: 'dense' | 'rank.eq';
  quota?: number;
}

const SCORE_SHEETS = ['评分', '评分记录', '检查评分', '加减分', '评分细则', '参数'];

async function sheetsOf(file: string): Promise<SourcedSheet[]> {
  const abs = fromUser(file);
  const read = await readSubmission(path.basename(abs), new Uint8Array(await fs.readFile(abs)));
  if (!read.ok) throw new Error(`评分文件“${file}”无法读取：${read.detail}`);
  return read.workbook.sheets.map((sheet) => {
    // A CSV has one sheet named after the file: it holds scores in the long format.
    const named = read.kind === 'csv' && !SCORE_SHEETS.includes(sheet.name) ? { ...sheet, name: '评分' } : sheet;
    return { file: shownPath(abs), sheet: named };
  });
}

async function previousSheets(file: string): Promise<SourcedSheet[]> {
  const abs = fromUser(file);
  try {
    const grid = await readBackSheets(new Uint8Array(await fs.readFile(abs)));
    return grid.sheets.map((sheet) => ({ file: shownPath(abs), sheet }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export function printRanking(r: RunResult): void {
  const shown = r.assessment.results.slice(0, SUMMARY_ROWS);
  const rows = shown.map((u) => [u.rank, u.unit, u.category ?? '', Number(u.score.toFixed(2)), u.grade, u.categoryRank]);
  const rest = r.assessment.results.length - shown.length;
  const more = rest > 0 ? `\n（前 ${shown.length} 名；全部 ${r.assessment.results.length} 个单位见“考核排名”工作表）` : '';
  process.stdout.write('\n' + renderTable(['排名', '单位', '类别', '年度得分', '等级', '类别内排名'], rows) + more + '\n');
}

export async function runCommand(paths: string[], o: RunFlags): Promise<number> {
  const check = await checkPaths(paths, await checkOptions(o));
  const sheets = (await Promise.all((o.scores ?? []).map(sheetsOf))).flat();
  // Re-running into the same file keeps what users typed there.
  const previous = await previousSheets(o.previous ?? o.out);
  const result = runAssessment({
    check,
    sheets,
    previous,
    notices: o.notices,
    params: { rankStyle: o.rankStyle, excellentQuota: o.quota, deadline: o.deadline, staleWarnDays: o.staleWarn, staleErrorDays: o.staleError },
  });
  printSummary(check);
  printRanking(result);
  if (o.json) {
    const report = toJsonReport({ ...check, findings: [...check.findings, ...result.findings] }, result.ranking);
    await writeFileFor(o.json, JSON.stringify(report, null, 2));
  }
  await writeFileFor(o.out, await renderWorkbook(result.workbook));
  process.stdout.write(`已写出：${o.out}\n`);
  return o.strict && [...check.findings, ...result.findings].some((f) => f.severity === 'error') ? 1 : 0;
}
