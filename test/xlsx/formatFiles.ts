/**
 * The same filing content as files of every format: an .xlsx written here (exceljs), HTML for
 * Word, and conversions by the producers on this machine (LibreOffice, gnumeric, xlsxwriter),
 * cached in a temp dir. Used by test/xlsx/formats.test.ts and scripts/make-format-fixtures.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { cellText, type WorkbookGrid } from '../../src/core/grid';

export type Raw = string | number | boolean | Date | null;

export interface FormTable {
  /** Sheet name in the workbook (附件n). */
  sheet: string;
  title: string;
  signer: string;
  /** One or two header rows; null under a merged label. */
  head: (string | null)[][];
  /** Header merges, 0-based within the header rows. */
  headMerges?: { top: number; left: number; bottom: number; right: number }[];
  rows: Raw[][];
}

const SIGNER = (unit: string, filler = '李敏', phone = '13800001111') =>
  `填报单位：${unit}    单位负责人签名（盖章）：王建国    填表人：${filler}    填表人电话：${phone}`;

const BIGV_HEAD: (string | null)[][] = [
  ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', null, '联系方式', '备注'],
  [null, null, null, null, null, null, null, '职务职称', '专业年级', null, null],
];
const BIGV_MERGES = [{ top: 0, left: 7, bottom: 0, right: 8 }, ...[0, 1, 2, 3, 4, 5, 6, 9, 10].map((c) => ({ top: 0, left: c, bottom: 1, right: c }))];

/** A unit's five forms; `flaws` adds the usual mistakes so findings exist to compare. */
export function unitForms(unit: string, flaws = true): FormTable[] {
  const s = SIGNER(unit);
  return [
    {
      sheet: '附件1',
      title: `东江职业技术学院${unit}网站平台更新登记备案表`,
      signer: s,
      head: [['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期']],
      rows: [
        [1, `${unit}党建网`, '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', new Date(Date.UTC(2024, 10, 18))],
        [2, `${unit}官网`, '王建国', '赵强', flaws ? '1380000' : '13800002222', '学院概况、新闻动态', new Date(Date.UTC(2024, 9, 1))],
      ],
    },
    {
      sheet: '附件2',
      title: `东江职业技术学院${unit}新媒体平台登记备案表`,
      signer: s,
      head: [['序号', '网络平台', '账号名称', '账号ID', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '联系电话', '备注']],
      rows: [
        [1, '微信公众号', `${unit}青年`, 'wx_2019', 3200, new Date(Date.UTC(2019, 8, 1)), '新闻发布', '李敏', '13800001111', null],
        [2, '抖音', `${unit}视界`, 'dy_2021', 12000.5, new Date(Date.UTC(2021, 2, 15)), '宣传', flaws ? null : '赵强', '13800002222', '长文本'.repeat(3)],
      ],
    },
    {
      sheet: '附件3',
      title: `东江职业技术学院${unit}“僵尸”工作群清理备案表`,
      signer: s,
      head: [['序号', '群管理员姓名', '联系电话', '工作群名称', '清理原因', '是否已清理', '清理时间', '备注']],
      rows: [[1, '李敏', '13800001111', `${unit}迎新临时群`, '工作结束', '是', flaws ? null : new Date(Date.UTC(2024, 10, 5)), null]],
    },
    {
      sheet: '附件4',
      title: `东江职业技术学院${unit}网络工作群组登记备案表`,
      signer: s,
      head: [['序号', '群组类型（QQ群、微信群等）', '群名称', '群人数', '主要用途', '是否全部实名', '群管理员姓名', '联系电话', '备注']],
      rows: [
        [1, '微信群', `${unit}教职工群`, 56, '工作通知', '是', '李敏', '13800001111', null],
        [2, 'QQ群', `${unit}学生群`, 300, '通知', flaws ? '否' : '是', '赵强', '13800002222', null],
      ],
    },
    {
      sheet: '附件5',
      title: `东江职业技术学院${unit}“网络大V”信息统计表`,
      signer: s,
      head: BIGV_HEAD,
      headMerges: BIGV_MERGES,
      rows: [
        [1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', null, '13911112222', null],
        [2, '微博', 'xg_wb002', '小红', flaws ? 800 : 8000, '学习', '刘红', null, '2022级电子', '13911113333', null],
      ],
    },
  ];
}

const FIXED = new Date(Date.UTC(2024, 10, 1));

/** Same content, same bytes (fixed document and zip times): conversions are cached by hash. */
async function stableBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.created = FIXED;
  wb.modified = FIXED;
  const files = unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return zipSync(Object.fromEntries(Object.keys(files).sort().map((k) => [k, [files[k]!, { mtime: FIXED }]])));
}

