/** Domain rules on one sheet's normalised rows (RULES.md "Domain rules", per-sheet part). */
import type { Finding, Place } from '../findings';
import type { FormId } from '../forms/ids';
import { PARTY_SITE_COLUMNS, SUGGESTED_COLUMNS } from '../forms/templates';
import { daysBetween, parseDate } from '../normalize/date';
import { isNothingToFile, squash } from '../normalize/text';
import { urlHost } from '../normalize/url';
import { cellOf, type NormalRow } from './cells';
import * as R from './catalog';

export interface DomainParams {
  asOf: string;
  staleWarnDays: number;
  staleErrorDays: number;
  bigvThreshold: number;
  /** Every school site must sit under this domain (seed 002: hbjy.net); empty = not checked. */
  websiteDomain?: string;
}

export type UnitKind = 'teaching' | 'other';

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const YES = '是';
const NO = '否';
const filled = (v: unknown) => str(v) !== '' && !isNothingToFile(str(v));

function at(ctx: Place, row: NormalRow, key: string): Place {
  return { ...ctx, cell: cellOf(row, key) };
}

function missingColumns(text: string, wanted: readonly (readonly string[])[]): readonly string[] {
  // Sites of a batch list the same few column texts: each text is searched once (bounded).
  let known = MISSING.get(wanted);
  if (!known) MISSING.set(wanted, (known = new Map()));
  let missing = known.get(text);
  if (missing === undefined) {
    const have = squash(text);
    const lists = squashedLists(wanted);
    missing = wanted.filter((_, i) => !lists[i]!.some((a) => have.includes(a))).map((alts) => alts[0]!);
    if (known.size >= 5_000) known.clear();
    known.set(text, missing);
  }
  return missing;
}

/** Per list of wanted columns: column text → the columns it lacks. */
const MISSING = new WeakMap<readonly (readonly string[])[], Map<string, readonly string[]>>();

const PARTY_LISTS = PARTY_SITE_COLUMNS.map((c) => [c]);

/** Each list of column names squashed once. */
const SQUASHED = new WeakMap<readonly (readonly string[])[], string[][]>();
function squashedLists(wanted: readonly (readonly string[])[]): string[][] {
  let lists = SQUASHED.get(wanted);
  if (!lists) SQUASHED.set(wanted, (lists = wanted.map((alts) => alts.map(squash))));
  return lists;
}

export { urlHost };

/** `xxx.hbjy.net` (any depth) is under `hbjy.net`; the domain itself and look-alikes are not. */
export function underDomain(url: string, domain: string): boolean {
  const d = urlHost(domain).replace(/^\*?\./, '');
  return !!d && urlHost(url).endsWith(`.${d}`);
}

function columnsPlace(ctx: Place, r: NormalRow): Place {
  return { ...ctx, cell: cellOf(r, 'columns') ?? cellOf(r, 'name') };
}

function siteDomain(r: NormalRow, site: string, ctx: Place, domain: string, out: Finding[]): void {
  const url = str(r.values.url).trim();
  if (!url) out.push(R.websiteUrlMissing.at({ ...ctx, cell: cellOf(r, 'url') ?? cellOf(r, 'name') }, { site, domain }));
  else if (!underDomain(url, domain)) out.push(R.websiteDomain.at(at(ctx, r, 'url'), { site, url, domain }));
}

