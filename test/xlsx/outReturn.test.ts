/**
 * A return copy opens wherever the unit's file opened, and prints as a document: the 退回说明 header row repeats on every page (a unit with
 * hundreds of problems gets many), and the unit's own sheets keep their own print titles.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { checkBatch, type Submission } from '../../src/core/check';
import type { CheckResult } from '../../src/core/model';
import type { Roster } from '../../src/core/units';
import { readSubmission } from '../../src/xlsx/read';
import { buildReturnCopies } from '../../src/xlsx/returnCopies';
import { unitTemplateFiles } from '../../src/xlsx/unitTemplates';
import { patchZip } from './helpers';
import { fillTemplate, VALID } from './templateFill';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;

const roster: Roster = { units: [{ name: '信息工程学院', category: '教学单位', aliases: [], head: null, phone: null }] };

async function check(name: string, bytes: Uint8Array): Promise<CheckResult> {
  const subs: Submission[] = [{ file: name, sha256: `${bytes.length}-${Math.random()}`, size: bytes.length, read: await readSubmission(name, bytes) }];
  return checkBatch(subs, { asOf: '2024-11-20', roster });
}

/** sheet name → its print titles, from workbook.xml's sheet order and sheet-scoped names. */
function printTitles(bytes: Uint8Array): Map<string, string[]> {
  const wb = strFromU8(unzipSync(bytes)['xl/workbook.xml']!);
  const names = [...wb.matchAll(/<sheet\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]!);
  const out = new Map<string, string[]>();
  for (const m of wb.matchAll(/<definedName\b[^>]*name="_xlnm\.Print_Titles"[^>]*localSheetId="(\d+)"[^>]*>([^<]*)<\/definedName>/g)) {
    const sheet = names[Number(m[1])]!;
    out.set(sheet, [...(out.get(sheet) ?? []), m[2]!.replace(/&apos;/g, "'")]);
  }
  return out;
}

describe('return copy print titles', () => {
  it('repeats the 退回说明 header on every page and keeps the unit sheets’ own', async () => {
    const [tpl] = await unitTemplateFiles(['信息工程学院'], { school: '东江职业技术学院' });
    const bytes = await fillTemplate(tpl!.bytes, VALID, (wb) => {
      const ws = wb.getWorksheet('附件2')!;
      for (let r = 5; r < 60; r++) ws.getCell(`I${r}`).value = `12${r}`; // a bad phone on many rows
    });
    const before = printTitles(bytes);
    expect(before.get('附件2')).toHaveLength(1);
    const first = await check(tpl!.name, bytes);
    const built = await buildReturnCopies(first, async () => bytes);
    const copy = built.files[0]!.bytes;
    const titles = printTitles(copy);
    // Title, two subtitle lines, then the header on row 4.
    expect(titles.get('退回说明')).toEqual(["'退回说明'!$4:$4"]);
    for (const [sheet, t] of before) expect(titles.get(sheet)).toEqual(t);

    // Returned again (the unit sent the copy back unchanged): still one set of titles for it.
    const again = await check('信息工程学院-网络阵地备案表-退回修改.xlsx', copy);
    const twice = (await buildReturnCopies(again, async () => copy)).files[0]!.bytes;
    expect(printTitles(twice).get('退回说明')).toEqual(["'退回说明'!$4:$4"]);
    for (const [sheet, t] of before) expect(printTitles(twice).get(sheet)).toEqual(t);
  });
});

/** Prefixes used on elements and attributes that no element up the tree declares (a well-formedness error under namespaces). */
function unboundPrefixes(xml: string): string[] {
  const stack: Set<string>[] = [new Set(['xml'])];
  const bad: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g)) {
    if (m[1]) {
      stack.pop();
      continue;
    }
    const scope = new Set(stack.at(-1));
    const attrs = [...m[3]!.matchAll(/([\w:.-]+)\s*=/g)].map((a) => a[1]!);
    for (const a of attrs) if (a.startsWith('xmlns:')) scope.add(a.slice(6));
    for (const n of [m[2]!, ...attrs.filter((a) => !a.startsWith('xmlns'))]) {
      const p = n.includes(':') ? n.split(':')[0]! : null;
      if (p && !scope.has(p)) bad.push(n);
    }
    if (!m[4]) stack.push(scope);
  }
  return bad;
}

describe('return copy of a workbook whose sheets bind their own prefix (openpyxl)', () => {
  let copy: Uint8Array;
  beforeAll(async () => {
    const [tpl] = await unitTemplateFiles(['信息工程学院'], { school: '东江职业技术学院' });
    const filled = await fillTemplate(tpl!.bytes, VALID, (wb) => {
      wb.getWorksheet('附件2')!.getCell('I5').value = '1380000111';
    });
    // As openpyxl writes it: xmlns:r on every <sheet>, none on <workbook>.
    const wb = strFromU8(unzipSync(filled)['xl/workbook.xml']!);
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const moved = wb.replace(` xmlns:r="${R}"`, '').replace(/<sheet /g, `<sheet xmlns:r="${R}" `);
    expect(unboundPrefixes(moved)).toEqual([]);
    const original = patchZip(filled, { 'xl/workbook.xml': moved });
    const first = await check(tpl!.name, original);
    expect(first.findings.some((f) => f.rule === 'cell-phone')).toBe(true);
    copy = (await buildReturnCopies(first, async () => original)).files[0]!.bytes;
  });

  it('binds every prefix of its workbook part', () => {
    const wb = strFromU8(unzipSync(copy)['xl/workbook.xml']!);
    expect(wb).toContain('name="退回说明"');
    expect(unboundPrefixes(wb)).toEqual([]);
  });

  (hasSoffice ? it : it.skip)('opens in LibreOffice', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhendi-return-'));
    try {
      writeFileSync(path.join(dir, 'copy.xlsx'), copy);
      const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, path.join(dir, 'copy.xlsx')], { encoding: 'utf8', timeout: 90_000 });
      expect(readdirSync(dir).filter((f) => f.endsWith('.csv'))).toEqual(['copy.csv']);
      expect(r.stderr).not.toContain('could not be loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
