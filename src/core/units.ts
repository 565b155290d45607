/** The unit roster (单位名单) and finding which unit a file belongs to. */
import { type SheetGrid, cellText } from './grid';
import { FORMS } from './forms/templates';
import { headerKey, squash, cleanText } from './normalize/text';
import { makeResolver } from './sheet/labels';

export const UNIT_CATEGORIES = ['教学单位', '职能部门', '教辅单位', '后勤服务'] as const;

export interface RosterUnit {
  name: string;
  category: string | null;
  aliases: string[];
  head: string | null;
  phone: string | null;
}

export interface Roster {
  units: RosterUnit[];
}

const ROSTER_COLUMNS: Record<keyof RosterUnit, string[]> = {
  name: ['单位名称', '单位', '名称', '单位全称', '部门名称', '单位/部门', '单位部门', '二级单位', '二级单位名称', '机构名称'],
  category: ['类别', '单位类别', '类型', '单位类型', '单位性质'],
  aliases: ['别名', '简称', '曾用名'],
  head: ['负责人', '单位负责人'],
  phone: ['联系电话', '电话'],
};

/** 一、教学单位（12个）: a section row of a roster, naming the category of the units below it. */
const SECTION = /^(?:[一二三四五六七八九十]+|\d+)[、.．]\s*(.+?)(?:[（(][^）)]*[）)])?$/;
/** Rows at a roster's foot that name no unit: 合计, 注：…, 填表人：…. */
const NOT_A_UNIT = /^(?:合计|总计|共计|小计)|[:：]/;
/** 1.护理学院, 2、财务处, （三）团委: a list number written before the name. */
const LIST_NUMBER = /^(?:\d+[.．、]|[(（][一二三四五六七八九十\d]+[)）])\s*/;
/** 教学, 职能, 教辅, 后勤 written short: the four categories (other categories stay as written). */
function canonicalCategory(written: string): string {
  return UNIT_CATEGORIES.find((c) => written === c.slice(0, 2)) ?? written;
}
const isCategoryWord = (t: string) => (UNIT_CATEGORIES as readonly string[]).includes(t) || /(?:单位|部门|机构|组织)$/.test(t);

/** Reads a roster sheet: the header is the first row naming 单位名称. */
export function rosterFromGrid(sheet: SheetGrid): Roster | null {
  return rosterSheet(sheet)?.roster ?? null;
}

function rosterSheet(sheet: SheetGrid): { roster: Roster; hasCategory: boolean } | null {
  const keyOf = (t: string) =>
    (Object.keys(ROSTER_COLUMNS) as (keyof RosterUnit)[]).find((k) => ROSTER_COLUMNS[k].some((l) => headerKey(l) === headerKey(t)));
  for (let r = 0; r < Math.min(sheet.rows.length, 10); r++) {
    const cols = new Map<keyof RosterUnit, number>();
    // 简称 and 曾用名 side by side: every alias column counts.
    const aliasCols: number[] = [];
    (sheet.rows[r] ?? []).forEach((c, i) => {
      const k = keyOf(cellText(c));
      if (k === 'aliases') aliasCols.push(i);
      if (k && !cols.has(k)) cols.set(k, i);
    });
    if (!cols.has('name')) continue;
    // A category merged over its units reads on each of them.
    const merged = makeResolver(sheet);
    const units: RosterUnit[] = [];
    let section: string | null = null;
    for (let i = r + 1; i < sheet.rows.length; i++) {
      const row = sheet.rows[i];
      const get = (k: keyof RosterUnit) => (cols.has(k) ? cleanText(cellText(row?.[cols.get(k)!])) : '');
      const filled = (row ?? []).map((c) => cleanText(cellText(c))).filter(Boolean);
      // A row holding one text only, 一、教学单位 or 职能部门: the category of the rows below.
      const heading = filled.length === 1 ? (SECTION.exec(filled[0]!)?.[1] ?? (isCategoryWord(filled[0]!) ? filled[0]! : null)) : null;
      if (heading) {
        section = heading;
        continue;
      }
      const name = get('name').replace(LIST_NUMBER, '');
      if (!name || NOT_A_UNIT.test(name)) continue;
      const aliases = aliasCols.flatMap((c) => cleanText(cellText(row?.[c])).split(/[、,，;；/\s]+/)).filter(Boolean);
      const category = canonicalCategory((cols.has('category') ? cleanText(merged(i, cols.get('category')!)) : '') || section || '');
      units.push({ name, category: category || null, aliases, head: get('head') || null, phone: get('phone') || null });
    }
    return { roster: { units }, hasCategory: cols.has('category') || section !== null };
  }
  return null;
}

/** A sheet name that is no category: Sheet1, 单位名单, 名册. */
const GENERIC_SHEET = /^sheet\d*$|名单|名册|目录/i;

