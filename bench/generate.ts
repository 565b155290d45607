/**
 * Deterministic synthetic batches for the benchmark: N unit workbooks (附件1..附件5 each) plus a
 * roster. A batch is reused when its stamp matches GEN_VERSION and N, so only the first run pays.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Rng, seedOf } from './rng';

/** Bump when the generated content changes, so stale batches are rebuilt. */
export const GEN_VERSION = 2;

const SCHOOL = '东江职业技术学院';
const STAMP = '.bench-gen.json';
const FIXED_TIME = new Date(Date.UTC(2024, 10, 15, 8, 0, 0));

export const PLATFORMS = ['微信公众号', '微博', '抖音', '视频号', 'B站', '快手', '小红书'] as const;
export const GROUP_TYPES = ['微信群', 'QQ群', '钉钉群'] as const;

type FormKey = 'website' | 'newmedia' | 'zombie' | 'group' | 'bigv';

interface FormSpec {
  key: FormKey;
  sheet: string;
  title: string;
  columns: readonly string[];
}

export const FORM_SPECS: readonly FormSpec[] = [
  { key: 'website', sheet: '附件1', title: '网站平台更新登记备案表', columns: ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'] },
  { key: 'newmedia', sheet: '附件2', title: '新媒体平台登记备案表', columns: ['序号', '网络平台', '账号名称', '账号ID', '粉丝人数', '开通日期', '主要用途', '管理员姓名', '联系电话', '备注'] },
  { key: 'zombie', sheet: '附件3', title: '“僵尸”工作群清理备案表', columns: ['序号', '群管理员姓名', '联系电话', '工作群名称', '清理原因', '是否已清理', '清理时间', '备注'] },
  { key: 'group', sheet: '附件4', title: '网络工作群组登记备案表', columns: ['序号', '群组类型', '群名称', '群人数', '主要用途', '是否全部实名', '群管理员姓名', '联系电话', '备注'] },
  { key: 'bigv', sheet: '附件5', title: '“网络大V”信息统计表', columns: ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '职务职称', '专业年级', '联系方式', '备注'] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕晓东文博子涵雨萱浩然思远欣怡俊杰嘉怡宇轩'.split('');
const TEACHING_COLUMNS = ['学院简介', '师资队伍', '科研成果', '合作交流', '专业设置', '专业特色', '课程设置', '学生工作', '管理服务', '荣誉获奖', '历史沿革'];
const OTHER_COLUMNS = ['部门简介', '机构设置', '规章制度', '办事指南', '岗位职责', '下载专区', '通知公告', '联系我们'];
const PARTY_COLUMNS = ['新闻动态', '组织管理', '党员教育'];
const EXTRA_COLUMNS = ['新闻', '招生', '就业', '团学', '校友', '专题'];
const PURPOSES = ['信息发布', '宣传推广', '工作通知', '学生管理', '教学交流', '校友联络', '招生咨询', '活动组织'];
const REASONS = ['长期无人发言', '工作已结束', '成员重复', '活动结束', '人员变动', '群功能重复'];
const DIRECTIONS = ['校园生活', '学习分享', '科普', '摄影', '音乐', '美食', '运动健身', '职业规划', '动漫'];
const TITLES = ['讲师', '副教授', '教授', '辅导员', '助教'];
const MAJORS = ['计算机应用2022级', '电子商务2023级', '机电一体化2022级', '会计2023级', '视觉传达2024级', '物流管理2022级'];
const REMARKS = ['', '', '', '', '校级', '院级', '待核实', '已备案'];

/** Roster category: every third unit is a teaching unit (学院), the rest are offices. */
export function isTeaching(i: number): boolean {
  return i % 3 === 0;
}

export function unitName(i: number): string {
  return `单位${String(i).padStart(4, '0')}`;
}

export function batchDir(root: string, n: number): string {
  return path.join(root, String(n));
}

export function rosterPath(root: string, n: number): string {
  return path.join(root, `roster-${n}`, '单位名单.xlsx');
}

function person(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.5) ? rng.pick(GIVEN) : '');
}

function mobile(rng: Rng): string {
  return rng.pick(['138', '139', '137', '150', '151', '186', '187', '135', '177']) + String(rng.int(0, 99999999)).padStart(8, '0');
}

/** A phone cell as units type it: mostly clean, sometimes spaced or dashed, rarely wrong. */
function phoneCell(rng: Rng, phone: string): string | number {
  const r = rng.next();
  if (r < 0.03) return phone.slice(0, 10); // one digit short: a bad phone
  if (r < 0.13) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  if (r < 0.18) return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
  if (r < 0.4) return Number(phone);
  return phone;
}

function utcDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** A date as typed: a real date most of the time, else '2024/3/25', '2024.3.25' or '2024年3月25日'. */
function dateCell(rng: Rng, d: Date): Date | string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const r = rng.next();
  if (r < 0.12) return `${y}/${m}/${day}`;
  if (r < 0.17) return `${y}.${m}.${day}`;
  if (r < 0.2) return `${y}年${m}月${day}日`;
  return d;
}

function daysBefore(base: Date, days: number): Date {
  return new Date(base.getTime() - days * 86400000);
}

/** Follower counts: plain numbers, '1.2万', '3500人' or numeric text. */
function countCell(rng: Rng, n: number): number | string {
  const r = rng.next();
  if (r < 0.12 && n >= 10000) return `${(n / 10000).toFixed(1)}万`; // rounded, like people do
  if (r < 0.18) return `${n}人`;
  if (r < 0.3) return String(n);
  return n;
}

const AS_OF = utcDate(2024, 11, 20);

type Row = (string | number | Date | null)[];

function rowsFor(form: FormKey, rng: Rng, unit: string, teaching: boolean, admins: { name: string; phone: string }[]): Row[] {
  const count = rng.int(10, 40);
  const rows: Row[] = [];
  const admin = () => rng.pick(admins);
  for (let i = 1; i <= count; i++) {
    const a = admin();
    switch (form) {
      case 'website': {
        const kind = rng.pick(['主页', '党建网', '学工网', '教学网', '团学网', '资源网']);
        const base = kind === '党建网' ? PARTY_COLUMNS : teaching ? TEACHING_COLUMNS : OTHER_COLUMNS;
        // Most sites list every expected column; some drop one or two (findings worth reporting).
        const cols = base.filter(() => !rng.chance(0.04)).concat(rng.chance(0.5) ? [rng.pick(EXTRA_COLUMNS)] : []);
        const age = rng.chance(0.85) ? rng.int(0, 7) : rng.int(8, 40);
        rows.push([i, `${unit}${kind}${i}`, person(rng), a.name, phoneCell(rng, a.phone), cols.join('、'), dateCell(rng, daysBefore(AS_OF, age))]);
        break;
      }
      case 'newmedia': {
        const followers = rng.chance(0.3) ? rng.int(10000, 90000) : rng.int(50, 9999);
        rows.push([i, rng.pick(PLATFORMS), `${unit}${rng.pick(['发布', '青年', '学工', '招生', '就业'])}${i}`, `dj${seedOf(unit + i).toString(36)}`, countCell(rng, followers), dateCell(rng, daysBefore(AS_OF, rng.int(60, 2500))), rng.pick(PURPOSES), a.name, phoneCell(rng, a.phone), rng.pick(REMARKS) || null]);
        break;
      }
      case 'zombie': {
        const cleaned = rng.chance(0.85);
        rows.push([i, a.name, phoneCell(rng, a.phone), `${unit}${rng.pick(['工作群', '通知群', '活动群', '班委群'])}${i}`, rng.pick(REASONS), cleaned ? '是' : '否', cleaned ? dateCell(rng, daysBefore(AS_OF, rng.int(1, 120))) : null, rng.pick(REMARKS) || null]);
        break;
      }
      case 'group': {
        rows.push([i, rng.pick(GROUP_TYPES), `${unit}${rng.pick(['教职工群', '学生群', '班级群', '家长群', '项目群'])}${i}`, countCell(rng, rng.int(5, 500)), rng.pick(PURPOSES), rng.chance(0.9) ? '是' : '否', a.name, phoneCell(rng, a.phone), rng.pick(REMARKS) || null]);
        break;
      }
      case 'bigv': {
        const teacher = rng.chance(0.3);
        const who = { name: person(rng), phone: mobile(rng) };
        rows.push([i, rng.pick(PLATFORMS), `v${seedOf(unit + 'v' + i).toString(36)}`, `${who.name}的${rng.pick(DIRECTIONS)}`, countCell(rng, rng.int(2000, 300000)), rng.pick(DIRECTIONS), who.name, teacher ? rng.pick(TITLES) : null, teacher ? null : rng.pick(MAJORS), phoneCell(rng, who.phone), rng.pick(REMARKS) || null]);
        break;
      }
    }
  }
  // A blank spacer row somewhere in the middle, as people leave when they delete a line.
  if (rows.length > 4 && rng.chance(0.6)) rows.splice(rng.int(2, rows.length - 2), 0, []);
  return rows;
}

