/** `zhendi run`: check, score, rank and rectify; writes the whole result workbook. */
import { unscoredLine } from '../core/scoring/ranking-sheet';
import type { PipelineResult } from '../core/pipeline';
import { renderWorkbook, writeOutputs, type Output } from './writer';
import { type CheckFlags, flagParams, loadRoster, pipelineOnPaths, printSummary, SUMMARY_ROWS } from './check';
import { fromUser } from './files';
import { previousSheets, scoreSheets } from './inputs';
import { renderTable } from './table';
import { writeNotices, writeReturnCopies } from './returns';

export interface RunFlags extends CheckFlags {
  out: string;
  scores?: string[];
  previous?: string;
  notices?: boolean;
  noticesDir?: string;
  rankStyle?: 'dense' | 'rank.eq';
  quota?: number;
}

export function printRanking(r: PipelineResult): void {
  const results = r.run?.ranking ?? [];
  const shown = results.slice(0, SUMMARY_ROWS);
  const rows = shown.map((u) => [u.rank ?? '', u.unit, u.category ?? '', u.score === null ? '' : Number(u.score.toFixed(2)), u.grade, u.categoryRank ?? '']);
  const rest = results.length - shown.length;
  const more = rest > 0 ? `\n（前 ${shown.length} 名；全部 ${results.length} 个单位见“考核排名”工作表）` : '';
  const unscored = r.run?.assessment.unscored.length ?? 0;
  const line = unscored ? `\n${unscoredLine(unscored)}` : '';
  process.stdout.write('\n' + renderTable(['排名', '单位', '类别', '年度得分', '等级', '类别内排名'], rows) + more + line + '\n');
}

export async function runCommand(paths: string[], o: RunFlags): Promise<number> {
  const roster = o.roster ? await loadRoster(o.roster) : null;
  const books = await Promise.all((o.scores ?? []).map(scoreSheets));
  const scoreBooks = books.flatMap((b) => b.sheets);
  const scoreProblems = books.flatMap((b) => b.problems);
  // Re-running into the same file keeps what users typed there.
  const previous = await previousSheets(o.previous ?? o.out, o.previous !== undefined);
  const params = { ...flagParams(o), rankStyle: o.rankStyle, excellentQuota: o.quota };
  const result = await pipelineOnPaths(paths, { roster, scoreBooks, scoreProblems, previous, params, notices: o.notices, mode: 'run' }, { roster: !!o.roster, previous: !!o.previous });
  printSummary(result.check, result.findings);
  printRanking(result);
  // Rendered first, then written together: the JSON and the workbook, or neither.
  const outputs: Output[] = [];
  if (o.json) outputs.push({ path: fromUser(o.json), data: JSON.stringify(result.json, null, 2) });
  outputs.push({ path: fromUser(o.out), data: await renderWorkbook(result.workbook) });
  await writeOutputs(outputs);
  process.stdout.write(`已写出：${o.out}\n`);
  if (o.noticesDir && result.run) await writeNotices(result.run, o.noticesDir);
  if (o.returnDir) await writeReturnCopies(result.check, o.returnDir, o.returnBy);
  return o.strict && result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
