/**
 * Writes a unit template and a return copy of it filled with mistakes, then renders both with
 * LibreOffice into docs/returns/ (PNG pages):  npx tsx scripts/render-returns.ts [workdir]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkBatch } from '../src/core/check';
import { readSubmission } from '../src/xlsx/read';
import { buildReturnCopies } from '../src/xlsx/returnCopies';
import { unitTemplateFiles } from '../src/xlsx/unitTemplates';
import { fillTemplate, VALID } from '../test/xlsx/templateFill';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const work = path.resolve(process.argv[2] ?? path.join(ROOT, '.tmp/render-returns'));
  fs.mkdirSync(work, { recursive: true });
  const [tpl] = await unitTemplateFiles(['信息工程学院'], { school: '东江职业技术学院', deadline: '2024-11-15' });
  const bytes = await fillTemplate(tpl!.bytes, VALID, (wb) => {
    wb.getWorksheet('附件2')!.getCell('I5').value = '1380000111';
    wb.getWorksheet('附件2')!.getRow(6).values = [2, '抖音号', '信工小视频', '', '1.2万', null, '活动宣传', '张晓', '13912345678'];
    wb.getWorksheet('附件4')!.getCell('B5').value = '钉钉小组';
    wb.getWorksheet('附件1')!.getCell('G5').value = new Date('2024-10-01T00:00:00Z');
  });
  const roster = { units: [{ name: '信息工程学院', category: '教学单位', aliases: [], head: null, phone: null }] };
  const result = checkBatch([{ file: tpl!.name, sha256: 'render', size: bytes.length, read: await readSubmission(tpl!.name, bytes) }], { asOf: '2024-11-20', roster });
  const built = await buildReturnCopies(result, async () => bytes);
  fs.writeFileSync(path.join(work, 'template.xlsx'), tpl!.bytes);
  fs.writeFileSync(path.join(work, 'return.xlsx'), built.files[0]!.bytes);
  const profile = `-env:UserInstallation=file://${path.join(work, 'lo-profile')}`;
  execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', work, 'template.xlsx', 'return.xlsx'], { cwd: work });
  const out = path.join(ROOT, 'docs/returns');
  fs.mkdirSync(out, { recursive: true });
  const page = (pdf: string, n: number, name: string) => {
    execFileSync('pdftoppm', ['-png', '-r', '90', '-f', String(n), '-l', String(n), '-singlefile', path.join(work, pdf), path.join(out, name)]);
  };
  page('template.pdf', 1, '模板-填表说明');
  page('template.pdf', 3, '模板-附件2');
  page('return.pdf', 1, '退回-退回说明');
  page('return.pdf', 4, '退回-附件2');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
