/** Rectification items (整改台账): built from findings, low indicator scores and deductions; merged across runs. */
import type { Finding } from '../findings';
import type { Assessment } from './assessment';
import type { Params } from './params';
import type { Rubric } from './rubric';
import { ROUND_NAMES } from './scores';
import { comparableKey, findingKey, locationText, scoreItemKey } from './keys';
import { addDays } from '../normalize/date';
import { fmt, tidy } from './util';

export const RECT_STATUSES = ['待整改', '整改中', '已整改', '无法整改'] as const;
export type RectStatus = (typeof RECT_STATUSES)[number];
export type RectSource = 'finding' | 'score' | 'assessment';

export interface RectItem {
  /** Stable: unit + rule + location. */
  key: string;
  unit: string;
  /** 问题类型 */
  type: string;
  description: string;
  /** 依据 */
  basis: string;
  location: string;
  /** 整改要求 */
  requirement: string;
  deadline: string | null;
  /** 责任人 */
  owner: string;
  status: RectStatus;
  note: string;
  /** 复查结果 */
  recheck: string;
  source: RectSource;
}

/** Recheck note we write when a problem is no longer produced (the older wording is still recognised). */
export const VANISHED = '复查时未再发现';
const VANISHED_OLD = '复查时问题已消除';

/** A row typed into the 整改台账 by hand: read back without a 问题编号 (see readback.ts). */
function isManual(item: RectItem): boolean {
  return item.key.split('|')[1] === 'manual';
}

const NOTICE_003 = '《关于进一步加强全校网站、新媒体平台、工作群组及“网络大V”管理的通知》';
const RULE_BASIS: Record<string, string> = {
  'website-stale-long': '《网络阵地管理办法》第八条（信息更新机制）',
  'group-not-real-name': `${NOTICE_003}三`,
  'zombie-date-missing': `${NOTICE_003}三、附件3`,
  'zombie-not-cleaned': `${NOTICE_003}三（4）`,
  'account-student-phone': `${NOTICE_003}二`,
  'bigv-category': `${NOTICE_003}附件5`,
  'unit-missing': `${NOTICE_003}五`,
  'form-missing': `${NOTICE_003}五`,
  'form-late': `${NOTICE_003}五`,
};
const RUBRIC_BASIS = '《基层党建网站评分细则》';

const GROUP_TEXT: Record<string, { basis: string; requirement: string }> = {
  forms: { basis: `${NOTICE_003}五`, requirement: '按要求补报登记备案表，今后按时报送' },
  stale: { basis: RULE_BASIS['website-stale-long']!, requirement: '及时更新网站内容，至少每周更新一次' },
  groups: { basis: `${NOTICE_003}三`, requirement: '落实工作群实名制，清理僵尸群并更新备案' },
  veto: { basis: '《网络阵地管理办法》第十条、第十一条', requirement: '立即整改，提交书面整改报告' },
};

export interface RectInput {
  findings: Finding[];
  assessment: Assessment;
  rubric: Rubric;
  params: Params;
  /** 责任人 per unit (e.g. from the roster's 负责人). */
  owners?: Record<string, string>;
  /** Chinese titles of the checker's rules, for 问题类型. */
  ruleTitles?: Record<string, string>;
}

