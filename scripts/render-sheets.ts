/**
 * `tsx scripts/render-sheets.ts result.xlsx docs/sheets 总览 考核排名 …`
 *
 * LibreOffice renderings of chosen sheets of a result workbook: each sheet alone (the others set
 * hidden) to PDF as printed (page setup applies), first page to PNG. Needs soffice and pdftoppm.
 * Cached formula values are shown as written (no recalculation profile).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const [file, outDir, ...sheets] = process.argv.slice(2);
if (!file || !outDir || !sheets.length) {
  process.stderr.write('usage: tsx scripts/render-sheets.ts result.xlsx outDir sheet…\n');
  process.exit(2);
}
const parts = unzipSync(readFileSync(file));
const workbook = strFromU8(parts['xl/workbook.xml']!);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'render-'));
try {
  for (const sheet of sheets) {
    const only = workbook.replace(/<sheet name="([^"]*)"([^>]*?)( state="[a-zA-Z]+")?( r:id="[^"]*")\/>/g, (_m, name: string, mid: string, state: string | undefined, rid: string) =>
      `<sheet name="${name}"${mid}${name === sheet ? (state ?? '') : ' state="hidden"'}${rid}/>`,
    ).replace(/activeTab="\d+"/, `activeTab="${[...workbook.matchAll(/<sheet name="([^"]*)"/g)].findIndex((m) => m[1] === sheet)}"`);
    const xlsx = path.join(tmp, `${sheet}.xlsx`);
    writeFileSync(xlsx, zipSync({ ...parts, 'xl/workbook.xml': strToU8(only) }));
    spawnSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, xlsx], { stdio: 'ignore' });
    const pdf = path.join(tmp, `${sheet}.pdf`);
    spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(tmp, sheet)], { stdio: 'inherit' });
    const png = readdirSync(tmp).find((f) => f.startsWith(`${sheet}-`) && f.endsWith('.png'));
    if (!png) throw new Error(`no rendering for ${sheet}`);
    renameSync(path.join(tmp, png), path.join(outDir, `${sheet}.png`));
    process.stdout.write(`${path.join(outDir, `${sheet}.png`)}\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
