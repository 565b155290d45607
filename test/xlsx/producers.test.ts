/**
 * Submissions as other writers package them: the same filing sheets must read, and be checked,
 * as the plain .xlsx (or .csv) of the same content; what cannot be read says why in Chinese.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { dump, formCsv, formsXlsx, hasSoffice, sofficeConvert, unitForms } from './formatFiles';
import { rawZip } from './helpers';
import { checked, expectSameAsPlain, ok, plainParts, zip, type Parts } from './plainPackage';

/** Stored entries under the names given (fflate would normalise nothing, but this says so). */
const rawNamed = (p: Parts) =>
  rawZip(
    Object.entries(p).map(([name, v]) => {
      const data = strToU8(v);
      return { name, data, method: 0 as const, size: data.length };
    }),
  );

async function read(name: string, bytes: Uint8Array): Promise<ReadResult> {
  return readSubmission(name, bytes);
}

const rename = (p: Parts, f: (name: string) => string): Parts => Object.fromEntries(Object.entries(p).map(([k, v]) => [f(k), v]));

describe('zip packaging of other writers', () => {
  it('entry names with backslashes (Windows zip writers) name the same parts', async () => {
    await expectSameAsPlain(rawNamed(rename(await plainParts(), (k) => k.replace(/\//g, '\\'))));
  });

  it('near miss: one part under both separators is two entries of one name, refused', async () => {
    const p = await plainParts();
    const r = await read('x.xlsx', rawNamed({ ...p, 'xl\\workbook.xml': p['xl/workbook.xml']! }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.detail).toContain('两个同名的部件');
  });

  it('a package without [Content_Types].xml is read when its workbook is there', async () => {
    const p = await plainParts();
    delete p['[Content_Types].xml'];
    await expectSameAsPlain(zip(p));
  });

  it('near miss: without content types and without a workbook it is still no workbook', async () => {
    const p = await plainParts();
    delete p['[Content_Types].xml'];
    delete p['_rels/.rels'];
    const rest = rename(p, (k) => k.replace('xl/workbook.xml', 'xl/book.xml'));
    const r = await read('x.xlsx', zip(rest));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.detail).toContain('缺少工作簿部件');
  });

  it('relationship targets percent-escaped as URIs find parts stored unescaped', async () => {
    const p = rename(await plainParts(), (k) => k.replace(/worksheets\/sheet(\d)/, 'worksheets/表 $1'));
    p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!.replace(/worksheets\/sheet(\d)/g, (_, n: string) => `worksheets/${encodeURIComponent('表 ')}${n}`);
    await expectSameAsPlain(zip(p));
  });

  it('near miss: an escaped target with no such part still says the sheet is missing', async () => {
    const p = await plainParts();
    p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels']!.replace('worksheets/sheet1.xml', 'worksheets/%E8%A1%A81.xml');
    const r = ok(await read('x.xlsx', zip(p)));
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4', '附件5']);
    expect(r.workbook.notes?.[0]?.detail).toContain('工作表“附件1”在文件中找不到对应的数据部件');
  });
});

describe('formulas saved with an empty value', () => {
  const withCell = async (xml: string) => {
    const p = await plainParts();
    const sheet = p['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="G4" s="1"><v>45614</v></c>');
    p['xl/worksheets/sheet1.xml'] = sheet.replace('<c r="G4" s="1"><v>45614</v></c>', xml);
    return zip(p);
  };

  it.each(['<v></v>', '<v/>', '<v> </v>'])('%s is no cached result: the formula is evaluated, as without <v>', async (v) => {
    await expectSameAsPlain(await withCell(`<c r="G4" s="1"><f>DATE(2024,11,18)</f>${v}</c>`));
  });

  it('near miss: an empty text result (t="str") is a result, read as an empty cell without a note', async () => {
    const r = ok(await read('x.xlsx', await withCell('<c r="G4" s="1" t="str"><f>DATE(2024,11,18)</f><v></v></c>')));
    expect(r.workbook.sheets[0]!.rows[3]![6] ?? null).toBeNull();
    expect(r.workbook.notes).toBeUndefined();
  });

  it('near miss: an empty value of a formula that cannot be evaluated is a note, never a silent blank', async () => {
    const r = ok(await read('x.xlsx', await withCell('<c r="G4" s="1"><f>WEBSERVICE("http://x")</f><v></v></c>')));
    expect(r.workbook.notes?.map((n) => [n.kind, n.cell])).toEqual([['formula', 'G4']]);
  });
});

describe('files that are no workbook this reader can open say what they are', () => {
  it('an Excel binary workbook (.xlsb)', async () => {
    const xlsb = zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'),
      'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]),
      'xl/worksheets/sheet1.bin': new Uint8Array([0x81, 0x01, 0x00]),
    });
    const r = await read('机电学院.xlsb', xlsb);
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(!r.ok && r.detail).toMatch(/\.xlsb.*另存为” \.xlsx/);
  });

  it('an Apple Numbers document', async () => {
    const numbers = zipSync({ 'Index/Document.iwa': new Uint8Array([0, 1, 2]), 'Index/Tables/DataList.iwa': new Uint8Array([3]), 'Metadata/Properties.plist': strToU8('<plist/>') });
    const r = await read('机电学院.numbers', numbers);
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(!r.ok && r.detail).toContain('导出为 Excel');
  });

  it('near miss: an .xlsx that also carries a binary part reads; a zip of other files stays an archive', async () => {
    const p = await plainParts();
    const withBin = zipSync({ ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, strToU8(v)])), 'xl/workbook.bin': new Uint8Array([1]) });
    expect((await read('x.xlsx', withBin)).ok).toBe(true);
    const archive = zipSync({ 'index/readme.txt': strToU8('x'), 'a.iwa.txt': strToU8('y') });
    const r = await read('x.zip', archive);
    expect(!r.ok && r.detail).toContain('压缩包');
  });
});

