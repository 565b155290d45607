/**
 * Hostile files for every reader besides the .xlsx one (.xls, .ods, Word, web pages, Excel 2003
 * XML, CSV), and the .xlsx formula evaluator: one line per case. Each comes back as a result with
 * a Chinese word on what was wrong (never a throw, a dense row a million cells wide, or minutes
 * of work), the same with either inflater.
 */
import zlib from 'node:zlib';
import { strToU8 } from 'fflate';
import { nodeInflate } from '../../src/cli/files';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { sheetXml, websiteRows, xlsx } from '../hostile/corpus';
import { cellRecords, docx, noise, num, ods, odsCell, record, tc, u16, u32, xls } from '../hostile/builders';

const FORM = websiteRows('测试单位', '13900000001', 2);
const rep = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

/** What a case must come back with: read with a note matching `note`, or refused as `refused`. */
type Want = { note?: RegExp; rows?: number; name?: number; first?: string } | { refused: 'too-large' | 'unreadable' | 'unsupported'; detail?: RegExp };

const CASES: [string, string, () => Uint8Array, Want][] = [
  ['.xls: a cell in the last column on each of 20,000 rows', 'a.xls', () => xls([...cellRecords(FORM), ...rep(20_000, (i) => num(i + 5, 65_535, 1)).flat()]), { note: /第 64 列以后还有 20000 个/, rows: 5 }],
  ['.xls: MULRK records starting far right', 'a.xls', () => xls([...cellRecords(FORM), ...rep(3000, (i) => record(0x00bd, [...u16(i + 5), ...u16(65_000), ...u16(0), ...u32(2), ...u16(65_001)])).flat()]), { note: /列以后/, rows: 5 }],
  ['.xls: 40,000 merges, each over the whole width', 'a.xls', () => xls([...cellRecords(FORM), ...rep(40, () => record(0x00e5, [...u16(1000), ...rep(1000, (i) => [...u16(i), ...u16(65_535), ...u16(0), ...u16(255)]).flat()])).flat()]), { note: /合并/ }],
  ['.xls: a record continued by 200,000 one-byte CONTINUE records', 'a.xls', () => xls([...cellRecords(FORM), ...label(9, 1, 'abc'), ...rep(200_000, () => [0x3c, 0, 1, 0, 0x41]).flat()]), { refused: 'too-large', detail: /记录数/ }],
  ['.ods: a value after 16 million repeated empty columns', 'a.ods', () => ods(rep(100, (r) => `<table:table-row>${rep(1000, (i) => `<table:table-cell table:number-columns-repeated="${16_000 + ((i + r) % 384)}" table:style-name="${noise(i + r)}"/>`).join('')}${odsCell('x')}</table:table-row>`).join('')), { note: /列以后还有 100 个/ }],
  ['.ods: content after 3,000 × a million repeated empty rows', 'a.ods', () => ods(`${rep(3000, (i) => `<table:table-row table:number-rows-repeated="${1_000_000 + i}" table:style-name="${noise(i)}"><table:table-cell/></table:table-row>`).join('')}<table:table-row>${odsCell('x')}</table:table-row>`), { note: /行以后/ }],
  ['.ods: a 100,000-character text repeated over rows and columns', 'a.ods', () => ods(`<table:table-row table:number-rows-repeated="200"><table:table-cell table:number-columns-repeated="64" office:value-type="string"><text:p>${rep(33_000, noise).join('')}</text:p></table:table-cell></table:table-row>`), { refused: 'too-large', detail: /文字/ }],
  ['.ods: tables nested 2,000 deep in cells', 'a.ods', () => ods(`<table:table-row><table:table-cell>${'<table:table table:name="n"><table:table-row><table:table-cell>'.repeat(2000)}${'</table:table-cell></table:table-row></table:table>'.repeat(2000)}</table:table-cell></table:table-row>`), { refused: 'too-large', detail: /嵌套/ }],
  ['Word: gridBefore of a billion columns', 'a.docx', () => docx(`<w:tbl><w:tr>${tc('序号')}${tc('名称')}</w:tr>${rep(300, (i) => `<w:tr><w:trPr><w:gridBefore w:val="${1_000_000_000 + i}"/></w:trPr>${tc(noise(i))}</w:tr>`).join('')}</w:tbl>`), { note: /表格第 64 列以后还有 300 个/ }],
  ['Word: 90,000 vMerge continuations without a start', 'a.docx', () => docx(`<w:tbl>${rep(3000, (r) => `<w:tr>${rep(60, (c) => (r % 2 ? tc('', `<w:vMerge/><w:tcW w:w="${(r * 60 + c) % 9973}"/>`) : tc(noise(r * 60 + c)))).join('')}</w:tr>`).join('')}</w:tbl>`), { note: /合并单元格超过 10000 处/ }],
  ['Word: a table nested in a cell 1,000 deep', 'a.docx', () => docx(`<w:tbl><w:tr><w:tc>${'<w:tbl><w:tr><w:tc>'.repeat(1000)}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(1000)}</w:tc>${tc('甲')}</w:tr></w:tbl>`), { rows: 1 }],
  ['web page: tables nested 100,000 deep', 'a.xls', () => strToU8(`<table><tr><td>${'<table><tr><td>'.repeat(100_000)}x</td></tr></table>`), { refused: 'too-large', detail: /嵌套/ }],
  ['web page: 20,000 tables', 'a.html', () => strToU8(`<html><body>${'<table><tr><td>x</td></tr></table>'.repeat(20_000)}`), { note: /20000 个表格，超过上限 50 个/ }],
  ['Excel 2003 XML: a cell in column 16,000 on 20,000 rows', 'a.xml', () => strToU8(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">序号</Data></Cell></Row>${'<Row><Cell ss:Index="16000"><Data ss:Type="Number">1</Data></Cell></Row>'.repeat(20_000)}</Table></Worksheet></Workbook>`), { note: /列以后还有 20000 个/, rows: 1 }],
  ['CSV: 10,000 lines each opening a quote', 'a.csv', () => strToU8('"a\n'.repeat(10_000)), { note: /引号/ }],
  ['CSV: 5,000 lines with a malformed quoted cell', 'a.csv', () => strToU8('a,"b"c\n'.repeat(5000)), { note: /引号/ }],
  ['xlsx: 20,000 formulas without values, each pointing one row further down', 'a.xlsx', () => xlsx({ sheets: [{ name: '网站', xml: sheetXml(FORM).replace('</sheetData>', `${rep(20_000, (i) => `<row r="${i + 9}"><c r="H${i + 9}"><f>H${i + 10}+1</f></c></row>`).join('')}</sheetData>`) }] }), { note: /公式没有计算结果/ }],
  ['xlsx: a sheet name of 3 million characters over rows full of errors', 'a.xlsx', () => xlsx({ sheets: [{ name: `网站${rep(1_000_000, noise).join('')}`, xml: sheetXml([...FORM, ...rep(2000, (i) => [`x${i}`, '', '', '', '12', '', '不是日期'])]) }] }), { note: /工作表名称长 3000002 个字符/, name: 256 }],
  ['.ods: a cell of 200,000 space runs and texts', 'a.ods', () => ods(`<table:table-row><table:table-cell office:value-type="string"><text:p>${rep(200_000, (i) => `<text:s text:c="${90 + (i % 10)}"/>${noise(i)}`).join('')}</text:p></table:table-cell></table:table-row>`), { note: /只读取了前 32767 字/ }],
  ['Word: a cell of 3 million characters', 'a.docx', () => docx(`<w:tbl><w:tr>${tc(rep(1_000_000, noise).join(''))}</w:tr></w:tbl>`), { note: /只读取了前 32767 字/ }],
  ['CSV: UTF-16LE without a byte-order mark', 'a.csv', () => new Uint8Array(new Uint16Array(Array.from('网站平台更新登记备案表\r\n序号,网站名称\r\n1,站点甲\r\n', (c) => c.charCodeAt(0))).buffer), { rows: 3, first: '网站平台更新登记备案表' }],
];

function label(r: number, c: number, s: string): number[] {
  return record(0x0204, [...u16(r), ...u16(c), ...u16(0), ...u16(s.length), 0, ...Array.from(s, (ch) => ch.charCodeAt(0))]);
}

const CODECS = [{}, { inflate: nodeInflate, crc32: zlib.crc32 }];

describe('hostile files in the other readers', () => {
  it.each(CASES)('%s', async (_what, name, build, want) => {
    const bytes = build();
    const results: ReadResult[] = [];
    for (const codec of CODECS) {
      const t = performance.now();
      results.push(await readSubmission(name, bytes, codec));
      expect(performance.now() - t).toBeLessThan(10_000);
    }
    expect(results[1]).toEqual(results[0]);
    const r = results[0]!;
    if ('refused' in want) {
      expect(r).toMatchObject({ ok: false, problem: want.refused });
      if (!r.ok && want.detail) expect(r.detail).toMatch(want.detail);
      return;
    }
    if (!r.ok) throw new Error(`refused: ${r.detail}`);
    const notes = r.workbook.notes ?? [];
    if (want.note) expect(notes.filter((n) => want.note!.test(n.detail)).map((n) => /[\u4e00-\u9fff]/.test(n.detail))).toContain(true);
    for (const s of r.workbook.sheets) for (const row of s.rows) expect(row.length).toBeLessThanOrEqual(64);
    if (want.rows !== undefined) expect(r.workbook.sheets[0]!.rows.length).toBe(want.rows);
    if (want.first !== undefined) expect(r.workbook.sheets[0]!.rows[0]![0]).toEqual({ t: 's', v: want.first });
    if (want.name !== undefined) expect(r.workbook.sheets[0]!.name.length).toBe(want.name);
  });
});