export async function formsXlsx(forms: FormTable[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const f of forms) {
    const ws = wb.addWorksheet(f.sheet);
    ws.addRow([f.title]);
    ws.addRow([f.signer]);
    for (const h of f.head) ws.addRow(h);
    for (const r of f.rows) {
      const row = ws.addRow(r);
      r.forEach((v, c) => {
        if (v instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
      });
    }
    for (const m of f.headMerges ?? []) ws.mergeCells(m.top + 3, m.left + 1, m.bottom + 3, m.right + 1);
  }
  return stableBytes(wb);
}

function htmlText(v: Raw): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The forms as a Word-like document: title and signer paragraphs above each table. */
export function formsHtml(forms: FormTable[]): string {
  const parts = ['<html><head><meta charset="utf-8"></head><body>'];
  for (const f of forms) {
    // Runs of spaces as no-break spaces, as Word keeps them (HTML would collapse plain ones).
    const spaced = htmlText(f.signer).replace(/ {2,}/g, (m) => '&nbsp;'.repeat(m.length));
    parts.push(`<p>${htmlText(f.title)}</p>`, `<p>${spaced}</p>`, '<table border="1">');
    const covered = new Set<string>();
    f.head.forEach((row, r) => {
      parts.push('<tr>');
      row.forEach((v, c) => {
        if (covered.has(`${r},${c}`)) return;
        const m = f.headMerges?.find((x) => x.top === r && x.left === c);
        if (m) for (let rr = m.top; rr <= m.bottom; rr++) for (let cc = m.left; cc <= m.right; cc++) if (rr !== r || cc !== c) covered.add(`${rr},${cc}`);
        const span = m ? ` rowspan="${m.bottom - m.top + 1}" colspan="${m.right - m.left + 1}"` : '';
        parts.push(`<td${span}>${htmlText(v)}</td>`);
      });
      parts.push('</tr>');
    });
    for (const r of f.rows) parts.push(`<tr>${r.map((v) => `<td>${htmlText(v)}</td>`).join('')}</tr>`);
    parts.push('</table>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/** One form as CSV (title, signer, header, rows), as Excel saves it. */
export function formCsv(f: FormTable): string {
  const q = (v: Raw) => {
    const t = htmlText(v).replace(/&lt;/g, '<').replace(/&amp;/g, '&');
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [[f.title], [f.signer], ...f.head, ...f.rows].map((r) => r.map((v) => q(v ?? null)).join(',')).join('\r\n') + '\r\n';
}

export const hasSoffice = (): boolean => spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
export const hasSsconvert = (): boolean => spawnSync('ssconvert', ['--version'], { stdio: 'ignore' }).status === 0;
/** xlsxwriter from the system Python (Debian's python3-xlsxwriter). */
export const hasXlsxwriter = (): boolean => spawnSync('/usr/bin/python3', ['-c', 'import xlsxwriter'], { stdio: 'ignore' }).status === 0;

const CACHE = join(tmpdir(), 'zhendi-format-cache');

function cached(key: string, ext: string, make: (out: string) => void): Uint8Array {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${key}.${ext}`);
  if (!existsSync(out)) make(out);
  return new Uint8Array(readFileSync(out));
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex').slice(0, 24);

/**
 * Converts with LibreOffice (`target` as for --convert-to, e.g. `xls`, `docx:MS Word 2007 XML`),
 * with a private profile so parallel test workers never share one.
 */
export function sofficeConvert(input: Uint8Array | string, inExt: string, target: string, infilter?: string): Uint8Array {
  const ext = target.split(':')[0]!;
  return cached(`${sha(input)}-${sha(target + (infilter ?? ''))}`, ext, (out) => {
    const dir = join(CACHE, `work-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    try {
      const src = join(dir, `in.${inExt}`);
      writeFileSync(src, input);
      const args = ['--headless', `-env:UserInstallation=file://${dir}/profile`, ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', target, '--outdir', join(dir, 'out'), src];
      execFileSync('soffice', args, { stdio: 'ignore', timeout: 120_000 });
      renameSync(join(dir, 'out', `in.${ext}`), out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** gnumeric's ssconvert, e.g. exporter `Gnumeric_Excel:excel_biff8` or `Gnumeric_Excel:excel_biff7` (BIFF5). */
export function ssconvert(input: Uint8Array, inExt: string, exporter: string, outExt: string): Uint8Array {
  return cached(`${sha(input)}-${sha(exporter)}`, outExt, (out) => {
    const dir = join(CACHE, `ss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    try {
      const src = join(dir, `in.${inExt}`);
      writeFileSync(src, input);
      execFileSync('ssconvert', ['-T', exporter, src, out], { stdio: 'ignore', timeout: 120_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** The forms written by xlsxwriter (a third xlsx producer). */
export function xlsxwriterBook(forms: FormTable[]): Uint8Array {
  const spec = JSON.stringify(forms.map((f) => ({ ...f, rows: f.rows.map((r) => r.map((v) => (v instanceof Date ? { date: v.toISOString().slice(0, 10) } : v))) })));
  return cached(sha(spec), 'xlsx', (out) => {
    const py = `
import json, sys, datetime, xlsxwriter
forms = json.loads(sys.stdin.read())
wb = xlsxwriter.Workbook(sys.argv[1])
datef = wb.add_format({'num_format': 'yyyy-mm-dd'})
for f in forms:
    ws = wb.add_worksheet(f['sheet'])
    ws.write(0, 0, f['title']); ws.write(1, 0, f['signer'])
    for r, row in enumerate(f['head']):
        for c, v in enumerate(row):
            if v is not None: ws.write(2 + r, c, v)
    for m in f.get('headMerges') or []:
        if m['top'] != m['bottom'] or m['left'] != m['right']:
            ws.merge_range(2 + m['top'], m['left'], 2 + m['bottom'], m['right'], f['head'][m['top']][m['left']])
    top = 2 + len(f['head'])
    for r, row in enumerate(f['rows']):
        for c, v in enumerate(row):
            if isinstance(v, dict): ws.write_datetime(top + r, c, datetime.datetime.strptime(v['date'], '%Y-%m-%d'), datef)
            elif v is not None: ws.write(top + r, c, v)
wb.close()
`;
    execFileSync('/usr/bin/python3', ['-c', py, out], { input: spec, stdio: ['pipe', 'ignore', 'inherit'], timeout: 60_000 });
  });
}

/** Cells as comparable text: type and text per cell, trailing blanks dropped; merges sorted. */
export function dump(wb: WorkbookGrid, opts: { types?: boolean } = {}): { name: string; hidden: boolean; rows: string[]; merges: string[] }[] {
  return wb.sheets.map((s) => {
    const rows = s.rows.map((r) => (r ?? []).map((c) => (c && cellText(c).trim() !== '' ? (opts.types === false ? '' : `${c.t}:`) + cellText(c) : '')).join('|').replace(/\|+$/, ''));
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    const merges = s.merges.filter((m) => m.top !== m.bottom || m.left !== m.right).map((m) => `${m.top},${m.left}-${m.bottom},${m.right}`).sort();
    return { name: s.name, hidden: !!s.hidden, rows, merges };
  });
}

/**
 * Reader edge cases in one workbook: enough distinct strings (Latin and CJK) that the shared
 * string table runs into CONTINUE records, one string longer than a record, booleans, cached
 * formula results of each type, a merge in the data area and a hidden sheet.
 */
export async function edgeXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['名称', '数量', '日期', '是否', '公式数', '公式文本', '公式真假']);
  for (let i = 0; i < 600; i++) {
    const row = ws.addRow([i % 2 ? `单位名称第${i}号` : `name-${i}`, i * 1.5, new Date(Date.UTC(2020, 0, 1 + i)), i % 3 === 0]);
    row.getCell(3).numFmt = 'yyyy"年"m"月"d"日"';
    row.getCell(5).value = { formula: `B${i + 2}*2`, result: i * 3 };
    row.getCell(6).value = { formula: `A${i + 2}&"!"`, result: `${i % 2 ? `单位名称第${i}号` : `name-${i}`}!` };
    row.getCell(7).value = { formula: `B${i + 2}>100`, result: i * 1.5 > 100 };
  }
  ws.addRow(['长'.repeat(5000) + 'x'.repeat(5000), -12345678.25, 40000.5, false]);
  ws.mergeCells('A605:B606');
  ws.getCell('A605').value = '合并';
  const hidden = wb.addWorksheet('下拉', { state: 'hidden' });
  hidden.addRow(['微信公众号', '抖音']);
  return stableBytes(wb);
}

/** python-docx from the system Python (Debian's python3-docx). */
export const hasPythonDocx = (): boolean => spawnSync('/usr/bin/python3', ['-c', 'import docx'], { stdio: 'ignore' }).status === 0;

/** The forms as a .docx written by python-docx: title and signer paragraphs, merged header cells. */
export function pythonDocx(forms: FormTable[]): Uint8Array {
  const spec = JSON.stringify(forms.map((f) => ({ ...f, rows: f.rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v)))) })));
  return cached(`docx-${sha(spec)}`, 'docx', (out) => {
    const py = `
import json, sys, docx
forms = json.loads(sys.stdin.read())
d = docx.Document()
for f in forms:
    d.add_paragraph(f['title'])
    d.add_paragraph(f['signer'])
    width = len(f['head'][0])
    t = d.add_table(rows=len(f['head']) + len(f['rows']), cols=width)
    for r, row in enumerate(f['head']):
        for c, v in enumerate(row):
            if v is not None: t.cell(r, c).text = v
    for m in f.get('headMerges') or []:
        if m['top'] != m['bottom'] or m['left'] != m['right']:
            text = t.cell(m['top'], m['left']).text
            t.cell(m['top'], m['left']).merge(t.cell(m['bottom'], m['right']))
            t.cell(m['top'], m['left']).text = text
    top = len(f['head'])
    for r, row in enumerate(f['rows']):
        for c, v in enumerate(row):
            t.cell(top + r, c).text = v
d.save(sys.argv[1])
`;
    execFileSync('/usr/bin/python3', ['-c', py, out], { input: spec, stdio: ['pipe', 'ignore', 'inherit'], timeout: 60_000 });
  });
}

/** The forms as Excel 2003 XML (SpreadsheetML), the way web systems template it; `hidden` adds a hidden sheet. */
export function formsXml2003(forms: FormTable[], hidden = false): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const cell = (c: number, v: Raw, extra = '') => {
    if (v === null) return extra ? `<Cell ss:Index="${c + 1}"${extra}/>` : '';
    if (v instanceof Date) return `<Cell ss:Index="${c + 1}" ss:StyleID="d"${extra}><Data ss:Type="DateTime">${v.toISOString().slice(0, 10)}T00:00:00.000</Data></Cell>`;
    const type = typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String';
    return `<Cell ss:Index="${c + 1}"${extra}><Data ss:Type="${type}">${typeof v === 'boolean' ? (v ? 1 : 0) : esc(String(v))}</Data></Cell>`;
  };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>', '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel">', '<Styles><Style ss:ID="d"><NumberFormat ss:Format="yyyy-mm-dd"/></Style></Styles>'];
  for (const f of forms) {
    out.push(`<Worksheet ss:Name="${esc(f.sheet)}"><Table>`);
    out.push(`<Row>${cell(0, f.title)}</Row>`, `<Row>${cell(0, f.signer)}</Row>`);
    const covered = new Set<string>();
    f.head.forEach((row, r) => {
      const cells = row.map((v, c) => {
        if (covered.has(`${r},${c}`)) return '';
        const m = f.headMerges?.find((x) => x.top === r && x.left === c);
        if (m) for (let rr = m.top; rr <= m.bottom; rr++) for (let cc = m.left; cc <= m.right; cc++) covered.add(`${rr},${cc}`);
        const extra = m ? `${m.right > m.left ? ` ss:MergeAcross="${m.right - m.left}"` : ''}${m.bottom > m.top ? ` ss:MergeDown="${m.bottom - m.top}"` : ''}` : '';
        return cell(c, v, extra);
      });
      out.push(`<Row>${cells.join('')}</Row>`);
    });
    for (const r of f.rows) out.push(`<Row>${r.map((v, c) => cell(c, v)).join('')}</Row>`);
    out.push('</Table></Worksheet>');
  }
  if (hidden) out.push('<Worksheet ss:Name="下拉"><Table><Row><Cell><Data ss:Type="String">抖音</Data></Cell></Row></Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>');
  out.push('</Workbook>');
  return out.join('\n');
}

/** The HTML as a single-file web page (.mht), quoted-printable in `charset` as Excel writes it. */
export function mhtml(html: string, charset: 'utf-8' | 'gb18030' = 'utf-8'): Uint8Array {
  const bytes = charset === 'utf-8' ? new TextEncoder().encode(html) : gbk(html);
  let qp = '';
  let line = 0;
  for (const b of bytes) {
    const t = b === 0x0a ? '\r\n' : b === 0x0d ? '' : b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : b === 0x20 ? ' ' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (t === '\r\n') line = 0;
    else if (line + t.length > 75) {
      qp += '=\r\n';
      line = 0;
    }
    qp += t;
    line += t === '\r\n' ? 0 : t.length;
  }
  const msg = ['MIME-Version: 1.0', 'X-Document-Type: Workbook', 'Content-Type: multipart/related; boundary="----=_NextPart_01D"', '', 'This document is a Single File Web Page.', '', '------=_NextPart_01D', 'Content-Location: file:///C:/x/sheet001.htm', 'Content-Transfer-Encoding: quoted-printable', `Content-Type: text/html; charset="${charset === 'utf-8' ? 'utf-8' : 'gb2312'}"`, '', qp, '', '------=_NextPart_01D--', ''].join('\r\n');
  return new TextEncoder().encode(msg);
}

/** GB18030 bytes of a string, through the system iconv (Node's TextEncoder only writes UTF-8). */
function gbk(s: string): Uint8Array {
  return new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: s }));
}
