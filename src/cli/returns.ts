/** `--return-dir` and `--notices-dir`: files to send back to units, one per unit file or unit. */
import path from 'node:path';
import type { CheckResult } from '../core/model';
import { safeFilePart } from '../core/report/templateSheets';
import type { RunResult } from '../core/run';
import { NOTICE_PREFIX, unitNotices } from '../core/scoring/rect-sheets';
import { buildReturnCopies } from '../xlsx/returnCopies';
import { fromUser, readShown } from './files';
import { renderWorkbook, writeOutputs } from './writer';

/** Writes a return copy of every file of a unit with errors or warnings; returns how many. */
export async function writeReturnCopies(result: CheckResult, dir: string, deadline?: string | null): Promise<number> {
  const out = fromUser(dir);
  // A file of an archive is taken out of it again.
  const { files, failed } = await buildReturnCopies(result, readShown, { deadline });
  // All of them or none, as the other outputs.
  await writeOutputs(files.map((f) => ({ path: path.join(out, f.name), data: f.bytes })));
  for (const f of failed) process.stderr.write(`未能生成退回文件：${f.file}（${f.reason}）\n`);
  process.stdout.write(`已写出 ${files.length} 份退回文件：${dir}\n`);
  return files.length;
}

/** One printable 整改通知_<单位>.xlsx per unit with open rectification items. */
export async function writeNotices(run: RunResult, dir: string): Promise<number> {
  const out = fromUser(dir);
  const notices = unitNotices(run.rectification, run.params);
  const outputs = [];
  for (const n of notices) outputs.push({ path: path.join(out, `${NOTICE_PREFIX}${safeFilePart(n.unit)}.xlsx`), data: await renderWorkbook({ sheets: [n.sheet] }) });
  await writeOutputs(outputs);
  process.stdout.write(`已写出 ${notices.length} 份整改通知：${dir}\n`);
  return notices.length;
}