/** Fresh items for this run, without duplicates (first occurrence of a key wins). */
export function buildRectification(input: RectInput): RectItem[] {
  const deadline = addDays(input.params.asOf, input.params.rectifyDays);
  const owner = (unit: string) => input.owners?.[unit] ?? '';
  const base = (unit: string) => ({ unit, deadline, owner: owner(unit), status: '待整改' as RectStatus, note: '', recheck: '' });
  const out = new Map<string, RectItem>();
  const add = (item: RectItem) => {
    if (!out.has(item.key)) out.set(item.key, item);
  };
  for (const f of input.findings) {
    if (f.severity !== 'error' || !f.unit) continue;
    add({
      ...base(f.unit),
      key: findingKey(f),
      type: input.ruleTitles?.[f.rule] ?? f.rule,
      description: f.message,
      basis: RULE_BASIS[f.rule] ?? '登记备案表填报要求',
      location: locationText(f),
      requirement: f.suggestion ?? '按要求改正并重新报送',
      source: 'finding',
    });
  }
  const byId = new Map(input.rubric.indicators.map((i) => [i.id, i]));
  for (const r of input.assessment.indicators) {
    const ind = byId.get(r.indicatorId);
    if (!ind || r.mean === null || r.mean >= ind.max) continue;
    const notes = r.entries.filter((e) => e.note).map((e) => (e.inspector ? `${e.inspector}：${e.note}` : e.note));
    add({
      ...base(r.unit),
      key: scoreItemKey(r.unit, ind.id, r.round),
      type: '党建网站评分扣分',
      description: `${ROUND_NAMES[r.round]}检查“${ind.level2}”得分 ${fmt(r.mean)}，满分 ${fmt(ind.max)}，扣 ${fmt(tidy(ind.max - r.mean))} 分`,
      basis: `${RUBRIC_BASIS}${ind.level1} / ${ind.level2}`,
      location: `评分表 / ${ROUND_NAMES[r.round]} / ${ind.level2}`,
      requirement: [notes.length ? `扣分说明：${notes.join('；')}` : '', `对照评分标准整改：${ind.standard}`].filter(Boolean).join('。'),
      source: 'score',
    });
  }
  // A deduction for a problem that is already an item (unit-missing: one item, a deduction per
  // form) is said on that item, not as items of its own.
  const deducted = new Map<string, { indicator: string; points: number }>();
  for (const res of [...input.assessment.results, ...(input.assessment.unscored ?? [])]) {
    for (const a of res.adjustments) {
      const text = GROUP_TEXT[a.group];
      if (!a.key || a.points > 0 || !text) continue;
      if (out.get(a.key)?.source === 'finding') {
        const d = deducted.get(a.key) ?? { indicator: a.indicator, points: 0 };
        d.points = tidy(d.points - a.points);
        deducted.set(a.key, d);
        continue;
      }
      add({
        ...base(res.unit),
        key: a.key,
        type: `${ASSESSMENT_TYPE_PREFIX}${a.indicator}`,
        description: a.points < 0 ? `${a.reason}，扣 ${fmt(-a.points)} 分` : a.reason,
        basis: text.basis,
        location: '',
        requirement: text.requirement,
        source: 'assessment',
      });
    }
  }
  for (const [key, d] of deducted) {
    const item = out.get(key)!;
    if (d.points > 0) out.set(key, { ...item, description: `${item.description}（${ASSESSMENT_TYPE_PREFIX}${d.indicator}扣 ${fmt(d.points)} 分）` });
  }
  return [...out.values()];
}

/**
 * Keeps what users typed: a fresh item with a previous key keeps its status, note, recheck,
 * deadline and owner. A row typed by hand (no key) stays exactly as typed. A previous item no
 * longer produced is kept (never deleted) with its typed status and 复查结果 “复查时未再发现”;
 * it becomes 已整改 only when nobody had set a status (still the default 待整改). A problem
 * that comes back after that is reopened if it had been closed.
 */
export function mergeRectification(fresh: RectItem[], older: RectItem[]): RectItem[] {
  const previous = older.map((p) => ({ ...p, key: comparableKey(p.key) }));
  const prev = new Map<string, RectItem>();
  for (const p of previous) if (!prev.has(p.key)) prev.set(p.key, p);
  const out: RectItem[] = [];
  const seen = new Set<string>();
  // A ledger without 问题编号 (an older result): its row for the same unit and problem is the item.
  const byText = new Map<string, RectItem>();
  for (const p of previous) if (isManual(p)) byText.set(`${p.unit}\u0000${p.description}`, p);
  for (const f of fresh) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    const same = prev.has(f.key) ? undefined : byText.get(`${f.unit}\u0000${f.description}`);
    if (same) {
      seen.add(same.key);
      out.push({ ...f, status: same.status, note: same.note, recheck: same.recheck, deadline: same.deadline ?? f.deadline, owner: same.owner || f.owner });
      continue;
    }
    const p = prev.get(f.key);
    if (!p) out.push(f);
    else if (p.recheck === VANISHED || p.recheck === VANISHED_OLD) {
      out.push({ ...f, status: p.status === '已整改' ? f.status : p.status, note: p.note, owner: p.owner || f.owner, recheck: '复查时问题再次出现' });
    } else out.push({ ...f, status: p.status, note: p.note, recheck: p.recheck, deadline: p.deadline ?? f.deadline, owner: p.owner || f.owner });
  }
  for (const p of prev.values()) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    if (isManual(p)) out.push(p);
    else out.push({ ...p, status: p.status === '待整改' ? '已整改' : p.status, recheck: p.recheck || VANISHED });
  }
  return out;
}

export const ASSESSMENT_TYPE_PREFIX = '年度考核：';

/** The kind of a read-back item, from its key and 问题类型 (the sheet carries no other trace). */
export function sourceOf(item: Pick<RectItem, 'key' | 'type'>): RectSource {
  if (item.type.startsWith(ASSESSMENT_TYPE_PREFIX)) return 'assessment';
  return item.key.split('|')[1] === 'score' ? 'score' : 'finding';
}