function website(rows: NormalRow[], ctx: Place, p: DomainParams, kind: UnitKind, out: Finding[]): void {
  const domain = p.websiteDomain?.trim() ?? '';
  for (const r of rows) {
    const site = str(r.values.name) || '（未命名网站）';
    if (domain) siteDomain(r, site, ctx, domain, out);
    const last = r.values.lastUpdate;
    // An invalid date keeps its text as value; only a real calendar date counts here.
    if (typeof last === 'string' && parseDate({ t: 's', v: last }).ok && last <= p.asOf) {
      const days = daysBetween(last, p.asOf);
      if (days > p.staleErrorDays) out.push(R.websiteStaleLong.at(at(ctx, r, 'lastUpdate'), { site, date: last, days, limit: p.staleErrorDays }));
      else if (days > p.staleWarnDays) out.push(R.websiteStale.at(at(ctx, r, 'lastUpdate'), { site, date: last, days, limit: p.staleWarnDays }));
    }
    if (!('columns' in r.values)) continue;
    const columns = str(r.values.columns);
    if (site.includes('党建')) {
      const missing = missingColumns(columns, PARTY_LISTS);
      if (missing.length) out.push(R.websiteColumnsIncomplete.at(columnsPlace(ctx, r), { site, missing }));
    } else {
      const missing = missingColumns(columns, SUGGESTED_COLUMNS[kind]);
      if (missing.length) out.push(R.websiteColumnsSuggested.at(columnsPlace(ctx, r), { site, missing }));
    }
  }
}

const STUDENT_WORD = /^(?:学生|在校生|在校学生|本科生|研究生|学生\(.*\)|学生（.*）)$/;
const TEACHER_WORD = /^(?:教师|老师|教职工|教工|在职教师)$/;

function bigv(rows: NormalRow[], ctx: Place, p: DomainParams, out: Finding[]): void {
  for (const r of rows) {
    const followers = r.values.followers;
    const name = str(r.values.accountName) || str(r.values.accountId);
    if (typeof followers === 'number' && followers < p.bigvThreshold) {
      out.push(R.bigvBelowThreshold.at(at(ctx, r, 'followers'), { name, followers, threshold: p.bigvThreshold }));
    }
    if (!('title' in r.letters) && !('major' in r.letters)) continue;
    // '/', '无', '—' in the other column say "not applicable", as a blank does; so does 学生 in
    // 职务职称 (or 教师 in 专业年级): the category named, not a title.
    const teacher = filled(r.values.title) && !STUDENT_WORD.test(str(r.values.title));
    const student = filled(r.values.major) && !TEACHER_WORD.test(str(r.values.major));
    if (teacher === student) {
      const key = teacher ? 'major' : 'title' in r.letters ? 'title' : 'major';
      out.push(R.bigvCategory.at(at(ctx, r, key), { person: str(r.values.person) || name, both: teacher }));
    }
  }
}

function group(rows: NormalRow[], ctx: Place, out: Finding[]): void {
  for (const r of rows) {
    if (r.values.realName === NO) out.push(R.groupNotRealName.at(at(ctx, r, 'realName'), { group: str(r.values.name) }));
  }
}

function zombie(rows: NormalRow[], ctx: Place, out: Finding[]): void {
  for (const r of rows) {
    if (r.values.cleaned === YES && str(r.values.cleanDate) === '') {
      const place: Place = { ...ctx, cell: cellOf(r, 'cleanDate') ?? cellOf(r, 'cleaned') };
      out.push(R.zombieDateMissing.at(place, { group: str(r.values.name) }));
    }
    // A zombie group found and kept (是否已清理 = 否): DOMAIN §3's "zombie group kept".
    if (r.values.cleaned === NO) out.push(R.zombieNotCleaned.at(at(ctx, r, 'cleaned'), { group: str(r.values.name) }));
  }
}

export function checkDomain(form: FormId, rows: NormalRow[], ctx: Place, p: DomainParams, kind: UnitKind): Finding[] {
  const out: Finding[] = [];
  if (form === 'website') website(rows, ctx, p, kind, out);
  else if (form === 'bigv') bigv(rows, ctx, p, out);
  else if (form === 'group') group(rows, ctx, out);
  else if (form === 'zombie') zombie(rows, ctx, out);
  return out;
}

/** 教学单位 when the roster says so; without a roster, a name ending in 学院/系 is taken as one. */
export function unitKind(category: string | null, unit: string): UnitKind {
  if (category) return category === '教学单位' ? 'teaching' : 'other';
  return /(学院|系|分院)$/.test(unit) ? 'teaching' : 'other';
}
