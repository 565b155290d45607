/** `zhendi demo`: the bundled sample batch, end to end: check, then score, rank and rectify. */
import path from 'node:path';
import { checkCommand } from './check';
import { runCommand } from './run';

const SAMPLES = path.resolve(__dirname, '../../samples');

export async function demoCommand(outDir: string): Promise<number> {
  const submissions = path.join(SAMPLES, 'submissions');
  const roster = path.join(SAMPLES, '单位名单.xlsx');
  process.stdout.write(`示例数据：${path.relative(process.cwd(), SAMPLES) || '.'}（检查日期 2024-11-20）\n\n`);
  await checkCommand([submissions], { roster, asOf: '2024-11-20', json: path.join(outDir, 'check.json'), out: path.join(outDir, '校验结果.xlsx') });
  process.stdout.write('\n年度考核（两名检查人、两轮检查，示例评分：samples/评分.xlsx）\n');
  await runCommand([submissions], {
    roster,
    asOf: '2024-11-20',
    scores: [path.join(SAMPLES, '评分.xlsx')],
    json: path.join(outDir, 'result.json'),
    out: path.join(outDir, '考核结果.xlsx'),
    notices: true,
  });
  return 0;
}