describe('CSV with an Excel `sep=` line', () => {
  const form = unitForms('机电学院')[1]!;
  const plain = formCsv(form);
  const semicolons = plain.split('\r\n').map((l) => l.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';')).join('\r\n');

  it.each([
    ['sep=;', semicolons],
    ['sep=,', plain],
  ])('%s names the delimiter and is no row: cells keep the addresses Excel shows', async (line, body) => {
    const want = checked('a.csv', ok(await read('a.csv', strToU8(`\ufeff${plain}`))));
    const got = ok(await read('a.csv', strToU8(`\ufeff${line}\r\n${body}`)));
    expect(dump(got.workbook)).toEqual(dump(ok(await read('a.csv', strToU8(`\ufeff${plain}`))).workbook));
    expect(checked('a.csv', got)).toEqual(want);
    expect(want.findings.some((f) => f.includes('!H5 '))).toBe(true);
  });

  it('near miss: a first line that only starts with "sep=" is a row', async () => {
    const got = ok(await read('a.csv', strToU8(`sep=;x\r\n${plain}`)));
    expect(got.workbook.sheets[0]!.rows[0]).toEqual([{ t: 's', v: 'sep=;x' }]);
  });
});

describe('flat OpenDocument (.fods) and the old interchange formats', () => {
  const FIXTURES = join(__dirname, '../fixtures/formats');
  /** A flat document as LibreOffice writes it: the package's content as one `<office:document>`. */
  const flat = (mimetype: string) => {
    const content = strFromU8(unzipSync(new Uint8Array(readFileSync(join(FIXTURES, '机电学院.ods'))))['content.xml']!);
    return strToU8(content.replace(/<office:document-content\b/, `<office:document office:mimetype="${mimetype}"`).replace('</office:document-content>', '</office:document>'));
  };

  it('a .fods reads as the .ods of the same content', async () => {
    const ods = ok(await read('机电学院.ods', new Uint8Array(readFileSync(join(FIXTURES, '机电学院.ods')))));
    const fods = ok(await read('机电学院.fods', flat('application/vnd.oasis.opendocument.spreadsheet')));
    expect(fods.kind).toBe('fods');
    expect(fods.mismatch).toBeUndefined();
    expect(dump(fods.workbook)).toEqual(dump(ods.workbook));
    expect(checked('机电学院.fods', fods)).toEqual(checked('机电学院.fods', ods));
  });

  (hasSoffice() ? it : it.skip)('LibreOffice’s own flat XML export reads as the .xlsx it came from', async () => {
    const xlsx = await formsXlsx(unitForms('机电学院'));
    const fods = ok(await read('a.fods', sofficeConvert(xlsx, 'xlsx', 'fods')));
    expect(dump(fods.workbook)).toEqual(dump(ok(await read('a.xlsx', xlsx)).workbook));
  });

  it('near miss: a flat text document (.fodt) is refused as a text document, not read as CSV', async () => {
    const r = await read('a.fodt', flat('application/vnd.oasis.opendocument.text'));
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(!r.ok && r.detail).toContain('.odt');
  });

  it.each([
    ['SYLK', 'ID;PWXL;N;E\r\nC;Y1;X1;K"网站名称"\r\nE\r\n'],
    ['DIF', 'TABLE\r\n0,1\r\n"EXCEL"\r\nVECTORS\r\n0,7\r\n""\r\n'],
  ])('%s says what it is instead of being read as an unrecognised CSV', async (_f, text) => {
    const r = await read('a.slk', strToU8(text));
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(!r.ok && r.detail).toContain('SYLK/DIF');
  });

  it.each([
    ['RTF named .doc', '网络工作群组.doc', '{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\\trowd\\cellx1000 序号\\cell 群名称\\cell\\row}', 'RTF', '.docx'],
    ['Word 2003 XML named .doc', '网站平台.doc', '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"></w:wordDocument>', 'Word 2003 XML', '.docx'],
    ['a PDF with text-only content', '财务处盖章版.pdf', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'PDF', '可编辑'],
    ['a saved mail', '回复：网络阵地备案.eml', 'Return-Path: <a@b.cn>\r\nReceived: from mail\r\nFrom: 财务处 <a@b.cn>\r\nSubject: 备案表\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n', '邮件', '附件'],
  ])('%s says what it is, not an unrecognised CSV', async (_f, name, text, what, advice) => {
    const r = await read(name, strToU8(text));
    expect(r).toMatchObject({ ok: false, problem: 'unsupported' });
    expect(!r.ok && r.detail).toContain(what);
    expect(!r.ok && r.detail).toContain(advice);
  });

  it('near miss: a semicolon CSV whose header starts with ID; is a CSV', async () => {
    const r = ok(await read('a.csv', strToU8('ID;网站名称;联系电话\r\n1;党建网;13800001111\r\n')));
    expect(r.workbook.sheets[0]!.rows[1]).toEqual([{ t: 's', v: '1' }, { t: 's', v: '党建网' }, { t: 's', v: '13800001111' }]);
  });
});

