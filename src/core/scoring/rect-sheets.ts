/** The 整改台账 ledger and the printable 整改通知_<单位> notices. */
import { addTo } from '../group';
import { FILLS, type Highlight, type SheetModel } from '../report/model';
import type { Params } from './params';
import { RECT_STATUSES, type RectItem } from './rectification';
import { maskPhone } from './util';
import { cnDate } from '../report/dates';

export const RECT_SHEET = '整改台账';
export const NOTICE_PREFIX = '整改通知_';

/** Header of each ledger column; read-back finds columns by these names. */
export const RECT_HEADERS = {
  unit: '单位',
  type: '问题类型',
  description: '问题描述',
  basis: '依据',
  location: '位置',
  requirement: '整改要求',
  deadline: '整改时限',
  owner: '责任人',
  status: '整改状态',
  note: '整改说明',
  recheck: '复查结果',
  key: '问题编号',
} as const;

export function rectSheet(items: RectItem[], params: Params): SheetModel {
  const H = RECT_HEADERS;
  const highlights: Highlight[] = [];
  items.forEach((it, row) => {
    if (it.status !== '已整改' && it.deadline && it.deadline < params.asOf) {
      highlights.push({ row, col: 6, severity: 'error', note: `已超过整改时限（检查日期 ${params.asOf}）` });
    }
  });
  return {
    name: RECT_SHEET,
    title: '网络阵地问题整改台账',
    subtitle: [`检查日期：${cnDate(params.asOf)}  责任人、整改状态、整改说明、复查结果可直接填写，重新生成时保留。`],
    columns: [
      { header: H.unit, width: 18 },
      { header: H.type, width: 18, wrap: true },
      { header: H.description, width: 40, wrap: true },
      { header: H.basis, width: 26, wrap: true },
      { header: H.location, width: 28, wrap: true },
      { header: H.requirement, width: 40, wrap: true },
      { header: H.deadline, width: 12, kind: 'date', editable: true },
      { header: H.owner, width: 10, editable: true },
      { header: H.status, width: 10, editable: true },
      { header: H.note, width: 30, editable: true, wrap: true },
      { header: H.recheck, width: 24, editable: true, wrap: true },
      { header: H.key, width: 24, hidden: true },
    ],
    rows: items.map((it) => [
      it.unit,
      it.type,
      it.description,
      it.basis,
      it.location,
      it.requirement,
      it.deadline ? { date: it.deadline } : null,
      it.owner,
      it.status,
      it.note,
      it.recheck,
      it.key,
    ]),
    table: { name: 'RectLedger' },
    freeze: { cols: 1 },
    highlights,
    validations: [{ col: 8, type: 'list', values: [...RECT_STATUSES], prompt: '待整改 / 整改中 / 已整改 / 无法整改' }],
    conditionalFormats: [
      { col: 8, type: 'text-equals', text: '已整改', fill: FILLS.good },
      { col: 8, type: 'text-equals', text: '待整改', fill: FILLS.warning },
      { col: 8, type: 'text-equals', text: '无法整改', fill: FILLS.error },
    ],
    print: { landscape: true, fitToWidth: true },
  };
}

/** First `max` UTF-16 units without splitting a character, trailing apostrophes and spaces dropped (Excel refuses the former). */
function cut(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/['\s]+$/, '');
}

/** A valid, unique worksheet name (≤ 31 characters, none of []:*?/\, no control characters). */
function sheetName(unit: string, taken: Set<string>): string {
  // eslint-disable-next-line no-control-regex
  const clean = NOTICE_PREFIX + unit.replace(/[[\]:*?/\\]/g, '_').replace(/[\u0000-\u001f]/g, '');
  let name = cut(clean, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${cut(clean, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export interface NoticeOptions {
  /** Who issues the notice (落款). */
  issuer?: string;
  /** A contact line for questions; phone numbers are masked on circulation copies. */
  contact?: string;
}

/** One printable notice per unit that has open items (status other than 已整改). */
export function rectNotices(items: RectItem[], params: Params, opts: NoticeOptions = {}): SheetModel[] {
  return unitNotices(items, params, opts).map((n) => n.sheet);
}

/** Each unit with open items and its notice (a sheet name may be shortened; `unit` never is). */
export function unitNotices(items: RectItem[], params: Params, opts: NoticeOptions = {}): { unit: string; sheet: SheetModel }[] {
  const byUnit = new Map<string, RectItem[]>();
  for (const i of items) if (i.status !== '已整改') addTo(byUnit, i.unit, i);
  const taken = new Set<string>();
  return [...byUnit].map(([unit, mine]) => ({ unit, sheet: noticeSheet(unit, mine, params, opts, taken) }));
}

function noticeSheet(unit: string, mine: RectItem[], params: Params, opts: NoticeOptions, taken: Set<string>): SheetModel {
  const deadlines = mine.map((i) => i.deadline).filter((d): d is string => !!d).sort();
  const by = deadlines[0] ? `请于 ${cnDate(deadlines[0])}前` : '请尽快';
  const footer = [[opts.issuer ?? '党务办公室'], [`日期：${cnDate(params.asOf)}`]];
  if (opts.contact) footer.unshift([`联系方式：${maskPhone(opts.contact)}`]);
  return {
    name: sheetName(unit, taken),
    title: `关于${unit}网络阵地问题的整改通知`,
    subtitle: [
      `${unit}：`,
      `根据网络阵地检查（检查日期 ${cnDate(params.asOf)}）情况，你单位存在以下 ${mine.length} 个问题，${by}按要求完成整改，并将整改情况书面报送。`,
    ],
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '问题类型', width: 14, wrap: true },
      { header: '问题描述', width: 40, wrap: true },
      { header: '依据', width: 24, wrap: true },
      { header: '整改要求', width: 40, wrap: true },
      { header: '整改时限', width: 12, kind: 'date' },
      { header: '责任人', width: 10 },
    ],
    rows: mine.map((it, i) => [
      i + 1,
      it.type,
      maskPhone(it.description),
      it.basis,
      maskPhone(it.requirement),
      it.deadline ? { date: it.deadline } : null,
      it.owner,
    ]),
    print: { landscape: true, fitToWidth: true },
    blocks: [{ title: '', rows: footer }],
  };
}