/**
 * Every roster sheet of a workbook (教学单位 | 职能部门): a sheet without a 类别 column gives its
 * units the sheet's name as their category; a unit on two sheets counts once (the first).
 */
export function rosterFromWorkbook(sheets: readonly SheetGrid[]): Roster | null {
  const units: RosterUnit[] = [];
  const seen = new Set<string>();
  let found = false;
  for (const sheet of sheets) {
    const r = rosterSheet(sheet);
    if (!r) continue;
    found = true;
    const name = sheet.name.trim();
    const fromName = !r.hasCategory && !GENERIC_SHEET.test(name) ? name : null;
    for (const u of r.roster.units) {
      const key = squash(u.name);
      if (seen.has(key)) continue;
      seen.add(key);
      units.push(fromName && !u.category ? { ...u, category: fromName } : u);
    }
  }
  return found ? { units } : null;
}

/**
 * The roster unit a name refers to: by name or alias, then by containment (longest first). A
 * name contained after other ideographs counts only after a school's or a party body's name
 * (XX大学信息工程学院, 党委宣传部, 校团委): 音乐艺术学院 is not 艺术学院, and taking it so would
 * let one unit's file replace another's.
 */
export function resolveUnit(roster: Roster, candidate: string): RosterUnit | null {
  const c = squash(candidate);
  if (!c) return null;
  const index = indexOf(roster);
  const exact = index.map.get(c);
  if (exact) return exact;
  let best: { u: RosterUnit; len: number } | null = null;
  for (const { u, key: k } of index.names) {
    if (k.length >= 2 && (!best || k.length > best.len) && containsAsName(c, k)) best = { u, len: k.length };
  }
  return best?.u ?? null;
}

/** A school's name, as it stands before a unit's in a roster written in full. */
const SCHOOL = /^(.{2,}?(?:大学|学校|职业技术学院|职业学院|师范学院|技术学院|高等专科学校|专科学校))(.{2,})$/;
/** What a bracket says of a unit's state, not another name for it. */
const STATE = /^(?:筹|筹建|筹备|试行|暂定|挂靠|合署|合署办公|临时)$/;

/**
 * Names a roster name is also known by: without its bracketed part (人工智能学院（筹）), the
 * unit named in the bracket (马克思主义学院（思政部）→ 思政部), and without the school's
 * name before it (示范职业技术学院艺术学院 → 艺术学院). Each only where it looks like a unit.
 */
export function impliedNames(name: string): string[] {
  const out: string[] = [];
  const add = (n: string) => {
    const t = cleanText(n);
    if (t.length >= 2 && t !== name && UNIT_LIKE.test(t) && !out.includes(t)) out.push(t);
  };
  const plain = name.replace(/[（(][^（()）]*[）)]/g, '');
  add(plain);
  for (const m of name.matchAll(/[（(]([^（()）]*)[）)]/g)) if (!STATE.test(m[1]!.trim())) add(m[1]!);
  for (const n of [name, plain]) {
    const m = SCHOOL.exec(squash(n));
    if (m) add(m[2]!);
  }
  return out;
}

/** What may stand right before a unit's name inside a longer one. */
// Not any 学院: 外语学院团委 is that college's 团委, not the school's; a school named …职业技术学院 is.
const NAME_BEFORE = /(?:大学|学校|校区|党委|党总支|中共|校|职业技术学院|职业学院|师范学院|技术学院|高等专科学校)$/;

function containsAsName(c: string, k: string): boolean {
  for (let i = c.indexOf(k); i >= 0; i = c.indexOf(k, i + 1)) {
    const before = i === 0 ? -1 : c.charCodeAt(i - 1);
    if (before < 0x4e00 || before > 0x9fff || NAME_BEFORE.test(c.slice(0, i))) return true;
  }
  return false;
}

interface RosterIndex {
  size: number;
  /** Squashed name → the roster unit of that name: names first, then aliases, then implied names no two units share. */
  map: Map<string, RosterUnit>;
  /** Every unit's names, squashed, in that order. */
  names: { u: RosterUnit; key: string }[];
}

/** Built once per roster (every file looks its unit up). */
const INDEX = new WeakMap<readonly RosterUnit[], RosterIndex>();
function indexOf(roster: Roster): RosterIndex {
  const cached = INDEX.get(roster.units);
  if (cached && cached.size === roster.units.length) return cached;
  const map = new Map<string, RosterUnit>();
  const names: RosterIndex['names'] = [];
  const put = (u: RosterUnit, n: string) => {
    const key = squash(n);
    names.push({ u, key });
    if (!map.has(key)) map.set(key, u);
  };
  for (const u of roster.units) put(u, u.name);
  for (const u of roster.units) for (const n of u.aliases) put(u, n);
  const implied = roster.units.map((u) => ({ u, keys: impliedNames(u.name).map(squash) }));
  const claims = new Map<string, number>();
  for (const { keys } of implied) for (const k of keys) claims.set(k, (claims.get(k) ?? 0) + 1);
  for (const { u, keys } of implied) for (const k of keys) if (claims.get(k) === 1 && !map.has(k)) put(u, k);
  const index = { size: roster.units.length, map, names };
  INDEX.set(roster.units, index);
  return index;
}


