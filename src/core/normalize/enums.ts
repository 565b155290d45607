/** Closed lists of answers, as data: canonical value → aliases people actually write. */
import type { Cell } from '../grid';
import { squash } from './text';

export type EnumKind = 'platform' | 'groupType' | 'yesNo';

export interface EnumEntry {
  value: string;
  aliases: readonly string[];
}

/** One line per canonical value; matching is by squash, so aliases need no case or width variants. */
export const ENUMS: Record<EnumKind, readonly EnumEntry[]> = {
  platform: [
    { value: '微信公众号', aliases: ['公众号', '服务号', '订阅号', '微信公众平台', '微信服务号', '微信订阅号', '公众号平台'] },
    { value: '微博', aliases: ['新浪微博', 'weibo', '微博号', '新浪微博号', '微博账号'] },
    { value: '抖音', aliases: ['抖音号', 'douyin', '抖音短视频', 'tiktok'] },
    { value: '视频号', aliases: ['微信视频号', '视频号（微信）'] },
    { value: 'B站', aliases: ['哔哩哔哩', 'bilibili', 'b站', '哔哩哔哩弹幕网', 'b站号'] },
    { value: '今日头条', aliases: ['头条', '头条号', '今日头条号'] },
    { value: '快手', aliases: ['快手号'] },
    { value: '小红书', aliases: ['小红书号'] },
    { value: '知乎', aliases: [] },
    { value: '其他', aliases: ['其它'] },
  ],
  groupType: [
    { value: '微信群', aliases: ['微信', 'wechat群', 'wechat', '微信工作群', '微信交流群', '微信群聊'] },
    { value: 'QQ群', aliases: ['qq', 'qq群', 'qq工作群', '腾讯qq群', 'qq交流群', 'qq群聊'] },
    { value: '企业微信群', aliases: ['企业微信', '企微群', '企微', '企业微信工作群', '企业微信群聊'] },
    { value: '钉钉群', aliases: ['钉钉', '钉钉工作群', '钉钉群聊'] },
    { value: '飞书群', aliases: ['飞书', '飞书工作群', '飞书群聊'] },
    { value: '其他', aliases: ['其它'] },
  ],
  yesNo: [
    { value: '是', aliases: ['y', 'yes', '√', '✓', '✔', '☑', '已清理', '已实名', '全部实名', '已全部实名', '全员实名', '已全员实名', '实名', '实名制', '是的', '对', '已解散', '已删除', '已退出', '已注销', '已全部清理', '清理完毕', '已完成', '完成', 'true', '1'] },
    { value: '否', aliases: ['n', 'no', '×', '✗', '✘', '☒', 'x', '未清理', '未实名', '未全部实名', '部分实名', '非实名', '未全员实名', '不是', '不', '未', '未解散', '待清理', '正在清理', '计划清理', '未完成', 'false', '0'] },
  ],
};

export type EnumResult =
  | { ok: true; value: string; alias: boolean }
  | { ok: false; reason: 'blank' | 'invalid'; allowed: string[] };

const lookups = new Map<EnumKind, Map<string, string>>();

/** squash(value or alias) → canonical value, built once per kind. */
function lookup(kind: EnumKind): Map<string, string> {
  let map = lookups.get(kind);
  if (!map) {
    map = new Map();
    for (const { value, aliases } of ENUMS[kind]) {
      for (const name of [value, ...aliases]) map.set(squash(name), value);
    }
    lookups.set(kind, map);
  }
  return map;
}

function inputText(kind: EnumKind, cell: Cell | string | null | undefined): string | null {
  if (cell == null) return '';
  if (typeof cell === 'string') return cell;
  if (cell.t === 's') return cell.v;
  if (cell.t === 'n') return String(cell.v);
  if (cell.t === 'b' && kind === 'yesNo') return cell.v ? '是' : '否';
  return null;
}

/**
 * Bracketed notes (（部分未实名）, 问卷星's 其他〖B站〗) and a clause after a comma (否，部分实名)
 * explain the answer.
 */
const NOTE = /\([^()]*\)|【[^【】]*】|〖[^〖〗]*〗/g;
function answerOf(key: string): string {
  const bare = key.replace(NOTE, '');
  const clause = /^[^,;:。]+(?=[,;:。])/.exec(bare);
  return clause ? clause[0] : bare;
}

/** 抖音;快手: two answers where one is asked, not one answer and its note. */
function severalAnswers(map: Map<string, string>, key: string): boolean {
  const parts = key.replace(NOTE, '').split(/[,;、/|┋]/).filter(Boolean);
  return parts.length > 1 && new Set(parts.map((p) => map.get(p)).filter((v) => v !== undefined)).size > 1;
}

function allowedValues(kind: EnumKind): string[] {
  return ENUMS[kind].map((e) => e.value);
}

/** Matches an answer against a closed list; `alias` says it was not written exactly as the canonical value. */
export function matchEnum(kind: EnumKind, cell: Cell | string | null | undefined): EnumResult {
  const text = inputText(kind, cell);
  if (text === null) return { ok: false, reason: 'invalid', allowed: allowedValues(kind) };
  const key = squash(text);
  if (key === '') return { ok: false, reason: 'blank', allowed: allowedValues(kind) };
  const map = lookup(kind);
  const value = map.get(key) ?? (severalAnswers(map, key) ? undefined : map.get(answerOf(key)));
  if (value === undefined) return { ok: false, reason: 'invalid', allowed: allowedValues(kind) };
  const literal = typeof cell === 'string' || cell?.t === 's' ? text === value : false;
  return { ok: true, value, alias: !literal };
}
