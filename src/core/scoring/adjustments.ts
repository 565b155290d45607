/** Itemised annual adjustments (DOMAIN §3), derived from the checker's findings and 加减分. */
import { type Finding, compareFindings } from '../findings';
import { FORM_IDS, type FormId } from '../forms/ids';
import type { Params } from './params';
import type { RectItem } from './rectification';
import type { Adjustment } from './scores';
import { FORM_TITLES, findingKey, locationText, vetoItemKey } from './keys';
import { fmt, tidy } from './util';

export type AdjustmentGroup = 'forms' | 'overdue' | 'stale' | 'groups' | 'bonus' | 'veto' | 'bounds';

/** Column order and Chinese names of the adjustment groups. */
export const ADJUSTMENT_GROUPS: { id: AdjustmentGroup; name: string }[] = [
  { id: 'forms', name: '报送完整及时' },
  { id: 'overdue', name: '逾期未整改' },
  { id: 'stale', name: '网站更新' },
  { id: 'groups', name: '工作群管理' },
  { id: 'bonus', name: '创新与获奖' },
  { id: 'veto', name: '一票否决' },
  { id: 'bounds', name: '分值限定' },
];
const NAME = Object.fromEntries(ADJUSTMENT_GROUPS.map((g) => [g.id, g.name])) as Record<AdjustmentGroup, string>;

export interface AdjustmentItem {
  /** Chinese name of the indicator group. */
  indicator: string;
  points: number;
  /** Chinese; names the file/sheet/cell or site. */
  reason: string;
  group: AdjustmentGroup;
  /** Rectification key of the underlying problem, where there is one. */
  key?: string;
}

interface Candidate {
  reason: string;
  key?: string;
  points: number;
}

/** Applies a cap in order: later items get what is left (possibly 0), so the sum never passes it. */
export function capItems(group: AdjustmentGroup, items: Candidate[], cap: number): AdjustmentItem[] {
  let sum = 0;
  return items.map((it) => {
    const left = tidy(cap - sum);
    const points = cap < 0 ? Math.min(0, Math.max(it.points, left)) : Math.max(0, Math.min(it.points, left));
    sum = tidy(sum + points);
    const reason = points === it.points ? it.reason : `${it.reason}（本项已达上限 ${fmt(cap)} 分，计 ${fmt(points)} 分）`;
    const out: AdjustmentItem = { indicator: NAME[group], points, reason, group };
    if (it.key) out.key = it.key;
    return out;
  });
}

function where(f: Pick<Finding, 'file' | 'sheet' | 'cell'>): string {
  const loc = locationText(f);
  return loc ? `（${loc}）` : '';
}

function formCandidates(unit: string, findings: Finding[], params: Params): Candidate[] {
  const required = new Set<FormId>(params.requiredForms);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (id: string, c: Candidate) => {
    if (!seen.has(id)) out.push(c);
    seen.add(id);
  };
  for (const f of findings) {
    if (f.rule === 'unit-missing') {
      for (const form of FORM_IDS.filter((x) => required.has(x))) {
        // One problem, one 整改台账 item: the unit's unit-missing, whichever forms it costs.
        add(`missing|${form}`, { reason: `未报送《${FORM_TITLES[form]}》（单位未报送任何材料）`, key: findingKey(f), points: params.formMissing.each });
      }
    } else if (f.rule === 'form-missing' && f.form && required.has(f.form)) {
      add(`missing|${f.form}`, { reason: `未报送《${FORM_TITLES[f.form]}》`, key: findingKey(f), points: params.formMissing.each });
    } else if (f.rule === 'form-late' && (!f.form || required.has(f.form))) {
      const what = f.form ? `《${FORM_TITLES[f.form]}》` : '报送材料';
      add(`late|${f.form ?? f.file}`, { reason: `${what}逾期报送${where(f)}`, key: findingKey(f), points: params.formMissing.each });
    }
  }
  return out;
}

function simpleCandidates(findings: Finding[], rules: string[], each: number, label: (f: Finding) => string): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const f of findings) {
    const key = findingKey(f);
    if (!rules.includes(f.rule) || seen.has(key)) continue;
    seen.add(key);
    out.push({ reason: `${label(f)}：${f.message}${where(f)}`, key, points: each });
  }
  return out;
}

function overdueCandidates(unit: string, items: RectItem[], params: Params): Candidate[] {
  return items
    .filter((i) => i.unit === unit && i.source === 'finding' && i.status !== '已整改' && i.deadline !== null && i.deadline < params.asOf)
    .map((i) => ({
      reason: `整改事项“${i.description}”${i.location ? `（${i.location}）` : ''}逾期未整改（整改时限 ${i.deadline}，状态 ${i.status}）`,
      points: params.openErrors.each,
    }));
}

/** All itemised adjustments of one unit except the final bounds/veto items. */
export function unitAdjustments(
  unit: string,
  findings: Finding[],
  adjustments: Adjustment[],
  rectification: RectItem[],
  params: Params,
): AdjustmentItem[] {
  const mine = findings.filter((f) => f.unit === unit).sort(compareFindings);
  const bonus = adjustments
    .filter((a) => a.unit === unit && a.kind === 'bonus')
    .map((a) => ({ reason: `${a.note || '加分'}${where(a)}`, points: a.points }));
  return [
    ...capItems('forms', formCandidates(unit, mine, params), params.formMissing.cap),
    ...capItems('overdue', overdueCandidates(unit, rectification, params), params.openErrors.cap),
    ...capItems('stale', simpleCandidates(mine, ['website-stale-long'], params.staleSite.each, () => `网站超过 ${params.staleErrorDays} 天未更新`), params.staleSite.cap),
    ...capItems(
      'groups',
      simpleCandidates(mine, ['group-not-real-name', 'zombie-not-cleaned', 'zombie-still-registered'], params.groupIssue.each, (f) =>
        f.rule === 'group-not-real-name' ? '工作群未全部实名' : f.rule === 'zombie-not-cleaned' ? '僵尸群未清理' : '已清理的僵尸群仍在登记',
      ),
      params.groupIssue.cap,
    ),
    ...capItems('bonus', bonus, params.bonus.cap),
  ];
}

/**
 * Clamps to [0, 100], then applies a veto; each change is itemised. Returns the final score.
 * An unscored unit (scored = false) has no score to clamp: no bounds item.
 */
export function finish(
  unit: string,
  subtotal: number,
  vetoes: Adjustment[],
  params: Params,
  items: AdjustmentItem[],
  scored = true,
): number {
  let score = tidy(subtotal);
  const bounded = scored ? Math.min(100, Math.max(0, score)) : score;
  if (bounded !== score) {
    const reason = score > 100 ? `总分不超过 100 分（计算值 ${fmt(score)}）` : `总分不低于 0 分（计算值 ${fmt(score)}）`;
    items.push({ indicator: NAME.bounds, points: tidy(bounded - score), reason, group: 'bounds' });
    score = bounded;
  }
  vetoes.forEach((v, i) => {
    const capped = i === 0 && params.vetoCap !== null && score > params.vetoCap ? params.vetoCap : score;
    const note = `${v.note || '一票否决事项'}${where(v)}，等级定为${params.failGrade}`;
    const reason = capped < score ? `${note}，得分封顶 ${fmt(capped)} 分` : note;
    items.push({ indicator: NAME.veto, points: tidy(capped - score), reason, group: 'veto', key: vetoItemKey(unit, v.note) });
    score = capped;
  });
  return tidy(score);
}