describe('cells written without the type their value needs', () => {
  const sheetWith = async (xml: string) => {
    const p = await plainParts();
    const sheet = p['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="E4" t="s"><v>12</v></c>');
    p['xl/worksheets/sheet1.xml'] = sheet.replace('<c r="E4" t="s"><v>12</v></c>', xml);
    return ok(await read('x.xlsx', zip(p)));
  };

  it.each(['<c r="E4"><v>13800001111 转 8</v></c>', '<c r="E4" t="n"><v>13800001111 转 8</v></c>'])('text in an untyped or t="n" value is kept as text, not dropped: %s', async (xml) => {
    const r = await sheetWith(xml);
    expect(r.workbook.sheets[0]!.rows[3]![4]).toEqual({ t: 's', v: '13800001111 转 8' });
  });

  it('near miss: a numeric value stays a number, an empty one stays empty', async () => {
    expect((await sheetWith('<c r="E4"><v> 13800001111 </v></c>')).workbook.sheets[0]!.rows[3]![4]).toEqual({ t: 'n', v: 13800001111 });
    expect((await sheetWith('<c r="E4"><v> </v></c>')).workbook.sheets[0]!.rows[3]![4] ?? null).toBeNull();
  });

  it.each([
    ['FALSE', false],
    ['False', false],
    ['TRUE', true],
    ['0', false],
    ['1', true],
  ])('a boolean written as %s reads %s', async (v, want) => {
    expect((await sheetWith(`<c r="E4" t="b"><v>${v}</v></c>`)).workbook.sheets[0]!.rows[3]![4]).toEqual({ t: 'b', v: want });
  });
});

