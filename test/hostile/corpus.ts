/**
 * Hostile-corpus generator: every kind of file that once crashed, blew memory or lost data
 * silently, plus good filing workbooks to run beside them. Deterministic; used by the corpus
 * test and by `npx tsx scripts/hostile-corpus.ts <dir>` to write the files out.
 */
import { deflateSync, strToU8, zipSync } from 'fflate';
import { crc32 } from '../../src/xlsx/zipGuard';
import { rawZip } from '../xlsx/helpers';
import { cellRecords, docx, noise, num, ods, odsCell, tc, xls } from './builders';

export interface CorpusFile {
  name: string;
  kind: string;
  bytes: Uint8Array;
}

/** The finding each hostile kind must get (the limit or loss it names). */
export const EXPECTED_RULE: Record<string, string> = {
  xfd: 'read-limit',
  listed1000: 'sheet-unreadable',
  bigstring: 'file-too-large',
  merges: 'read-limit',
  findings: 'findings-capped',
  dupentry: 'file-unreadable',
  crc: 'file-unreadable',
  sstindex: 'cell-unreadable',
  missingpart: 'sheet-unreadable',
  sharedf: 'read-limit',
  nocache: 'formula-no-value',
  sheetentries: 'read-limit',
  strtotal: 'file-too-large',
  lastrow: 'read-limit',
  deep: 'file-too-large',
  csvquote: 'csv-row-malformed',
  csvmixed: 'encoding-mixed',
  wide: 'read-limit',
  manycells: 'file-too-large',
  xlswide: 'read-limit',
  odswide: 'read-limit',
  docxgrid: 'read-limit',
  csvquotes: 'csv-row-malformed',
  zipbomb: 'file-too-large',
  zipnest: 'file-unsupported',
  ziplist: 'file-too-large',
  zipcut: 'file-unreadable',
};

type Row = (string | number | null)[];

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
const WS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

const WEBSITE_HEADER = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'];
const COLUMNS = '通知公告、部门简介、机构设置、规章制度、办事指南、岗位分工、下载专区、联系方式';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellXml(v: string | number | null, r: number, c: number): string {
  if (v === null) return '';
  const ref = `${colName(c)}${r + 1}`;
  return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

export function sheetXml(rows: Row[], extra = ''): string {
  const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS}><sheetData>${body}</sheetData>${extra}</worksheet>`;
}

/** The rows of a website filing sheet for one unit: title, signer line, header, data rows. */
export function websiteRows(unit: string, phone: string, sites: number, asOf = '2024-11-18'): Row[] {
  const rows: Row[] = [
    ['网站平台更新登记备案表'],
    [`填报单位：${unit}    单位负责人签名（盖章）：张${unit.length}    填表人：李明    填表人电话：${phone}`],
    WEBSITE_HEADER,
  ];
  for (let i = 0; i < sites; i++) rows.push([i + 1, `${unit}网站${i + 1}`, '张三', '李明', phone, COLUMNS, asOf]);
  return rows;
}

export interface BookParts {
  sheets: { name: string; xml: string; part?: string; state?: string }[];
  sst?: string;
  styles?: string;
  /** Workbook part name (found through _rels/.rels). */
  workbookPart?: string;
  /** Extra or replacing parts, by name; null drops a part. */
  patch?: Record<string, string | Uint8Array | null>;
  /** Extra <sheet> entries appended to workbook.xml verbatim. */
  extraSheetEntries?: string;
}

/** A minimal but complete .xlsx (content types, package and workbook relationships). */
export function xlsx(b: BookParts): Uint8Array {
  const wbPart = b.workbookPart ?? 'xl/workbook.xml';
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const relsPart = `${dir}_rels/${wbPart.slice(dir.length)}.rels`;
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, text: string) => (files[name] = strToU8(text));
  put('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`);
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL_NS}><Relationship Id="rId1" Type="${DOC_REL}" Target="${wbPart}"/></Relationships>`);
  const entries = b.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`).join('');
  put(wbPart, `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${entries}${b.extraSheetEntries ?? ''}</sheets></workbook>`);
  const rels = b.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${WS_REL}" Target="${s.part ?? `worksheets/sheet${i + 1}.xml`}"/>`);
  if (b.sst !== undefined) rels.push(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  if (b.styles !== undefined) rels.push(`<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`);
  put(relsPart, `<?xml version="1.0" encoding="UTF-8"?><Relationships ${REL_NS}>${rels.join('')}</Relationships>`);
  b.sheets.forEach((s, i) => {
    const target = s.part ?? `worksheets/sheet${i + 1}.xml`;
    put(target.startsWith('/') ? target.slice(1) : dir + target, s.xml);
  });
  if (b.sst !== undefined) put(`${dir}sharedStrings.xml`, b.sst);
  if (b.styles !== undefined) put(`${dir}styles.xml`, b.styles);
  for (const [name, data] of Object.entries(b.patch ?? {})) {
    if (data === null) delete files[name];
    else files[name] = typeof data === 'string' ? strToU8(data) : data;
  }
  return zipSync(files);
}

