/** `zhendi`: the headless twin of the add-in, for batch work, tests and benchmarks. */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { checkCommand, loadRoster } from './check';
import { demoCommand } from './demo';
import { runCommand } from './run';
import { fromUser } from './files';
import { templateWorkbookModel } from '../core/report/templateSheets';
import { PARAM_DEFAULTS } from '../core/params';
import { domainOf } from '../core/scoring/params';
import { renderWorkbook } from './writer';
import { inChinese, zhSystemError } from './zh';
import { unitTemplateFiles } from '../xlsx/unitTemplates';

function websiteDomain(v: string): string {
  const host = domainOf(v);
  if (host === null) throw new InvalidArgumentError('应为域名，如 hbjy.net，或“不限”');
  return host;
}

function isoDate(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InvalidArgumentError('应为 YYYY-MM-DD 格式的日期');
  return v;
}

function nonNegative(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('应为非负数字');
  return n;
}

/** The package version; src/cli and lib/cli both sit two levels below package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = inChinese(new Command('zhendi'))
    .description('网络阵地登记备案表校验、评分、排名与整改（Excel 加载项的命令行版）')
    .version(version(), '-V, --version', '显示版本号')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('template')
    .description('生成备案表模板：空白模板（每种表格一个工作表），或给出 --roster 时为每个单位生成一份')
    .requiredOption('--out <path>', '输出的 .xlsx 文件；给出 --roster 时为输出文件夹')
    .option('--school <name>', '标题中的学校名称', 'XX学院')
    .option('--roster <file>', '单位名单（.xlsx 或 .csv）：每个单位一份“<单位>-网络阵地备案表.xlsx”')
    .option('--deadline <date>', '报送截止日期 YYYY-MM-DD（写入填表说明）', isoDate)
    .option('--stale-warn <days>', '网站更新预警天数（默认 7，写入填表说明）', nonNegative)
    .action(async (o: { out: string; school: string; roster?: string; deadline?: string; staleWarn?: number }) => {
      const out = fromUser(o.out);
      if (o.roster) {
        const roster = await loadRoster(o.roster);
        const files = await unitTemplateFiles(roster.units.map((u) => u.name), { school: o.school, deadline: o.deadline ?? null, staleWarnDays: o.staleWarn });
        await fs.mkdir(out, { recursive: true });
        for (const f of files) await fs.writeFile(path.join(out, f.name), f.bytes);
        process.stdout.write(`已为 ${files.length} 个单位生成模板：${o.out}\n`);
        return;
      }
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, await renderWorkbook(templateWorkbookModel(o.school)));
      process.stdout.write(`已生成模板：${o.out}\n`);
    });

  const withCheckOptions = (c: Command) =>
    c
      .option('--roster <file>', '单位名单（.xlsx 或 .csv）')
      .option('--as-of <date>', '检查日期 YYYY-MM-DD（默认今天）', isoDate)
      .option('--deadline <date>', '报送截止日期 YYYY-MM-DD', isoDate)
      .option('--stale-warn <days>', `网站更新预警天数（默认 ${PARAM_DEFAULTS.staleWarnDays}）`, nonNegative)
      .option('--stale-error <days>', `网站更新超期天数（默认 ${PARAM_DEFAULTS.staleErrorDays}）`, nonNegative)
      .option('--website-domain <domain>', '网站统一域名，如 hbjy.net（网址不在其下时提示；“不限”关闭）', websiteDomain)
      .option('--json <file>', '写出 JSON 报告')
      .option('--strict', '有错误级问题时以退出码 1 结束');

  withCheckOptions(program.command('check').description('校验备案表文件、文件夹或 .zip 压缩包').argument('<路径...>', '备案表、单位名单、评分表等文件、文件夹或 .zip 压缩包'))
    .option('--out <file>', '写出校验结果工作簿（.xlsx）')
    .option('--return-dir <dir>', '为每个有错误或警告的单位写出退回修改的文件（问题单元格标色并批注，首页“退回说明”）')
    .option('--return-by <date>', '退回文件要求的重新报送日期 YYYY-MM-DD（默认检查日期后 15 天）', isoDate)
    .action(async (paths: string[], o) => {
      process.exitCode = await checkCommand(paths, o);
    });

  const collect = (v: string, prev: string[] = []) => [...prev, v];
  withCheckOptions(program.command('run').description('校验 + 评分 + 年度考核排名 + 整改台账，写出结果工作簿').argument('<路径...>', '备案表、单位名单、评分表等文件、文件夹或 .zip 压缩包'))
    .requiredOption('--out <file>', '结果工作簿（.xlsx）；已存在时保留其中用户填写的评分、整改状态和说明')
    .option('--scores <file>', '评分文件（评分 / 加减分 / 评分细则 / 参数 工作表，或评分 CSV），可多次给出', collect)
    .option('--previous <file>', '上次的结果工作簿（默认为 --out 本身）')
    .option('--notices', '为每个单位生成可打印的整改通知')
    .option('--notices-dir <dir>', '另为每个单位写出“整改通知_<单位>.xlsx”（A4，可直接打印盖章）')
    .option('--return-dir <dir>', '为每个有错误或警告的单位写出退回修改的文件')
    .option('--return-by <date>', '退回文件要求的重新报送日期 YYYY-MM-DD（默认检查日期后 15 天）', isoDate)
    .option('--rank-style <style>', '排名方式：dense（中国式，默认）或 rank.eq', (v) => {
      if (v !== 'dense' && v !== 'rank.eq') throw new InvalidArgumentError('应为 dense 或 rank.eq');
      return v;
    })
    .option('--quota <fraction>', '优秀比例上限，如 0.2', (v) => {
      const n = Number(v);
      if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('应为 0 到 1 之间的小数');
      return n;
    })
    .action(async (paths: string[], o) => {
      process.exitCode = await runCommand(paths, o);
    });

  program
    .command('demo')
    .description('用自带的示例数据完整运行一遍')
    .option('--out <dir>', '输出文件夹', 'out')
    .action(async (o: { out: string }) => {
      process.exitCode = await demoCommand(o.out);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    if (err.code?.startsWith('commander.')) return 2;
    process.stderr.write(`错误：${zhSystemError(e)}\n`);
    return 2;
  }
}

// bin/zhendi.cjs calls main(); this is for `node lib/cli/main.js` and `tsx src/cli/main.ts`.
if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
