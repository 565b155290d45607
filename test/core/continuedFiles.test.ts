/**
 * A Word form broken in two, read from real files: a hand-written .docx, and .docx/.doc written
 * by LibreOffice Writer (skipped without soffice). The second table continues the first.
 */
import { checkBatch } from '../../src/core/check';
import { locationText } from '../../src/core/findings';
import { readSubmission } from '../../src/xlsx/read';
import { docx, tc } from '../hostile/builders';
import { hasSoffice, sofficeConvert } from '../xlsx/formatFiles';
import { HEAD, SIGNER, TITLE, type Raw } from './builders';

const site = (i: number, phone = '13800001111'): Raw[] => [i, `站点${i}`, '王建国', '李敏', phone, '新闻动态、通知公告', '2024-11-18'];
const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const pageBreak = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
const tbl = (rows: Raw[][]) => `<w:tbl>${rows.map((r) => `<w:tr>${r.map((v) => tc(v === null ? '' : String(v))).join('')}</w:tr>`).join('')}</w:tbl>`;

/** Title and signer, the header and three sites, a page break (and `between`), two more sites (`head`: the header again). */
function wordBody(between: string, head: boolean): string {
  return [p(TITLE.website), p(SIGNER('信息工程学院')), tbl([HEAD.website, site(1), site(2), site(3)]), pageBreak, between, tbl([...(head ? [HEAD.website] : []), site(4), site(5, '1380000')])].join('');
}

function html(between: string, head: boolean): string {
  const t = (rows: Raw[][]) => `<table border="1">${rows.map((r) => `<tr>${r.map((v) => `<td>${v ?? ''}</td>`).join('')}</tr>`).join('')}</table>`;
  return `<html><head><meta charset="utf-8"></head><body><p>${TITLE.website}</p><p>${SIGNER('信息工程学院').replace(/ {2,}/g, (m) => '&nbsp;'.repeat(m.length))}</p>${t([HEAD.website, site(1), site(2), site(3)])}<p style="page-break-before: always">${between}</p>${t([...(head ? [HEAD.website] : []), site(4), site(5, '1380000')])}</body></html>`;
}

async function outcome(file: string, bytes: Uint8Array) {
  const read = await readSubmission(file, bytes);
  if (!read.ok) throw new Error(read.detail);
  const r = checkBatch([{ file, sha256: file, size: bytes.length, modified: null, read }], { asOf: '2024-11-20', requiredForms: ['website'] });
  return {
    sheets: r.files[0]!.sheets.map((s) => `${s.sheet}:${s.form ?? '-'}:${s.rows}`),
    findings: r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${locationText(f) ?? ''}`.trim()),
    sites: r.units[0]!.sites,
  };
}

const VARIANTS: [string, string, boolean][] = [
  ['no header', '', false],
  ['the header repeated', '', true],
  ['a 续表 caption and no header', '续表', false],
  ['a 附件1（续） caption and the header', '附件1（续）', true],
];

describe('a Word table broken by a page break is one form', () => {
  it.each(VARIANTS)('.docx, %s', async (_name, between, head) => {
    const got = await outcome('信息工程学院.docx', docx(wordBody(between ? p(between) : '', head)));
    expect(got).toEqual({ sheets: ['表1:website:3', '表2:website:2'], findings: [`cell-phone 表2 第${head ? 3 : 2}行 联系电话`], sites: 5 });
  });

  (hasSoffice() ? it.each : it.skip.each)(VARIANTS.flatMap(([name, between, head]) => [['docx', name, between, head], ['doc', name, between, head]]) as [string, string, string, boolean][])(
    'Writer .%s, %s',
    async (ext, _name, between, head) => {
      const target = ext === 'doc' ? 'doc:MS Word 97' : 'docx:MS Word 2007 XML';
      const got = await outcome(`信息工程学院.${ext}`, sofficeConvert(html(between, head), 'html', target, 'HTML (StarWriter)'));
      // The .doc reader may see the two tables as one (no text between): one form either way.
      expect(got.sites).toBe(5);
      expect(got.sheets.every((s) => s.includes(':website:'))).toBe(true);
      expect(got.findings).toEqual([expect.stringMatching(/^cell-phone 表[12] 第\d行 联系电话$/)]);
    },
    120_000,
  );
});