function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The roster name closest to `name` (edit distance at most half its length), for suggestions.
 * On a tie the longer common start wins: a unit's own words come first, 学院 / 处 last
 * (体育学院 is nearer 体育部 than 信工学院).
 */
export function nearestUnit(roster: Roster, name: string): string | null {
  const s = squash(name);
  let best: { n: string; d: number; p: number } | null = null;
  for (const { u, key: k } of indexOf(roster).names) {
    const d = distance(s, k);
    const p = commonPrefix(s, k);
    if (!best || d < best.d || (d === best.d && p > best.p)) best = { n: u.name, d, p };
  }
  if (best && best.d <= Math.max(1, Math.floor(name.length / 2))) return best.n;
  // A name cut short (护理 for 护理学院, 机电 for 机电工程学院): the one unit it begins.
  if (s.length < 2) return null;
  const starts = new Set(indexOf(roster).names.filter((x) => x.key.startsWith(s)).map((x) => x.u));
  return starts.size === 1 ? [...starts][0]!.name : null;
}

const GENERIC = [
  ...FORMS.flatMap((f) => [f.title, ...f.keywords]),
  // Not 材料 alone: 材料科学与工程学院 is a unit.
  '网络阵地', '登记备案表', '备案表', '登记表', '统计表', '信息统计表', '备案', '汇总表', '汇总', '报送材料', '相关材料', '报送',
  '修改版', '修改稿', '最终版', '终版', '定稿', '副本', '新版', '更新版', '模板', '附件', '表格', '报表',
  // Default names of a new file (Excel 新建 Microsoft Excel 工作表 / 工作簿1, WPS 新建 XLSX 工作表) and upload words.
  '新建', '工作表', '工作簿', 'microsoft', 'excel', 'wps', 'xlsx', '上报', '提交',
  // Mail words: a reply to the notice is named after it (回复：关于开展…的通知-外国语学院).
  '关于', '的回复', '回复', '答复', '转发', '的通知', '通知', '开展', '排查', '的报送', '情况说明', '的说明', '说明', '情况', '报告',
  // Versions and the tools a file came out of (盖章版, 第二版, 微信图片_…, 问卷星导出, 腾讯问卷_答卷数据).
  '盖章版', '盖章', '签字版', '扫描版', '第一版', '第二版', '第三版', '微信图片', '问卷星', '金数据', '腾讯文档', '腾讯问卷', '钉钉', '飞书',
  '导出', '答卷数据', '按文本', '按序号', '统计', '登记', '填报', '填表',
].map(squash).sort((a, b) => b.length - a.length);

/** Strips form titles and generic words from a piece of a file name or title. */
function stripGeneric(s: string): string {
  // Titles repeat across files: remember them (bounded).
  let out = STRIPPED.get(s);
  if (out === undefined) {
    out = computeStripGeneric(s);
    if (STRIPPED.size >= 5_000) STRIPPED.clear();
    STRIPPED.set(s, out);
  }
  return out;
}

const STRIPPED = new Map<string, string>();