/** One unit's workbook, all five forms, as xlsx bytes. */
export async function unitWorkbook(index: number): Promise<Buffer> {
  const unit = unitName(index);
  const rng = new Rng(seedOf(`zhendi-bench-v${GEN_VERSION}:${unit}`));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhendi-bench';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const head = person(rng);
  const filler = { name: person(rng), phone: mobile(rng) };
  const admins = [filler, ...Array.from({ length: rng.int(2, 5) }, () => ({ name: person(rng), phone: mobile(rng) }))];
  for (const spec of FORM_SPECS) {
    const ws = wb.addWorksheet(spec.sheet);
    const width = spec.columns.length;
    ws.addRow([`${SCHOOL}${spec.title}`]);
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(1, 1).font = { bold: true, size: 16 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.addRow([`填报单位：${unit}    单位负责人签名（盖章）：${head}    填表人：${filler.name}    填表人电话：${filler.phone}`]);
    ws.mergeCells(2, 1, 2, width);
    const header = ws.addRow([...spec.columns]);
    header.font = { bold: true };
    for (const row of rowsFor(spec.key, rng, unit, isTeaching(index), admins)) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 14));
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** File name a unit submits under: mostly the unit name, sometimes with a suffix people add. */
export function unitFileName(index: number): string {
  const unit = unitName(index);
  const r = seedOf(`file:${unit}`) % 10;
  if (r === 0) return `${unit}-网络阵地备案表.xlsx`;
  if (r === 1) return `${unit}（修改版）.xlsx`;
  return `${unit}.xlsx`;
}

async function rosterWorkbook(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const ws = wb.addWorksheet('单位名单');
  ws.addRow(['单位名称', '类别']);
  // Every generated unit plus a few that did not submit (missing units are part of a real batch).
  const extra = Math.max(1, Math.round(n / 50));
  for (let i = 1; i <= n + extra; i++) ws.addRow([unitName(i), isTeaching(i) ? '教学单位' : '职能部门']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Writes the roster of an n-unit batch unless it is already there; returns its path. */
export async function ensureRoster(root: string, n: number): Promise<string> {
  const file = rosterPath(root, n);
  const stamp = path.join(path.dirname(file), STAMP);
  const current = await fs.readFile(stamp, 'utf8').then((t) => (JSON.parse(t) as Stamp).version === GEN_VERSION, () => false);
  if (current && (await fs.stat(file).then(() => true, () => false))) return file;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await rosterWorkbook(n));
  await fs.writeFile(stamp, JSON.stringify({ version: GEN_VERSION, units: n } satisfies Stamp));
  return file;
}

interface Stamp {
  version: number;
  units: number;
}

async function readStamp(dir: string): Promise<Stamp | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, STAMP), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

/** Unit files of a batch (xlsx only, sorted), for the baseline and the round-trip measurement. */
export async function batchFiles(root: string, n: number): Promise<string[]> {
  const dir = batchDir(root, n);
  return (await fs.readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f));
}

/**
 * Makes sure bench/work/N holds the current batch; returns whether it had to be generated.
 * Unit i's workbook depends only on i, so a smaller batch copies its files from a bigger current one.
 */
export async function ensureBatch(root: string, n: number, log: (s: string) => void, copyFrom?: number): Promise<boolean> {
  const dir = batchDir(root, n);
  const stamp = await readStamp(dir);
  if (stamp && stamp.version === GEN_VERSION && stamp.units === n) {
    await ensureRoster(root, n);
    return false;
  }
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const t0 = Date.now();
  const src = copyFrom && copyFrom >= n ? batchDir(root, copyFrom) : null;
  const srcStamp = src ? await readStamp(src) : null;
  const canCopy = srcStamp?.version === GEN_VERSION && srcStamp.units === copyFrom;
  for (let i = 1; i <= n; i++) {
    const file = unitFileName(i);
    if (canCopy && src) await fs.copyFile(path.join(src, file), path.join(dir, file));
    else await fs.writeFile(path.join(dir, file), await unitWorkbook(i));
    if (i % 250 === 0) log(`  generated ${i}/${n}`);
  }
  await ensureRoster(root, n);
  await fs.writeFile(path.join(dir, STAMP), JSON.stringify({ version: GEN_VERSION, units: n } satisfies Stamp));
  log(`  generated ${n} workbooks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}