describe('web pages whose tables carry a <caption>', () => {
  const page = (captions: (string | null)[]) =>
    strToU8(
      `<html><head><meta charset="utf-8"></head><body>${unitForms('机电学院')
        .slice(0, captions.length)
        .map((f, i) => {
          const cap = captions[i];
          const rows = [[f.title], [f.signer], ...f.head, ...f.rows].map((r) => `<tr>${r.map((v) => `<td>${v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '')}</td>`).join('')}</tr>`);
          return `<table>${cap === null ? '' : `<caption>${cap}</caption>`}${rows.join('')}</table>`;
        })
        .join('<p></p>')}</body></html>`,
    );

  it('the caption (Gnumeric writes the sheet name there) names the sheet; the cells keep their places', async () => {
    const plain = ok(await read('机电学院.xlsx', zip(await plainParts())));
    const html = ok(await read('机电学院.html', page(['附件1', '附件2', '附件3', '附件4', '附件5'])));
    expect(html.workbook.sheets.map((s) => s.name)).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5']);
    expect(checked('x', html).findings).toEqual(checked('x', plain).findings);
  });

  it('a single captioned table is named by its caption; two equal captions stay two sheets', async () => {
    expect(ok(await read('机电学院.html', page(['附件1']))).workbook.sheets.map((s) => s.name)).toEqual(['附件1']);
    expect(ok(await read('机电学院.html', page(['登记表', '登记表']))).workbook.sheets.map((s) => s.name)).toEqual(['登记表', '登记表（2）']);
  });

  it('near miss: tables without a caption are still 表1, 表2 (one alone: the file name)', async () => {
    expect(ok(await read('机电学院.html', page([null, null]))).workbook.sheets.map((s) => s.name)).toEqual(['表1', '表2']);
    expect(ok(await read('机电学院.html', page([null]))).workbook.sheets.map((s) => s.name)).toEqual(['机电学院']);
  });
});

describe('pictures placed in cells by WPS', () => {
  const withAccountId = async (xml: string) => {
    const p = await plainParts();
    const sheet = p['xl/worksheets/sheet2.xml']!;
    const at = /<c r="D4" t="s"><v>\d+<\/v><\/c>/;
    expect(sheet).toMatch(at);
    p['xl/worksheets/sheet2.xml'] = sheet.replace(at, xml);
    return ok(await read('机电学院.xlsx', zip(p)));
  };

  it('a DISPIMG cell is a picture, said at the cell: not formula text, not an empty required cell', async () => {
    const r = await withAccountId('<c r="D4" t="str"><f>_xlfn.DISPIMG("ID_9A1B2C3D",1)</f><v>=DISPIMG("ID_9A1B2C3D",1)</v></c>');
    expect(r.workbook.sheets[1]!.rows[3]![3] ?? null).toBeNull();
    const got = checked('机电学院.xlsx', r).findings.filter((f) => f.includes('!D4 '));
    expect(got).toEqual([expect.stringMatching(/^cell-unreadable 附件2!D4 单元格中是嵌入单元格的图片/)]);
  });

  it('near miss: the same text typed into a cell (no formula) is text that starts with =', async () => {
    const r = await withAccountId('<c r="D4" t="inlineStr"><is><t>=DISPIMG("ID_9A1B2C3D",1)</t></is></c>');
    expect(r.workbook.sheets[1]!.rows[3]![3]).toEqual({ t: 's', v: '=DISPIMG("ID_9A1B2C3D",1)' });
    expect(checked('机电学院.xlsx', r).findings.filter((f) => f.includes('!D4 '))).toEqual([expect.stringMatching(/^cell-formula-text /)]);
  });
});

describe('parts in the encoding their XML declaration names', () => {
  /** GBK bytes of a text, from the decoder's own table (ASCII as is). */
  const gbk = (() => {
    const dec = new TextDecoder('gbk');
    const table = new Map<string, [number, number]>();
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
    return (text: string): Uint8Array => {
      const out: number[] = [];
      for (const ch of text) {
        if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
        else out.push(...table.get(ch)!);
      }
      return new Uint8Array(out);
    };
  })();

  const withStrings = async (declaration: string, encode: (t: string) => Uint8Array) => {
    const p = await plainParts();
    const sst = p['xl/sharedStrings.xml']!;
    expect(sst.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    const files: Record<string, Uint8Array> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, strToU8(v)]));
    files['xl/sharedStrings.xml'] = encode(sst.replace('encoding="UTF-8"', declaration));
    return zipSync(files);
  };

  it('shared strings written in GBK and declared so read as the UTF-8 ones', async () => {
    await expectSameAsPlain(await withStrings('encoding="GB2312"', gbk));
  });

  it.each(['encoding="GB2312"', "encoding='x-unknown'"])('near miss: a UTF-8 part declared %s stays UTF-8', async (declaration) => {
    await expectSameAsPlain(await withStrings(declaration, strToU8));
  });
});