function computeStripGeneric(s: string): string {
  let t = squash(s).replace(/[“”"'‘’《》<>]/g, '');
  for (const g of GENERIC) t = t.split(g).join(' ');
  return t
    .split(' ')
    // Versions and dates (v2, 第2版, 2024年, 2024年11月18日, 20241118) name no unit.
    .map((x) => (/^(re|fwd?)$/.test(x) ? '' : x))
    .map((x) => x.replace(/\d{4}年度?|\d{1,2}月份?|\d{1,2}[日号]|(?:19|20)\d{6}/g, '').replace(/^(v\d+|第\d+版|[\d年月日号度.:]+)$/, ''))
    .filter((x) => x.length >= 2)
    .join('');
}

/** Candidate unit names from a file name: `信息工程学院-备案表（修改版）.xlsx` → [信息工程学院]. */
export function unitCandidatesFromFileName(fileName: string): string[] {
  return namePartCandidates(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''));
}

const BRACKETED = /[（(【[]([^（(【[）)】\]]*)[）)】\]]/g;

function namePartCandidates(name: string): string[] {
  const pieces = (s: string) => s.split(/[-_—–\s·.，,+:：]+/).map(stripGeneric).filter(Boolean);
  // What stands in brackets comes after the rest: (修改版) says nothing, but in
  // 【机械工程学院】备案表 or 附件1：备案表（文学院） it is the unit.
  return [...pieces(name.replace(BRACKETED, ' ')), ...[...name.matchAll(BRACKETED)].flatMap((m) => pieces(m[1]!))];
}

/** Folders above a file that may name its unit (收件/信息工程学院/备案表.xlsx), the nearest first. */
const UNIT_FOLDERS = 2;

/**
 * Candidate unit names from the folders a file was collected in: offices file each unit's mail
 * in a folder of its own. Only a roster can tell a unit's folder from any other (收件, 2024年),
 * so pickUnit uses these only where the roster knows the name.
 */
export function unitCandidatesFromFolders(file: string): string[] {
  return file.split(/[\\/]/).slice(0, -1).reverse().slice(0, UNIT_FOLDERS).flatMap(namePartCandidates);
}

/**
 * The part of a title before the form's name: `信息工程学院网站平台更新登记备案表` → 信息工程学院.
 * A school's name before it is the school, not the unit (`XX大学信息工程学院…` → 信息工程学院), and
 * a title naming only the school (`华东师范大学…`) names no unit: every unit's file has it.
 */
export function unitFromTitle(title: string): string | null {
  const t = stripGeneric(title);
  // A school's name has at least two characters before 大学 (大学生艺术团, 大学英语部 are units).
  const school = t.search(/(?<=^.{2,}?)大学(?!生)/);
  const unit = school >= 0 ? t.slice(school + 2) : t;
  return unit.length >= 2 ? unit : null;
}

/** A template's stand-in for a name (XX学院, ××单位, 某某学院, 单位名称): no unit. */
const PLACEHOLDER = /^(?:(?:[x×*○〇□_]{2,}|某某)(?:大学|学院|学校|单位|部门|系|处|部|中心)?|(?:请填写)?(?:单位|学院|部门)名称)$/;
export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER.test(squash(name).replace(/^[(（【[]|[)）】\]]$/g, ''));
}

export interface UnitPick {
  name: string;
  rosterUnit: RosterUnit | null;
  source: '填报单位' | '单位列' | '文件名' | '工作表' | '文件夹' | '标题';
}

/**
 * 填报单位 first, then the file name, its folders, then the title. With a roster, the first
 * candidate that resolves in the roster wins; otherwise the first candidate at all, never a folder.
 */
export function pickUnit(
  candidates: { name: string | null; source: UnitPick['source'] }[],
  roster: Roster | null,
): UnitPick | null {
  const list = candidates.filter((c): c is { name: string; source: UnitPick['source'] } => !!c.name && c.name.trim() !== '' && !isPlaceholderName(c.name));
  if (roster) {
    for (const c of list) {
      const u = resolveUnit(roster, c.name);
      if (u) return { name: u.name, rosterUnit: u, source: c.source };
    }
    // A title usually names the school, not the unit, and a folder or a sheet may name anything:
    // none is trusted when the roster disagrees; nor is a file name without a Chinese word
    // (Book1, export (3), mmexport1732000000: a program's name for a download).
    // A file name's leftover the roster does not know names a unit only if it looks like one
    // (计科院, 学工部), not 盖章版 or 统计: a made-up unit would swallow another file's rows.
    const first = list.find((c) => !ROSTER_ONLY.has(c.source) && (c.source !== '文件名' || (HAN.test(c.name) && UNIT_LIKE.test(cleanText(c.name)))));
    return first ? { name: cleanText(first.name), rosterUnit: null, source: first.source } : null;
  }
  // A unit's name is Chinese: a file named Book1, export or x1 names none when a title does.
  const named = list.filter((c) => c.source !== '文件夹' && c.source !== '工作表');
  const first = named.find((c) => HAN.test(c.name)) ?? named[0];
  return first ? { name: cleanText(first.name), rosterUnit: null, source: first.source } : null;
}

/** The unit's name after a school's name before it (示范职业技术学院计算机学院 → 计算机学院), or null. */
export function afterSchool(name: string): string | null {
  const m = SCHOOL.exec(name);
  return m && UNIT_LIKE.test(m[2]!) ? m[2]! : null;
}

const HAN = /[\u3400-\u9fff]/;
/** How a unit's name ends (学院, 处, 部, 中心, 团委…), or an English name: what a file's leftover must look like. */
const UNIT_LIKE = /(?:学院|学校|大学|系|部|处|科|室|馆|中心|委|委员会|办|院|所|队|站|组|会|团|支部|总支|基地|实验室|[A-Za-z]{2,})[)）]?$/;
/** Candidates that name a unit only when the roster knows the name. */
const ROSTER_ONLY = new Set<UnitPick['source']>(['标题', '文件夹', '工作表']);