/** A good single-form workbook for unit `unit`. */
export function goodBook(unit: string, phone: string, sites = 2): Uint8Array {
  return xlsx({ sheets: [{ name: '网站', xml: sheetXml(websiteRows(unit, phone, sites)) }] });
}

// ---------------------------------------------------------------------------------------------
// Hand-written zips (duplicate names, stored entries with a real or a broken CRC)

/** A zip of stored entries, in order, duplicates allowed; `crc` overrides an entry's checksum. */
export function storedZip(entries: { name: string; data: Uint8Array; crc?: number }[]): Uint8Array {
  return rawZip(entries.map((e) => ({ ...e, method: 0 as const, size: e.data.length })));
}

function storedParts(sheet: string): { name: string; data: Uint8Array }[] {
  return [
    { name: '[Content_Types].xml', data: strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: '_rels/.rels', data: strToU8(`<Relationships ${REL_NS}><Relationship Id="rId1" Type="${DOC_REL}" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: strToU8(`<workbook ${NS}><sheets><sheet name="网站" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: strToU8(`<Relationships ${REL_NS}><Relationship Id="rId1" Type="${WS_REL}" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', data: strToU8(sheet) },
  ];
}

// ---------------------------------------------------------------------------------------------
// The hostile kinds

function gbk(text: string): Uint8Array {
  // The few GBK characters the mixed-encoding CSV needs, encoded by hand (no encoder in JS).
  const table: Record<string, [number, number]> = { 网: [0xcd, 0xf8], 站: [0xd5, 0xbe], 名: [0xc3, 0xfb], 称: [0xb3, 0xc6] };
  const out: number[] = [];
  for (const ch of text) {
    const g = table[ch];
    if (g) out.push(...g);
    else out.push(...strToU8(ch));
  }
  return new Uint8Array(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function csvLine(cells: (string | number)[]): string {
  return cells.map((c) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(',') + '\r\n';
}

/** Every hostile kind, one file each; unit names are distinct from the good files'. */
export function hostileFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const add = (kind: string, bytes: Uint8Array, ext = 'xlsx') => out.push({ kind, name: `恶意单位-${kind}.${ext}`, bytes });
  const unit = (k: string) => `恶意单位-${k}`;

  // Cells at column XFD: every row would become 16,384 slots.
  {
    const rows = websiteRows(unit('xfd'), '13900000001', 3);
    const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`);
    for (let r = rows.length; r < 20_000; r++) body.push(`<row r="${r + 1}"><c r="XFD${r + 1}"><v>1</v></c></row>`);
    add('xfd', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${body.join('')}</sheetData></worksheet>` }] }));
  }
  // One sheet listed 1,000 times.
  {
    const xml = sheetXml(websiteRows(unit('listed1000'), '13900000002', 2000));
    const extra = Array.from({ length: 999 }, (_, i) => `<sheet name="网站${i + 2}" sheetId="${i + 2}" r:id="rId1"/>`).join('');
    add('listed1000', xlsx({ sheets: [{ name: '网站', xml }], extraSheetEntries: extra }));
  }
  // A 1 MB shared string referenced 1,000 times.
  {
    const big = '网'.repeat(1024 * 1024);
    const rows = websiteRows(unit('bigstring'), '13900000003', 0);
    const head = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
    const data = Array.from({ length: 1000 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}"><v>${i + 1}</v></c><c r="B${i + 4}" t="s"><v>0</v></c><c r="F${i + 4}" t="s"><v>0</v></c></row>`).join('');
    add('bigstring', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${head}${data}</sheetData></worksheet>` }], sst: `<sst ${NS}><si><t>${big}</t></si></sst>` }));
  }
  // Wide data merges: thousands of full-width merges over data rows, and one over the whole sheet.
  {
    const rows = websiteRows(unit('merges'), '13900000004', 3000);
    const merges = [`<mergeCell ref="A1:XFD1048576"/>`];
    for (let r = 4; r < 3004; r++) merges.push(`<mergeCell ref="B${r}:XFD${r}"/>`);
    add('merges', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows, `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`) }] }));
  }
  // Far more findings than a report can hold: every row breaks several rules.
  {
    const rows = websiteRows(unit('findings'), '13900000005', 0);
    for (let i = 0; i < 28_000; i++) rows.push([`x${i}`, '', '', '', '12', '', '不是日期']);
    add('findings', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows) }] }));
  }
  // Two zip entries of one name: an empty worksheet first, the real one second.
  {
    const parts = storedParts(sheetXml(websiteRows(unit('dupentry'), '13900000006', 2)));
    const empty = { name: 'xl/worksheets/sheet1.xml', data: strToU8(`<worksheet ${NS}><sheetData/></worksheet>`) };
    add('dupentry', storedZip([...parts.slice(0, 4), empty, parts[4]!]));
  }
  // A flipped digit in a stored worksheet: the CRC no longer matches.
  {
    const parts = storedParts(sheetXml(websiteRows(unit('crc'), '13900000007', 2)));
    const sheet = parts[4]!;
    const crc = crc32(sheet.data);
    const text = new TextDecoder().decode(sheet.data).replace('13900000007', '13900000008');
    add('crc', storedZip([...parts.slice(0, 4), { name: sheet.name, data: strToU8(text), crc }]));
  }
  // Invalid shared-string indices.
  {
    const rows = websiteRows(unit('sstindex'), '13900000009', 1);
    const head = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
    const bad = ['abc', '-1', '1.5', '99999'].map((v, i) => `<row r="${5 + i}"><c r="A${5 + i}"><v>${2 + i}</v></c><c r="B${5 + i}" t="s"><v>${v}</v></c></row>`).join('');
    add('sstindex', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${head}${bad}</sheetData></worksheet>` }], sst: `<sst ${NS}><si><t>只有一项</t></si></sst>` }));
  }
  // A listed sheet whose part is missing.
  {
    const b = xlsx({
      sheets: [
        { name: '网站', xml: sheetXml(websiteRows(unit('missingpart'), '13900000010', 1)) },
        { name: '附件2 新媒体', xml: '', part: 'worksheets/sheet2.xml' },
      ],
      patch: { 'xl/worksheets/sheet2.xml': null },
    });
    add('missingpart', b);
  }
  // Shared formula with a long master expanded over a long column.
  {
    const rows = websiteRows(unit('sharedf'), '13900000011', 0);
    const head = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
    const long = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join('+');
    const body = [`<row r="4"><c r="A4"><f t="shared" ref="A4:A60003" si="0">${long}</f><v>1</v></c></row>`];
    for (let r = 5; r <= 60_003; r++) body.push(`<row r="${r}"><c r="A${r}"><f t="shared" si="0"/><v>1</v></c></row>`);
    add('sharedf', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${head}${body.join('')}</sheetData></worksheet>` }] }));
  }
  // Formulas without cached values (a generator that never calculated).
  {
    const rows = websiteRows(unit('nocache'), '13900000012', 0);
    const head = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
    const data =
      `<row r="4"><c r="A4"><f>ROW()-3</f></c>${cellXml('站点甲', 3, 1)}${cellXml('张三', 3, 2)}${cellXml('李明', 3, 3)}${cellXml('13900000012', 3, 4)}${cellXml(COLUMNS, 3, 5)}<c r="G4"><f>DATE(2024,11,18)</f></c></row>` +
      `<row r="5"><c r="A5"><f>A4+1</f></c><c r="B5"><f>VLOOKUP(X1,Z:Z,2,0)</f></c>${cellXml('张三', 4, 2)}${cellXml('李明', 4, 3)}<c r="E5"><f>E4</f></c>${cellXml(COLUMNS, 4, 5)}<c r="G5"><f>TODAY()</f></c></row>`;
    const styles = `<styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    add('nocache', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${head}${data.replace(/<c r="G(\d)">/g, '<c r="G$1" s="1">')}</sheetData></worksheet>` }], styles }));
  }
  // Thousands of sheet entries in workbook.xml.
  {
    const extra = Array.from({ length: 5000 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 2}" r:id="rIdX${i}"/>`).join('');
    add('sheetentries', xlsx({ sheets: [{ name: '网站', xml: sheetXml(websiteRows(unit('sheetentries'), '13900000013', 1)) }], extraSheetEntries: extra }));
  }
  // Many long distinct strings: each under the per-string limit, together far over the total.
  {
    const rows = websiteRows(unit('strtotal'), '13900000014', 0);
    const head = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`).join('');
    const si: string[] = [];
    const data: string[] = [];
    for (let i = 0; i < 1500; i++) {
      si.push(`<si><t>${String(i).padStart(6, '0')}${'栏'.repeat(30_000)}</t></si>`);
      data.push(`<row r="${i + 4}"><c r="A${i + 4}"><v>${i + 1}</v></c><c r="F${i + 4}" t="s"><v>${i}</v></c></row>`);
    }
    add('strtotal', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${head}${data.join('')}</sheetData></worksheet>` }], sst: `<sst ${NS}>${si.join('')}</sst>` }));
  }
  // A cell at the last row only: coordinates must not cost memory.
  {
    const rows = websiteRows(unit('lastrow'), '13900000015', 2);
    add('lastrow', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>9</v></c></row></sheetData>') }] }));
  }
  // A far-right cell on every one of many rows: rows × columns must stay bounded.
  {
    const rows: string[] = [];
    for (let r = 5; r < 99_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r - 4}</v></c><c r="IU${r}"><v>1</v></c></row>`);
    add('wide', xlsx({ sheets: [{ name: '网站', xml: sheetXml(websiteRows(unit('wide'), '13900000019', 1)).replace(/<row r="4">.*?<\/row>/, '').replace('</sheetData>', `${rows.join('')}</sheetData>`) }] }));
  }
  // Many sheets each under the per-sheet cell limit, together over the per-file one.
  {
    const rows: string[] = [];
    for (let r = 1; r <= 60_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>2</v></c><c r="C${r}"><v>3</v></c></row>`);
    const xml = `<worksheet ${NS}><sheetData>${rows.join('')}</sheetData></worksheet>`;
    add('manycells', xlsx({ sheets: [{ name: '网站', xml: sheetXml(websiteRows(unit('manycells'), '13900000020', 1)) }, ...Array.from({ length: 6 }, (_, i) => ({ name: `数据${i + 1}`, xml }))] }));
  }
  // Deeply nested elements inside a cell.
  {
    const deep = '<x>'.repeat(200_000) + '</x>'.repeat(200_000);
    const rows = websiteRows(unit('deep'), '13900000016', 1);
    add('deep', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows).replace('<row r="4">', `<row r="4"><c r="K4">${deep}</c>`) }] }));
  }
  // CSV with an unclosed quote folding the rows after it.
  {
    const lines = [csvLine(['网站平台更新登记备案表']), csvLine([`填报单位：${unit('csvquote')}    单位负责人签名（盖章）：张三    填表人：李明    填表人电话：13900000017`]), csvLine(WEBSITE_HEADER)];
    lines.push(csvLine([1, '站点甲', '张三', '李明', '13900000017', COLUMNS, '2024-11-18']));
    lines.push(`2,"站点乙,张三,李明,13900000017,${COLUMNS},2024-11-18\r\n`);
    for (let i = 3; i <= 6; i++) lines.push(csvLine([i, `站点${i}`, '张三', '李明', '13900000017', COLUMNS, '2024-11-18']));
    add('csvquote', strToU8(lines.join('')), 'csv');
  }
  // CSV mixing UTF-8 and GBK lines.
  {
    const head = strToU8([csvLine(['网站平台更新登记备案表']), csvLine([`填报单位：${unit('csvmixed')}    单位负责人签名（盖章）：张三    填表人：李明    填表人电话：13900000018`]), csvLine(WEBSITE_HEADER)].join(''));
    const gbkLine = gbk(csvLine([1, '网站名称', '张三', '李明', '13900000018', COLUMNS, '2024-11-18']));
    add('csvmixed', concat([head, gbkLine, strToU8(csvLine([2, '站点乙', '张三', '李明', '13900000018', COLUMNS, '2024-11-18']))]), 'csv');
  }
  // .xls with a value in the last column on each of many rows: once a dense row 65,536 wide each.
  {
    const far: number[] = [];
    for (let r = 5; r < 20_005; r++) far.push(...num(r, 65_535, 1));
    add('xlswide', xls([...cellRecords(websiteRows(unit('xlswide'), '13900000021', 1)), ...far]), 'xls');
  }
  // .ods with a value after sixteen million repeated empty columns on each of 100 rows.
  {
    const rows = websiteRows(unit('odswide'), '13900000022', 1).map((row) => `<table:table-row>${row.map((v) => (v === null ? '<table:table-cell/>' : odsCell(esc(String(v))))).join('')}</table:table-row>`);
    for (let r = 0; r < 100; r++) rows.push(`<table:table-row>${Array.from({ length: 1000 }, (_, i) => `<table:table-cell table:number-columns-repeated="${16_000 + ((i + r) % 384)}" table:style-name="${noise(i + r)}"/>`).join('')}${odsCell('x')}</table:table-row>`);
    add('odswide', ods(rows.join('')), 'ods');
  }
  // A Word table whose rows skip a billion grid columns before their cell.
  {
    const head = websiteRows(unit('docxgrid'), '13900000023', 1);
    const paras = head.slice(0, 2).map((r) => `<w:p><w:r><w:t>${esc(String(r[0]))}</w:t></w:r></w:p>`).join('');
    const rows = head.slice(2).map((r) => `<w:tr>${r.map((v) => tc(esc(String(v ?? '')))).join('')}</w:tr>`);
    for (let i = 0; i < 300; i++) rows.push(`<w:tr><w:trPr><w:gridBefore w:val="${1_000_000_000 + i}"/></w:trPr>${tc(noise(i))}</w:tr>`);
    add('docxgrid', docx(`${paras}<w:tbl>${rows.join('')}</w:tbl>`), 'docx');
  }
  // CSV where line after line opens a quote that never closes (once minutes of parsing).
  {
    const lines = [csvLine(['网站平台更新登记备案表']), csvLine([`填报单位：${unit('csvquotes')}    单位负责人签名（盖章）：张三    填表人：李明    填表人电话：13900000024`]), csvLine(WEBSITE_HEADER)];
    for (let i = 0; i < 10_000; i++) lines.push(`${i + 1},"站点${i}\r\n`);
    add('csvquotes', strToU8(lines.join('')), 'csv');
  }
  // Archives. A file in a zip declaring 15 MB out of 1 KB (each file keeps the archive's name, so
  // the finding lands on a file of that name).
  {
    const data = deflateSync(new Uint8Array(100_000));
    add('zipbomb', rawZip([{ name: '恶意单位-zipbomb.zip', data, method: 8, size: 15 * 1024 * 1024 }]), 'zip');
  }
  // A zip in a zip in a zip in a zip: opened three levels deep, no more.
  {
    let z = zipSync({ 'a.xlsx': goodBook(unit('zipnest'), '13900000024') });
    for (let i = 0; i < 3; i++) z = zipSync({ '恶意单位-zipnest.zip': z });
    add('zipnest', z, 'zip');
  }
  // A zip of 10,001 empty files, and a zip cut short.
  {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= 10_000; i++) many[`f${i}.csv`] = new Uint8Array(0);
    add('ziplist', zipSync(many, { level: 0 }), 'zip');
    const whole = zipSync({ 'a.xlsx': goodBook(unit('zipcut'), '13900000025') });
    add('zipcut', whole.subarray(0, whole.length - 40), 'zip');
  }
  return out;
}

