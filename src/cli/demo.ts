/** `zhendi demo`: the bundled sample batch, end to end. */
import path from 'node:path';
import { checkCommand } from './check';

const SAMPLES = path.resolve(__dirname, '../../samples');

export async function demoCommand(outDir: string): Promise<number> {
  process.stdout.write(`示例数据：${path.relative(process.cwd(), SAMPLES)}（检查日期 2024-11-20）\n\n`);
  await checkCommand([path.join(SAMPLES, 'submissions')], {
    roster: path.join(SAMPLES, '单位名单.xlsx'),
    asOf: '2024-11-20',
    json: path.join(outDir, 'check.json'),
    out: path.join(outDir, '校验结果.xlsx'),
  });
  return 0;
}
