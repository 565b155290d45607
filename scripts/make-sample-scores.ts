/**
 * Writes samples/评分.xlsx: two rounds of inspection (two inspectors each) in the long
 * interchange format of DOMAIN §2.3, plus the office's 加减分 sheet. Deterministic.
 *   npx tsx scripts/make-sample-scores.ts
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { DEFAULT_RUBRIC } from '../src/core/scoring/rubric';

/** Share of the points each unit earns (a unit's overall standing), per round. */
const QUALITY: Record<string, [number, number] | [number]> = {
  信息工程学院: [0.96, 0.98],
  机电工程学院: [0.86, 0.9],
  经济管理学院: [0.8, 0.84],
  马克思主义学院: [0.9, 0.88],
  艺术设计学院: [0.7, 0.74],
  体育部: [0.66],
  党委宣传部: [0.94, 0.95],
  学生工作处: [0.84, 0.86],
  团委: [0.84, 0.86],
  国际交流处: [0.62, 0.6],
  图书馆: [0.72, 0.75],
  后勤管理处: [0.58, 0.61],
};
const INSPECTORS: Record<1 | 2, [string, string]> = { 1: ['张明', '王芳'], 2: ['张明', '李强'] };
const ROUND = { 1: '上半年', 2: '下半年' } as const;

/** A small deterministic wobble so inspectors differ a little. */
function wobble(seed: string): number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 5) - 2; // −2 … +2 half-points
}

function score(max: number, q: number, seed: string): number {
  const raw = Math.round(max * q * 2) / 2 + wobble(seed) * 0.5;
  return Math.min(max, Math.max(0, raw));
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2024-11-15T08:00:00Z');
  const ws = wb.addWorksheet('评分');
  ws.addRow(['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明']);
  for (const [unit, qs] of Object.entries(QUALITY)) {
    qs.forEach((q, i) => {
      const round = (i + 1) as 1 | 2;
      for (const inspector of INSPECTORS[round]) {
        for (const ind of DEFAULT_RUBRIC.indicators) {
          const s = score(ind.max, q, `${unit}${round}${inspector}${ind.id}`);
          const note = s < ind.max ? `${ind.level2}：${s < ind.max * 0.7 ? '内容明显不足' : '个别内容不够及时'}` : '';
          ws.addRow([ROUND[round], inspector, unit, ind.level2, s, note]);
        }
      }
    });
  }
  ws.columns.forEach((c) => (c.width = 14));
  const adj = wb.addWorksheet('加减分');
  adj.addRow(['单位', '类型', '分值', '说明']);
  adj.addRow(['信息工程学院', '加分', 3, '获省级优秀网站称号']);
  adj.addRow(['党委宣传部', '加分', 2, '新媒体作品获全国奖项']);
  adj.addRow(['后勤管理处', '否决', null, '网站被篡改发布不良信息，造成负面影响']);
  adj.columns.forEach((c) => (c.width = 18));
  const out = path.resolve(__dirname, '../samples/评分.xlsx');
  await wb.xlsx.writeFile(out);
  process.stdout.write(`wrote ${out}\n`);
}

void main();