/**
 * Valid workbooks from other producers, and the formatted template: these must read like the
 * plain file (issue 9 items 6 and 9).
 */
export function otherProducerFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const add = (kind: string, bytes: Uint8Array) => out.push({ kind, name: `异构单位-${kind}.xlsx`, bytes });
  const rows = (k: string, phone: string) => websiteRows(`异构单位-${k}`, phone, 2);
  add('sheetxml', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows('sheetxml', '13700000001')), part: 'worksheets/sheet.xml' }] }));
  add('Sheet1', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows('Sheet1', '13700000002')), part: 'worksheets/Sheet1.xml' }] }));
  add('relsonly', xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows('relsonly', '13700000003')), part: '/data/tables/first.xml' }], workbookPart: 'wb/book.xml' }));
  {
    // Part names in another case than the relationships say.
    const b = xlsx({ sheets: [{ name: '网站', xml: sheetXml(rows('case', '13700000004')), part: 'Worksheets/SHEET1.xml' }] });
    out.push({ kind: 'case', name: '异构单位-case.xlsx', bytes: b });
  }
  {
    // A template formatted down to row 30,000: styled empty cells around 2 data rows.
    const data = rows('styled', '13700000005');
    const body = data.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, r, c)).join('')}</row>`);
    for (let r = data.length; r < 30_000; r++) {
      body.push(`<row r="${r + 1}" s="1" customFormat="1">${Array.from({ length: 10 }, (_, c) => `<c r="${colName(c)}${r + 1}" s="1"/>`).join('')}</row>`);
    }
    const styles = `<styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="0" borderId="0"/></cellXfs></styleSheet>`;
    add('styled', xlsx({ sheets: [{ name: '网站', xml: `<worksheet ${NS}><sheetData>${body.join('')}</sheetData></worksheet>` }], styles }));
  }
  return out;
}

export function goodFiles(n = 20): CorpusFile[] {
  return Array.from({ length: n }, (_, i) => ({ kind: 'good', name: `良好单位${i + 1}.xlsx`, bytes: goodBook(`良好单位${i + 1}`, `1360000${String(1000 + i).padStart(4, '0')}`) }));
}
