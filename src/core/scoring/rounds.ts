/** The two inspection rounds of a year (上半年 / 下半年) and how they are written. */
import { parseDate } from '../normalize/date';
import { norm } from './util';

export type Round = 1 | 2;
export const ROUNDS: readonly Round[] = [1, 2];
export const ROUND_NAMES: Record<Round, string> = { 1: '上半年', 2: '下半年' };

/** 上半年 / 第一轮 / 1 → 1; 下半年 / 第二轮 / 2 → 2; also 2024年上半年, 上半年检查, （第一次）. */
export function parseRound(value: string): Round | null {
  const t = norm(value)
    .replace(/[()[\]【】]/g, '')
    .replace(/^\d{4}年?度?/, '')
    .replace(/^第/, '')
    .replace(/(?:检查|考核|评分|评比|督查)$/, '')
    .replace(/(轮|次|轮次)$/, '')
    .replace(/度$/, '')
    .replace(/([春秋])季?学期$/, '$1季');
  // A school names its rounds by season too: the spring term's inspection is the first half, the autumn's the second.
  if (['上半年', '1', '一', '上', 'i', 'ⅰ', '春季', '春', '年中'].includes(t)) return 1;
  if (['下半年', '2', '二', '下', 'ii', 'ⅱ', '秋季', '秋', '年底', '年末'].includes(t)) return 2;
  // The inspection's date instead of its round (检查日期 2024-06-15, or its month 2024年6月):
  // January–June is the first half.
  const date = parseDate({ t: 's', v: value }, true);
  return date.ok ? (Number(date.iso.slice(5, 7)) <= 6 ? 1 : 2) : null;
}

/** A round named in a title, sheet or file name (2024年上半年党建网站检查评分表); null when none or both. */
export function roundIn(textWithRound: string): Round | null {
  const t = norm(textWithRound);
  const first = /上半年|第[一1]轮|第[一1]次|春季/.test(t);
  const second = /下半年|第[二2]轮|第[二2]次|秋季/.test(t);
  return first === second ? null : first ? 1 : 2;
}
