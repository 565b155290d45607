/**
 * Writes the bundled sample batch (`samples/`): the filing workbooks a dozen units of the
 * fictional 东江职业技术学院 sent in, with the mess real submissions have (DOMAIN §2.1), plus
 * the unit roster. `zhendi demo` and test/samples/demo.test.ts run on it; the as-of date is
 * 2024-11-20. Every person, phone number, account and ID number here is made up.
 *
 * Deterministic: the same bytes on every run (fixed workbook dates, zip entries re-packed with
 * a fixed time), so re-running does not churn git.
 *
 *   npx tsx scripts/make-samples.ts [dir]     (default: samples/)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';

const ROOT = path.resolve(process.argv[2] ?? path.join(__dirname, '../samples'));
const OUT = path.join(ROOT, 'submissions');
const SCHOOL = '东江职业技术学院';
const AS_OF = '2024-11-20';
const FIXED = new Date('2024-11-15T08:00:00Z');
/** Zip entry times are local DOS times: build the date from local parts so every time zone writes the same bytes. */
const ZIP_TIME = new Date(2024, 10, 15, 8, 0, 0);

// ---------------------------------------------------------------------------------------------
// Values

type Formula = { formula: string; result: { error: string } | string | number };
type V = string | number | Date | Formula | null;

/** A date `n` days before the as-of date, as a date cell (UTC midnight, as Excel stores it). */
function daysAgo(n: number): Date {
  const d = new Date(`${AS_OF}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d;
}

function date(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Excel 1900-system serial of an ISO date (after 1900-03-01). */
function serial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse('1899-12-30T00:00:00Z')) / 86_400_000);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** Made-up mobile number of person `p` of unit `u`: 1376 uu uu ppp. */
function mob(u: number, p: number): string {
  return `1376${pad(u, 2)}${pad(u, 2)}${pad(p, 3)}`;
}

/** Made-up landline of person `p` of unit `u`: 0752-23uuppp. */
function tel(u: number, p: number): string {
  return `0752-23${pad(u, 2)}${pad(p, 3)}`;
}

/** A made-up 18-digit resident ID with a valid GB 11643 check character. */
function residentId(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * W[i]!;
  return first17 + '10X98765432'[sum % 11]!;
}

// ---------------------------------------------------------------------------------------------
// Sheets

const TITLES = {
  website: '网站平台更新登记备案表',
  newmedia: '新媒体平台登记备案表',
  zombie: '“僵尸”工作群清理备案表',
  group: '网络工作群组登记备案表',
  bigv: '“网络大V”信息统计表',
} as const;
type Form = keyof typeof TITLES;

const HEADERS: Record<Form, string[]> = {
  website: ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'],
  newmedia: ['序号', '网络平台', '账号名称', '账号ID', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '联系电话', '备注'],
  zombie: ['序号', '群管理员姓名', '联系电话', '工作群名称', '清理原因', '是否已清理', '清理时间', '备注'],
  group: ['序号', '群组类型\n（QQ群、微信群等）', '群名称', '群人数', '主要用途', '是否全部\n实名', '群管理员姓名', '联系电话', '备注'],
  // bigv: the 类别 column (index 7) is two sub-columns under a merged upper cell.
  bigv: ['序号', '账号\n平台', '账号ID', '账号\n名称', '粉丝数量', '创作\n方向', '姓名', '类别', '联系方式', '备注'],
};
const BIGV_SUB = ['职务职称\n（教师填写）', '专业年级\n（学生填写）'];

interface Signer {
  unit?: string;
  head: string;
  filler: string;
  phone: string;
}

function signerLine(s: Signer): string {
  const unit = s.unit ? `填报单位：${s.unit}    ` : '';
  return `${unit}单位负责人签名（盖章）：${s.head}    填表人：${s.filler}    填表人电话：${s.phone}`;
}

interface SheetSpec {
  name: string;
  form: Form;
  /** Title and signer lines above the header (both omitted for a bare sheet). */
  signer: Signer | null;
  /** Header labels as written (defaults to the template's). For bigv: the upper row. */
  header?: string[];
  /** bigv lower header row for the 类别 sub-columns. */
  sub?: string[];
  rows: V[][];
  /** Blank spacer rows inserted before these data row indexes (0-based). */
  spacersBefore?: number[];
  /** Text rows after the data (e.g. 填表说明). */
  notes?: string[];
  /** Merge the title and signer lines across the table (as in the official template). */
  mergeTop?: boolean;
}

function setValue(cell: ExcelJS.Cell, v: V): void {
  if (v === null) return;
  if (v instanceof Date) {
    cell.value = v;
    cell.numFmt = 'yyyy-mm-dd';
  } else if (typeof v === 'object') {
    cell.value = v as ExcelJS.CellFormulaValue;
  } else {
    cell.value = v;
  }
}

function addFormSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name);
  const header = spec.header ?? HEADERS[spec.form];
  const width = spec.form === 'bigv' ? header.length + 1 : header.length;
  let r = 1;
  if (spec.signer) {
    ws.getCell(r, 1).value = `${SCHOOL}${TITLES[spec.form]}`;
    ws.getCell(r, 1).font = { bold: true, size: 16 };
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    if (spec.mergeTop) ws.mergeCells(r, 1, r, width);
    r++;
    ws.getCell(r, 1).value = signerLine(spec.signer);
    if (spec.mergeTop) ws.mergeCells(r, 1, r, width);
    r++;
  }
  if (spec.form === 'bigv') {
    // Two-row header: 类别 merged over its two sub-columns, every other label merged down.
    const cat = header.indexOf('类别');
    let c = 1;
    header.forEach((label, i) => {
      ws.getCell(r, c).value = label;
      if (i === cat) {
        const sub = spec.sub ?? BIGV_SUB;
        ws.getCell(r + 1, c).value = sub[0]!;
        ws.getCell(r + 1, c + 1).value = sub[1]!;
        ws.mergeCells(r, c, r, c + 1);
        c += 2;
      } else {
        ws.mergeCells(r, c, r + 1, c);
        c += 1;
      }
    });
    r += 2;
  } else {
    header.forEach((label, i) => (ws.getCell(r, i + 1).value = label));
    r++;
  }
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = c === 1 ? 6 : 16;
  spec.rows.forEach((row, i) => {
    if (spec.spacersBefore?.includes(i)) r++;
    row.forEach((v, c) => setValue(ws.getCell(r, c + 1), v));
    r++;
  });
  for (const note of spec.notes ?? []) {
    r++;
    ws.getCell(r, 1).value = note;
  }
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '东江职业技术学院';
  wb.lastModifiedBy = '东江职业技术学院';
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

/** exceljs stamps zip entries with the current time: re-pack them with a fixed one. */
async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const raw = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const parts = unzipSync(raw);
  return zipSync(parts, { level: 6, mtime: ZIP_TIME });
}

async function workbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = newWorkbook();
  for (const s of sheets) addFormSheet(wb, s);
  return workbookBytes(wb);
}

// ---------------------------------------------------------------------------------------------
// GBK CSV (Chinese Excel's "CSV (逗号分隔)"): an encoder table built from the platform's decoder.

let gbkTable: Map<string, number[]> | null = null;
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// The roster

const ROSTER: [string, string, string, string, string][] = [
  ['信息工程学院', '教学单位', '信工学院', '林志远', mob(1, 1)],
  ['机电工程学院', '教学单位', '机电学院', '郑国栋', mob(2, 9)],
  ['经济管理学院', '教学单位', '经管学院', '袁海', mob(3, 9)],
  ['马克思主义学院', '教学单位', '马院', '何振华', mob(4, 9)],
  ['艺术设计学院', '教学单位', '艺设学院', '方敏', mob(5, 9)],
  ['继续教育学院', '教学单位', '继教院', '高文', mob(12, 9)],
  ['体育部', '教学单位', '公共体育部', '杜强', mob(13, 9)],
  ['党委宣传部', '职能部门', '宣传部', '韩卫东', mob(6, 9)],
  ['学生工作处', '职能部门', '学工处', '钱建国', mob(7, 9)],
  ['团委', '职能部门', '校团委、共青团委员会', '孙卫国', mob(8, 9)],
  ['国际交流处', '职能部门', '外事办', '罗平', mob(11, 9)],
  ['图书馆', '教辅单位', '', '白云', mob(9, 9)],
  ['后勤管理处', '后勤服务', '后勤处', '石磊', mob(10, 9)],
];

async function roster(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('单位名单');
  ws.addRow(['单位名称', '类别', '别名', '负责人', '联系电话']);
  ws.getRow(1).font = { bold: true };
  for (const r of ROSTER) ws.addRow(r);
  [16, 10, 22, 10, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return workbookBytes(wb);
}

// ---------------------------------------------------------------------------------------------
// The units

const TEACHING_COLUMNS = '学院简介、师资队伍、科研成果、对外合作交流、专业设置、专业特色、课程设置、学生工作、管理服务、荣誉获奖、历史沿革';
const OFFICE_COLUMNS = '部门简介、机构设置、规章制度、办事指南、岗位分工、下载专区、通知公告、联系方式';
const PARTY_COLUMNS = '新闻动态、组织管理、党员教育';
const NOTE = '填表说明：1. 联系电话请填写手机号码，座机请加区号；2. 如无此类平台，请在表中填写“无”。';

/** 信息工程学院: clean and complete — no error, no warning. */
async function xinxi(): Promise<Uint8Array> {
  const s: Signer = { unit: '信息工程学院', head: '林志远', filler: '陈晓', phone: mob(1, 2) };
  return workbook([
    {
      name: '附件1', form: 'website', signer: s, mergeTop: true,
      header: [...HEADERS.website, '网址'],
      rows: [
        [1, '信息工程学院党建网', '林志远', '陈晓', mob(1, 2), `${PARTY_COLUMNS}、${TEACHING_COLUMNS}`, daysAgo(2), 'https://djzy.example.cn/xxgc/dj/'],
        [2, '信息工程学院网站', '林志远', '黄海涛', mob(1, 3), `新闻动态、${TEACHING_COLUMNS}`, daysAgo(1), 'https://djzy.example.cn/xxgc/'],
      ],
    },
    {
      name: '附件2', form: 'newmedia', signer: s, mergeTop: true,
      rows: [
        [1, '微信公众号', '东江信工', 'djzy_xxgc', 12800, date('2018-09-01'), '新闻发布', '陈晓', mob(1, 2), null],
        [2, '抖音', '信工视界', 'djzy_xxgc_dy', 5600, date('2021-03-15'), '活动展示', '黄海涛', mob(1, 3), null],
      ],
    },
    {
      name: '附件3', form: 'zombie', signer: s, mergeTop: true,
      rows: [[1, '陈晓', mob(1, 2), '信工2020级迎新临时群', '迎新工作结束', '是', date('2024-10-08'), null]],
    },
    {
      name: '附件4', form: 'group', signer: s, mergeTop: true,
      rows: [
        [1, '微信群', '信工教职工群', 86, '工作通知', '是', '陈晓', mob(1, 2), null],
        [2, 'QQ群', '信工学生干部群', 140, '学生工作', '是', '刘思远', tel(1, 1), null],
      ],
    },
    {
      name: '附件5', form: 'bigv', signer: s, mergeTop: true,
      rows: [[1, '抖音', 'djzy_wuyuan', '阿远讲编程', 15000, '编程教学', '吴远', '讲师', null, mob(1, 4), null]],
    },
  ]);
}

const JIDIAN: Signer = { unit: '机电工程学院', head: '郑国栋', filler: '周建华', phone: mob(2, 1) };

/** 机电工程学院, one form per file, headers as people retype them. */
async function jidianWebsite(): Promise<Uint8Array> {
  return workbook([{
    name: '网站', form: 'website', signer: JIDIAN,
    // Line breaks, 手机 for 联系电话, 网站管理员 before 网站负责人.
    header: ['序号', '网站\n名称', '网站\n管理员', '网站\n负责人', '手机', '网站栏目', '最后更新\n日期'],
    rows: [[1, '机电工程学院网站', '周建华', '郑国栋', mob(2, 1), '学院简介、师资队伍、专业设置、新闻动态、通知公告', daysAgo(4)]],
    notes: [NOTE],
  }]);
}

function jidianNewmedia(late: boolean): Promise<Uint8Array> {
  const rows: V[][] = [
    [1, '公众号', '东江机电', 'djzy_jdxy', late ? 4650 : 4200, date('2017-10-10'), '新闻发布', '周建华', '137-6020-2001', null],
    [2, '抖音', '机电创客', 'djzy_jd_maker', late ? 2380 : 2100, date('2022-04-01'), '竞赛展示', '冯磊', mob(2, 2), null],
  ];
  if (late) rows.push([3, '微信视频号', '机电微课', 'djzy_jd_sph', 2600, date('2024-11-08'), '微课', '冯磊', mob(2, 2), '11月新开通']);
  return workbook([{
    name: '新媒体', form: 'newmedia', signer: JIDIAN,
    // 平台 / 账号id / 电话 are aliases or other case; 账号名称 and 网络平台 swapped.
    header: ['序号', '账号名称', '平台', '账号id', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '电话', '备注'],
    rows: rows.map(([seq, platform, name, ...rest]) => [seq!, name!, platform!, ...rest]),
    spacersBefore: [1],
    notes: [NOTE],
  }]);
}

async function jidianZombie(): Promise<Uint8Array> {
  return workbook([{
    name: '僵尸群', form: 'zombie', signer: JIDIAN,
    header: ['序号', '工作群\n名称', '群管理员', '联系电话（手机）', '清理\n原因', '是否已清理', '清理时间', '备注'],
    rows: [[1, '机电2021级顶岗实习群', '冯磊', mob(2, 2), '实习结束', '是', date('2024-07-10'), null]],
    notes: [NOTE],
  }]);
}

async function jidianGroup(): Promise<Uint8Array> {
  return workbook([{
    name: '工作群', form: 'group', signer: JIDIAN,
    header: ['序号', '群类型', '群名称', '群人数', '主要用途', '是否全部实名（是／否）', '群管理员姓名', '联系\n电话', '备注'],
    rows: [
      [1, '微信群', '机电教职工群', 65, '工作通知', '是', '周建华', mob(2, 1), null],
      [2, 'ＱＱ群', '机电技能竞赛群', 48, '竞赛培训', 'Y', '冯磊', mob(2, 2), null],
    ],
    spacersBefore: [1],
    notes: [NOTE],
  }]);
}

async function jidianBigv(): Promise<Uint8Array> {
  return workbook([{
    name: '大V', form: 'bigv', signer: JIDIAN,
    header: ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', '手机', '备注'],
    rows: [[1, '抖音', 'djzy_jiangtao', '蒋老师讲机械', 32000, '机械制图', '蒋涛', '副教授', null, mob(2, 3), null]],
    notes: [NOTE],
  }]);
}

const JINGGUAN: Signer = { unit: '经济管理学院', head: '袁海', filler: '邱婷', phone: mob(3, 1) };

/** 经济管理学院: dates as serials, counts as text, 序号 gaps, a `无` sheet; newmedia comes as GBK CSV. */
async function jingguan(): Promise<Uint8Array> {
  return workbook([
    {
      name: '网站', form: 'website', signer: JINGGUAN,
      rows: [
        // 最后更新日期 typed as plain numbers (Excel serials without a date format).
        [1, '经济管理学院网站', '袁海', '邱婷', mob(3, 1), `新闻动态、${TEACHING_COLUMNS}`, serial('2024-11-15')],
        [2, '经管学院党建专栏', '袁海', '龚伟', mob(3, 2), PARTY_COLUMNS, serial('2024-11-19')],
      ],
    },
    { name: '僵尸群', form: 'zombie', signer: JINGGUAN, rows: [[null, '无']] },
    {
      name: '工作群', form: 'group', signer: JINGGUAN,
      rows: [
        [1, '微信群', '经管教职工群', 58, '工作通知', '是', '邱婷', mob(3, 1), null],
        [2, 'QQ群', '经管学生会群', '约120', '学生活动', '是', '邱婷', mob(3, 1), null],
        [4, '企业微信群', '经管校企合作群', 36, '校企合作', '是', '龚伟', mob(3, 2), null],
      ],
    },
    {
      name: '大V', form: 'bigv', signer: JINGGUAN,
      rows: [[1, '新浪微博', 'djzy_jg_gw', '龚老师说财经', '2.5万', '财经评论', '龚伟', '讲师', null, mob(3, 2), null]],
    },
  ]);
}

function jingguanCsv(): Uint8Array {
  const h = HEADERS.newmedia;
  const blank = h.map(() => '');
  const line = (s: string) => [s, ...blank.slice(1)];
  return gbk(csv([
    line(`${SCHOOL}${TITLES.newmedia}`),
    line(signerLine(JINGGUAN)),
    h,
    ['1', '微信公众号', '经管之声', 'djzy_jg_voice', '1.2万', '2024/3/25', '新闻发布', '邱婷', mob(3, 1), ''],
    ['2', '微博', '东江经管', 'djzy_jg_weibo', '3000+', '2024.3.25', '活动宣传', '邱婷', mob(3, 1), ''],
    ['4', '抖音', '经管青年', 'djzy_jg_dy', '约5000', '2024年3月25日', '学生风采', '龚伟', mob(3, 2), ''],
    ['5', 'bilibili', '经管学堂', 'djzy_jg_bili', '2,000', '20240325', '课程视频', '龚伟', mob(3, 2), ''],
  ]));
}

const MAYUAN: Signer = { head: '何振华', filler: '蒋文静', phone: tel(4, 1) };

/** 马克思主义学院: no 填报单位 (unit from the file name), stale sites, phones in every style. */
async function mayuan(): Promise<Uint8Array> {
  return workbook([
    {
      name: '网站平台', form: 'website', signer: MAYUAN,
      rows: [
        [1, '马克思主义学院党建网', '何振华', '蒋文静', '137 6040 4002', '新闻动态、组织管理、理论学习', daysAgo(10)],
        [2, '马院思政教育网', '何振华', '唐宁', '137-6040-4003', '学院简介、师资队伍、科研成果、新闻动态', daysAgo(40)],
      ],
    },
    {
      name: '新媒体平台', form: 'newmedia', signer: MAYUAN,
      rows: [
        [1, '微信公众号', '马院青年说', 'djzy_my_qnsh', 6800, date('2019-05-04'), '理论宣传', '蒋文静', `${mob(4, 2)}/${tel(4, 1)}`, null],
        [2, '视频号', '马院微课堂', 'djzy_my_wkt', 2300, date('2023-02-20'), '思政微课', '唐宁', '62001', '校内短号'],
      ],
    },
    {
      name: '僵尸群清理', form: 'zombie', signer: MAYUAN,
      rows: [[1, '蒋文静', '1376040400', '马院2020级理论学习群', '班级毕业', '是', date('2024-09-01'), null]],
    },
    {
      name: '工作群组', form: 'group', signer: MAYUAN,
      rows: [[1, '微信群', '马院教师群', 42, '教研通知', '是', '唐宁', `${mob(4, 3)}、${mob(4, 13)}`, null]],
    },
    { name: '网络大V', form: 'bigv', signer: MAYUAN, rows: [[null, '暂无']] },
  ]);
}

const YISHE: Signer = { unit: '艺术设计学院', head: '方敏', filler: '卢佳', phone: mob(5, 1) };

/** 艺术设计学院: group and zombie problems, a cached #REF!, a remark starting with '='. */
async function yishe(): Promise<Uint8Array> {
  return workbook([
    {
      name: '网站平台', form: 'website', signer: YISHE,
      rows: [[1, '艺术设计学院网站', '方敏', '卢佳', mob(5, 1), `新闻动态、${TEACHING_COLUMNS}`, daysAgo(3)]],
    },
    {
      name: '新媒体平台', form: 'newmedia', signer: YISHE,
      rows: [[1, '微信公众号', '东江艺设', 'djzy_ysxy', 7600, date('2016-12-01'), '作品展示', '卢佳', mob(5, 1), '=更名前为“艺设之窗”']],
    },
    {
      name: '僵尸群清理', form: 'zombie', signer: YISHE,
      rows: [
        [1, '卢佳', mob(5, 1), '艺设2019级毕业设计群', '学生毕业离校', '是', date('2024-06-30'), null],
        [2, '卢佳', mob(5, 1), '艺设迎新晚会筹备群', '活动结束', '是', null, null],
      ],
    },
    {
      name: '工作群组', form: 'group', signer: YISHE,
      rows: [
        [1, '微信群', '艺设教职工群', 70, '工作通知', '是', '卢佳', mob(5, 1), null],
        [2, 'QQ群', '艺设2024级新生群', 215, '新生管理', '否', '潘越', mob(5, 2), '部分新生未改实名'],
        [3, '微信群', '艺设2019级毕业设计群', 96, '毕业设计', '是', '卢佳', mob(5, 1), null],
        [4, '微信群', '艺设工作室群', { formula: 'A1/0', result: { error: '#REF!' } }, '工作室管理', '是', '潘越', mob(5, 2), null],
      ],
    },
    {
      name: '网络大V', form: 'bigv', signer: YISHE,
      rows: [[1, 'B站', 'djzy_panyue', '画画的潘老师', 18000, '插画教学', '潘越', '讲师', null, mob(5, 2), null]],
    },
  ]);
}

const XUANCHUAN: Signer = { unit: '党委宣传部', head: '韩卫东', filler: '曹雪', phone: mob(6, 1) };

/** 党委宣传部: the school's big accounts (sent twice: `党委宣传部(1).xlsx` is the same bytes). */
async function xuanchuan(): Promise<Uint8Array> {
  return workbook([
    {
      name: '附件1', form: 'website', signer: XUANCHUAN,
      rows: [
        [1, '东江职业技术学院新闻网', '韩卫东', '曹雪', mob(6, 1), `要闻、媒体东职、${OFFICE_COLUMNS}`, daysAgo(0)],
        [2, '东江职业技术学院党建网', '韩卫东', '曹雪', mob(6, 1), `${PARTY_COLUMNS}、理论学习、通知公告`, daysAgo(1)],
      ],
    },
    {
      name: '附件2', form: 'newmedia', signer: XUANCHUAN,
      rows: [
        [1, '微信公众号', '东江职业技术学院', 'djzy_official', 186000, date('2014-05-20'), '官方发布', '曹雪', mob(6, 1), null],
        [2, '微博', '东江职业技术学院', 'djzy_weibo', '8.6万', date('2013-09-10'), '官方发布', '曹雪', mob(6, 1), null],
        [3, '抖音', '东江职院', 'djzy_douyin', 1240000, date('2019-03-01'), '校园视频', '魏然', mob(6, 2), null],
        [4, '视频号', '东江职院', 'djzy_sph', 56000, date('2021-06-18'), '校园视频', '魏然', mob(6, 2), null],
        [5, 'B站', '东江职院官方', 'djzy_bili', 23000, date('2020-10-01'), '校园视频', '魏然', mob(6, 2), null],
      ],
    },
    { name: '附件3', form: 'zombie', signer: XUANCHUAN, rows: [[null, '无']] },
    {
      name: '附件4', form: 'group', signer: XUANCHUAN,
      rows: [[1, '微信群', '全校宣传员群', 168, '宣传工作', '是', '曹雪', mob(6, 1), null]],
    },
    { name: '附件5', form: 'bigv', signer: XUANCHUAN, rows: [[null, '无']] },
  ]);
}

const XUEGONG: Signer = { unit: '学生工作处', head: '钱建国', filler: '钱丽', phone: mob(7, 1) };
const XUEGONG_STUDENT_PHONE = mob(7, 101);

/** 学生工作处: an account run on a student's phone, bigv problems, an ID number in a remark. */
async function xuegong(): Promise<Uint8Array> {
  const id = residentId('44130220040512402');
  return workbook([
    {
      name: '网站', form: 'website', signer: XUEGONG,
      rows: [[1, '学工在线', '钱建国', '钱丽', mob(7, 1), `新闻动态、${OFFICE_COLUMNS}`, daysAgo(1)]],
    },
    {
      name: '新媒体', form: 'newmedia', signer: XUEGONG,
      rows: [
        [1, '微信公众号', '东江学工', 'djzy_xgc', 23000, date('2015-09-01'), '学生服务', '钱丽', mob(7, 1), null],
        [2, '抖音', '学工小助手', 'djzy_xgc_dy', 3100, date('2023-09-01'), '学生活动', '许浩然', XUEGONG_STUDENT_PHONE, '学生助理运营'],
      ],
    },
    { name: '僵尸群', form: 'zombie', signer: XUEGONG, rows: [[null, '无']] },
    {
      name: '工作群', form: 'group', signer: XUEGONG,
      rows: [[1, '微信群', '2024级辅导员群', 45, '学生管理', '是', '钱丽', mob(7, 1), null]],
    },
    {
      name: '大V', form: 'bigv', signer: XUEGONG,
      rows: [
        [1, 'B站', 'djzy_xhr', '浩然的日常', 8200, '校园生活', '许浩然', null, '电子商务2023级', XUEGONG_STUDENT_PHONE, `身份证号 ${id}`],
        [2, '抖音', 'djzy_mayi', '小马老师', 1500, '心理健康', '马怡', '辅导员', null, mob(7, 2), null],
        [3, '小红书', 'djzy_linke', '林可说', 6200, '职业规划', '林可', '助教', '会计2022级', mob(7, 3), null],
      ],
    },
  ]);
}

const TUANWEI: Signer = { unit: '团委', head: '孙卫国', filler: '孙丽', phone: mob(8, 1) };

/** 团委: co-registers 学工处's account; gives 机电's 周建华's number for someone else. */
async function tuanwei(): Promise<Uint8Array> {
  return workbook([
    {
      name: '网站', form: 'website', signer: TUANWEI,
      rows: [[1, '东江青年网', '孙卫国', '孙丽', mob(8, 1), `青年要闻、${OFFICE_COLUMNS}`, daysAgo(2)]],
    },
    {
      name: '新媒体', form: 'newmedia', signer: TUANWEI,
      rows: [
        [1, '微信公众号', '东江学工', 'djzy_xgc', 23000, date('2015-09-01'), '学生服务', '孙丽', mob(8, 1), '与学生工作处共同管理'],
        [2, '抖音', '东江青年', 'djzy_qn_dy', 9800, date('2020-05-04'), '团学活动', '孙丽', mob(8, 1), null],
      ],
    },
    { name: '僵尸群', form: 'zombie', signer: TUANWEI, rows: [[null, '无']] },
    {
      name: '工作群', form: 'group', signer: TUANWEI,
      rows: [[1, '微信群', '校学生会主席团群', 30, '学生会工作', '是', '邓凯', mob(2, 1), null]],
    },
    { name: '大V', form: 'bigv', signer: TUANWEI, rows: [[null, '无']] },
  ]);
}

/** 后勤管理处 (as 后勤处): a complete workbook, of which only the first half arrives. */
async function houqin(): Promise<Uint8Array> {
  const s: Signer = { unit: '后勤处', head: '石磊', filler: '包明', phone: mob(10, 1) };
  const bytes = await workbook([
    {
      name: '网站', form: 'website', signer: s,
      rows: [[1, '后勤服务网', '石磊', '包明', mob(10, 1), OFFICE_COLUMNS, daysAgo(5)]],
    },
    {
      name: '工作群', form: 'group', signer: s,
      rows: [[1, '微信群', '后勤维修服务群', 260, '报修', '是', '包明', mob(10, 1), null]],
    },
  ]);
  return bytes.slice(0, Math.floor(bytes.length / 2));
}

/** 国际合作与交流处: a unit name the roster does not know (it has 国际交流处). */
async function guoji(): Promise<Uint8Array> {
  const s: Signer = { unit: '国际合作与交流处', head: '罗平', filler: '谢琳', phone: mob(11, 1) };
  return workbook([
    {
      name: '网站', form: 'website', signer: s,
      rows: [[1, '国际交流网', '罗平', '谢琳', mob(11, 1), `新闻动态、${OFFICE_COLUMNS}`, daysAgo(6)]],
    },
    {
      name: '新媒体', form: 'newmedia', signer: s,
      rows: [[1, '微信公众号', '东江国际', 'djzy_intl', 2600, date('2019-11-11'), '留学交流', '谢琳', mob(11, 1), null]],
    },
    { name: '僵尸群', form: 'zombie', signer: s, rows: [[null, '无']] },
    {
      name: '工作群', form: 'group', signer: s,
      rows: [[1, '微信群', '来华留学生服务群', 54, '留学生服务', '是', '谢琳', mob(11, 1), null]],
    },
    { name: '大V', form: 'bigv', signer: s, rows: [[null, '无']] },
  ]);
}

/** 体育部: Sheet1..3, header in row 1, no title, no signer; a 说明 sheet; two forms missing. */
async function tiyu(): Promise<Uint8Array> {
  const wb = newWorkbook();
  addFormSheet(wb, {
    name: 'Sheet1', form: 'website', signer: null,
    rows: [[1, '体育部网站', '杜强', '杜刚', mob(13, 1), `新闻动态、${TEACHING_COLUMNS}`, daysAgo(5)]],
  });
  addFormSheet(wb, {
    name: 'Sheet2', form: 'newmedia', signer: null,
    rows: [[1, '微信公众号', '东江体育', 'djzy_tiyu', 3300, date('2020-09-01'), '赛事发布', '杜刚', mob(13, 1), null]],
  });
  addFormSheet(wb, {
    name: 'Sheet3', form: 'group', signer: null,
    rows: [[1, '微信群', '体育教师群', 28, '教学通知', '是', '杜刚', mob(13, 1), null]],
  });
  const note = wb.addWorksheet('说明');
  note.getCell('A1').value = '体育部报送说明';
  note.getCell('A2').value = '1. 本部门网站、公众号和工作群情况见 Sheet1–Sheet3。';
  note.getCell('A3').value = '2. 工作群清理和网络大V情况待统计后另行报送。';
  note.getColumn(1).width = 60;
  return workbookBytes(wb);
}

/** An old binary .xls: only the OLE signature matters, the rest is padding. */
function xls(): Uint8Array {
  const b = new Uint8Array(1536);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

// ---------------------------------------------------------------------------------------------

/** File name → bytes and the submission time (mtime) set on it. */
interface Out {
  name: string;
  bytes: Uint8Array | Promise<Uint8Array>;
  mtime?: string;
}

async function main(): Promise<void> {
  const xc = await xuanchuan();
  const files: Out[] = [
    { name: '信息工程学院.xlsx', bytes: xinxi() },
    { name: '机电工程学院-网站.xlsx', bytes: jidianWebsite() },
    { name: '机电工程学院-新媒体-1101.xlsx', bytes: jidianNewmedia(false), mtime: '2024-11-01T09:00:00+08:00' },
    { name: '机电工程学院-新媒体-1112.xlsx', bytes: jidianNewmedia(true), mtime: '2024-11-12T09:00:00+08:00' },
    { name: '机电工程学院-僵尸群.xlsx', bytes: jidianZombie() },
    { name: '机电工程学院-工作群.xlsx', bytes: jidianGroup() },
    { name: '机电工程学院-大V.xlsx', bytes: jidianBigv() },
    { name: '经济管理学院.xlsx', bytes: jingguan() },
    { name: '经济管理学院_新媒体平台登记备案表.csv', bytes: jingguanCsv() },
    { name: '马克思主义学院-网络阵地备案表（修改版）.xlsx', bytes: mayuan() },
    { name: '艺术设计学院.xlsx', bytes: yishe() },
    { name: '党委宣传部.xlsx', bytes: xc },
    { name: '党委宣传部(1).xlsx', bytes: xc, mtime: '2024-11-14T16:00:00+08:00' },
    { name: '学生工作处.xlsx', bytes: xuegong() },
    { name: '团委.xlsx', bytes: tuanwei() },
    { name: '图书馆.xls', bytes: xls() },
    { name: '后勤处.xlsx', bytes: houqin() },
    { name: '国际合作与交流处.xlsx', bytes: guoji() },
    { name: '体育部.xlsx', bytes: tiyu() },
  ];
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  for (const f of files) {
    const file = path.join(OUT, f.name);
    await fs.writeFile(file, await f.bytes);
    // Submission times on or before the demo's deadline (2024-11-15); git does not keep them.
    const t = new Date(f.mtime ?? '2024-11-14T10:00:00+08:00');
    await fs.utimes(file, t, t);
  }
  await fs.writeFile(path.join(ROOT, '单位名单.xlsx'), await roster());
  process.stdout.write(`已生成 ${files.length} 个报送文件和单位名单：${path.relative(process.cwd(), ROOT)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
