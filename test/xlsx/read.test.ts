import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { cellText } from '../../src/core/grid';
import { DEFAULT_LIMITS, readBackSheets, readSubmission, sha256Hex } from '../../src/xlsx/read';
import { toBytes } from './helpers';

async function richWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1');
  ws.getCell('A1').value = '网站平台更新登记备案表';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = 1;
  ws.getCell('B2').value = new Date(Date.UTC(2024, 2, 25));
  ws.getCell('B2').numFmt = 'yyyy-mm-dd';
  ws.getCell('C2').value = { formula: 'A2/#REF!', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
  ws.getCell('D2').value = { richText: [{ text: '信息' }, { font: { bold: true }, text: '工程' }] };
  ws.getCell('A3').value = '=HYPERLINK("http://evil","x")';
  ws.getCell('B3').value = { text: '学院主页', hyperlink: 'http://example.edu.cn' };
  ws.getCell('C3').value = true;
  ws.getCell('D3').value = { formula: 'A2+1', result: 2 };
  ws.getCell('E3').value = { formula: 'A2*3' };
  ws.getCell('A4').value = { formula: 'A2*10', result: 10, shareType: 'shared', ref: 'A4:A5' } as ExcelJS.CellSharedFormulaValue & { shareType: string; ref: string };
  ws.getCell('A5').value = { sharedFormula: 'A4', result: 20 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('F3').value = '  ';
  ws.getCell('H9').value = null; // styled but empty: must not extend the grid
  ws.getCell('H9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
  const hidden = wb.addWorksheet('隐藏');
  hidden.state = 'hidden';
  hidden.getCell('B2').value = '在这里';
  return toBytes(wb);
}

describe('readSubmission: xlsx values', () => {
  let result: Awaited<ReturnType<typeof readSubmission>>;
  beforeAll(async () => {
    result = await readSubmission('信息工程学院.xlsx', await richWorkbook());
  });

  it('reads every kind of cell', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kind).toBe('xlsx');
    const [s, h] = result.workbook.sheets;
    expect(s!.name).toBe('附件1');
    const rows = s!.rows;
    expect(rows[0]![0]).toEqual({ t: 's', v: '网站平台更新登记备案表' });
    expect(rows[0]).toHaveLength(1); // merged-over cells hold nothing
    expect(rows[1]).toEqual([
      { t: 'n', v: 1 },
      { t: 'd', v: '2024-03-25' },
      { t: 'e', v: '#REF!' },
      { t: 's', v: '信息工程' },
    ]);
    expect(rows[2]![0]).toEqual({ t: 's', v: '=HYPERLINK("http://evil","x")' });
    expect(rows[2]![1]).toEqual({ t: 's', v: '学院主页' });
    expect(rows[2]![2]).toEqual({ t: 'b', v: true });
    expect(rows[2]![3]).toEqual({ t: 'n', v: 2 });
    expect(rows[2]![4]).toEqual({ t: 'n', v: 3 }); // formula without cached result, evaluated (=A2*3)
    expect(rows[2]![5]).toEqual({ t: 's', v: '  ' });
    expect(rows[3]![0]).toEqual({ t: 'n', v: 10 });
    expect(rows[4]![0]).toEqual({ t: 'n', v: 20 });
    expect(rows).toHaveLength(5); // the styled empty H9 is trimmed
    expect(s!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(s!.formulas).toMatchObject({ C2: 'A2/#REF!', D3: 'A2+1', E3: 'A2*3', A4: 'A2*10', A5: 'A3*10' });
    expect(s!.formulas!.A3).toBeUndefined();
    expect(h!.name).toBe('隐藏');
    expect(cellText(h!.rows[1]![1])).toBe('在这里');
  });

  it('accepts .xlsm and reads it back the same way', async () => {
    const bytes = await richWorkbook();
    const m = await readSubmission('a.XLSM', bytes);
    expect(m.ok).toBe(true);
    const back = await readBackSheets(bytes);
    expect(back.sheets.map((s) => s.name)).toEqual(['附件1', '隐藏']);
  });
});

describe('readSubmission: csv', () => {
  const expectCsv = async (bytes: Uint8Array, encoding: string, name = '团委_新媒体.csv') => {
    const r = await readSubmission(name, bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) throw new Error(r.detail);
    expect(r.kind).toBe('csv');
    expect(r.encoding).toBe(encoding);
    return r.workbook.sheets[0]!;
  };

  it('reads UTF-8 with and without BOM', async () => {
    const text = '序号,网络平台,备注\n1,微博,\n2,"抖音, 快手","多\n行"\n';
    for (const bytes of [strToU8(text), new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)])]) {
      const s = await expectCsv(bytes, 'utf-8');
      expect(s.name).toBe('团委_新媒体');
      expect(s.rows[0]).toEqual([{ t: 's', v: '序号' }, { t: 's', v: '网络平台' }, { t: 's', v: '备注' }]);
      expect(s.rows[1]).toEqual([{ t: 's', v: '1' }, { t: 's', v: '微博' }]);
      expect(s.rows[2]![1]).toEqual({ t: 's', v: '抖音, 快手' });
      expect(s.rows[2]![2]).toEqual({ t: 's', v: '多\n行' });
      expect(s.rows).toHaveLength(3);
      expect(s.merges).toEqual([]);
    }
  });

  it('reads GBK / GB18030', async () => {
    // '序号,1' in GBK
    const s = await expectCsv(new Uint8Array([0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0x31, 0x0d, 0x0a]), 'gb18030');
    expect(s.rows).toEqual([[{ t: 's', v: '序号' }, { t: 's', v: '1' }]]);
  });

  it('reads tab- and semicolon-separated text', async () => {
    const tab = await expectCsv(strToU8('序号\t网站名称\n1\t学工在线, 主页\n'), 'utf-8');
    expect(tab.rows[1]).toEqual([{ t: 's', v: '1' }, { t: 's', v: '学工在线, 主页' }]);
    const semi = await expectCsv(strToU8('a;b;c\n1;2;3\n'), 'utf-8');
    expect(semi.rows[1]).toHaveLength(3);
  });

  it('reads UTF-16 LE with BOM', async () => {
    const text = '序号,名称\n1,x\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const s = await expectCsv(bytes, 'utf-16le');
    expect(s.rows[0]![0]).toEqual({ t: 's', v: '序号' });
  });

  it('reads ="…" (an exporter keeping an ID as text) as the text inside', async () => {
    const s = await expectCsv(strToU8('账号ID,粉丝人数,备注\n="wyxy_2019",="0012",=SUM(A1)\n'), 'utf-8');
    expect(s.rows[1]).toEqual([{ t: 's', v: 'wyxy_2019' }, { t: 's', v: '0012' }, { t: 's', v: '=SUM(A1)' }]);
  });

  it('refuses a csv with too many cells', async () => {
    const r = await readSubmission('a.csv', strToU8('a,b,c\n'.repeat(10)), { maxCellsPerSheet: 20 });
    expect(r).toMatchObject({ ok: false, problem: 'too-large' });
  });
});

describe('sha256Hex', () => {
  it('matches the known digest of "abc"', async () => {
    expect(await sha256Hex(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('DEFAULT_LIMITS', () => {
  it('has the documented values', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFileBytes: 20 * 1024 * 1024,
      maxUncompressedBytes: 200 * 1024 * 1024,
      maxEntryRatio: 200,
      maxCellsPerSheet: 200_000,
      maxCellsPerFile: 1_000_000,
      maxSheets: 50,
      maxCellElements: 3_000_000,
      maxSheetEntries: 200,
      maxColumns: 64,
      maxMerges: 10_000,
      maxMergeArea: 1_000_000,
      maxStringChars: 32_767,
      maxTextChars: 10_000_000,
      maxFormulaChars: 8_192,
      maxFormulaTextPerSheet: 2_000_000,
      maxReadMs: 10_000,
    });
  });
});
