/**
 * One folder of .docx/.doc/.xls/.et/.ods/.xlsx/.csv files from different units: `zhendi check`
 * gives one consolidated result with the same findings as the folder of their .xlsx
 * equivalents; only the location of findings in Word tables is told differently (表n 第r行).
 * The conversions need LibreOffice; without it the test is skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseA1 } from '../../src/core/grid';
import { formCsv, formsHtml, formsXlsx, hasSoffice, sofficeConvert, unitForms } from '../xlsx/formatFiles';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');
const SHEETS = ['附件1', '附件2', '附件3', '附件4', '附件5'];
/** Title and signer paragraphs sit above each Word table, as on the sheets. */
const TOP = 2;

interface F {
  rule: string;
  severity: string;
  unit: string | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  form: string | null;
  message: string;
  table?: number;
  row?: number;
  column?: string;
}

function check(dir: string): { files: { file: string; status: string; unit: string }[]; findings: F[]; units: { unit: string; forms: Record<string, number> }[] } {
  const r = spawnSync(process.execPath, [BIN, 'check', '.', '--as-of', '2024-11-20', '--json', path.join(dir, '..', `${path.basename(dir)}.json`)], { cwd: dir, encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(fs.readFileSync(path.join(dir, '..', `${path.basename(dir)}.json`), 'utf8'));
}

const UNITS = { docx: '信息工程学院', doc: '机电工程学院', xls: '经济管理学院', et: '艺术设计学院', ods: '马克思主义学院', xlsx: '团委', csv: '学生工作处' } as const;

(hasSoffice() ? describe : describe.skip)('a mixed folder', () => {
  let mixed: ReturnType<typeof check>;
  let plain: ReturnType<typeof check>;
  beforeAll(async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-mixed-'));
    const a = path.join(base, 'mixed');
    const b = path.join(base, 'xlsx');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    for (const [ext, unit] of Object.entries(UNITS)) {
      const forms = unitForms(unit);
      if (ext === 'csv') {
        // A CSV holds one sheet: this unit sends its 新媒体 form only, in both folders.
        fs.writeFileSync(path.join(a, `${unit}.csv`), formCsv(forms[1]!));
        fs.writeFileSync(path.join(b, `${unit}.xlsx`), await formsXlsx([forms[1]!]));
        continue;
      }
      const xlsx = await formsXlsx(forms);
      fs.writeFileSync(path.join(b, `${unit}.xlsx`), xlsx);
      const bytes =
        ext === 'docx' ? sofficeConvert(formsHtml(forms), 'html', 'docx:MS Word 2007 XML', 'HTML (StarWriter)')
        : ext === 'doc' ? sofficeConvert(formsHtml(forms), 'html', 'doc:MS Word 97', 'HTML (StarWriter)')
        : ext === 'xls' || ext === 'et' ? sofficeConvert(xlsx, 'xlsx', 'xls')
        : ext === 'ods' ? sofficeConvert(xlsx, 'xlsx', 'ods')
        : xlsx;
      fs.writeFileSync(path.join(a, `${unit}.${ext}`), bytes);
    }
    mixed = check(a);
    plain = check(b);
  });

  it('accepts every file and credits each unit with the same forms and rows', () => {
    expect(mixed.files.map((f) => f.status)).toEqual(Object.keys(UNITS).map(() => 'accepted'));
    const forms = (r: typeof mixed) => Object.fromEntries(r.units.map((u) => [u.unit, u.forms]));
    expect(forms(mixed)).toEqual(forms(plain));
    expect(Object.keys(forms(mixed)).sort()).toEqual(Object.values(UNITS).sort());
  });

  it('gives the same findings, Word ones located by table, row and column', () => {
    const word = (u: string | null) => u === UNITS.docx || u === UNITS.doc;
    // A Word table's row r is sheet row TOP + r of the .xlsx sheet of the same form.
    const where = (f: F) => {
      if (f.table !== undefined) return `表${f.table} 第${f.row ?? '-'}行`;
      if (word(f.unit) && f.sheet && SHEETS.includes(f.sheet) && f.cell) return `表${SHEETS.indexOf(f.sheet) + 1} 第${parseA1(f.cell)!.row - TOP + 1}行`;
      return f.cell ?? '-';
    };
    // The unit links a finding to its file: file and sheet names differ by format.
    const key = (f: F) => `${f.rule}|${f.severity}|${f.unit}|${f.form}|${f.message}|${where(f)}`;
    expect(mixed.findings.map(key).sort()).toEqual(plain.findings.map(key).sort());
    expect(mixed.findings.filter((f) => f.severity !== 'info').length).toBeGreaterThan(10);
    for (const f of mixed.findings) if (f.table !== undefined && f.row !== undefined) expect(f.cell).toBeNull();
    const phone = mixed.findings.filter((f) => word(f.unit) && f.rule === 'cell-phone');
    expect(phone).toHaveLength(2);
    for (const f of phone) expect(f).toMatchObject({ cell: null, table: 1, row: 3, column: '联系电话' });
  });

  it('notes nothing about extensions: every file is what its extension says', () => {
    expect(mixed.findings.filter((f) => f.rule === 'file-extension-mismatch')).toEqual([]);
  });
});
