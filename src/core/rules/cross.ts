/** Rules across sheets, units and forms: run on the consolidated tables. */
import { Repeats } from '../group';
import type { Finding } from '../findings';
import type { FormId } from '../forms/ids';
import { formById } from '../forms/templates';
import { isNothingToFile, squash } from '../normalize/text';
import { siteKey } from '../normalize/url';
import type { ConsolidatedRow } from '../model';
import { cellOf } from './cells';
import * as R from './catalog';

export interface SignerContact {
  unit: string;
  file: string;
  sheet: string | null;
  name: string;
  phones: string[];
}

type Tables = Record<FormId, ConsolidatedRow[]>;

/** Names listed in a cross-unit message; past that a count, so a report grows linearly with the batch. */
const NAMES_SHOWN = 3;

/** Up to NAMES_SHOWN of `names` other than `self`, and how many others there are. */
function othersOf(names: string[], self: string | null): { shown: string[]; count: number } {
  const shown: string[] = [];
  let count = 0;
  for (const n of names) {
    if (n === self) continue;
    count++;
    if (shown.length < NAMES_SHOWN) shown.push(n);
  }
  return { shown, count };
}
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function place(r: ConsolidatedRow, key: string, form: FormId) {
  return { unit: r.unit, file: r.file, sheet: r.sheet, cell: cellOf(r, key), form };
}

/** A group marked cleaned in `zombie` and still listed in the same unit's `group` sheet. */
function zombieStillRegistered(t: Tables): Finding[] {
  // By unit, then squashed name: no joined key string per row.
  const cleaned = new Map<string, Map<string, ConsolidatedRow>>();
  for (const z of t.zombie) {
    if (z.values.cleaned !== '是' || !str(z.values.name)) continue;
    let names = cleaned.get(z.unit);
    if (!names) cleaned.set(z.unit, (names = new Map()));
    names.set(squash(str(z.values.name)), z);
  }
  const out: Finding[] = [];
  if (!cleaned.size) return out;
  for (const g of t.group) {
    const z = cleaned.get(g.unit)?.get(squash(str(g.values.name)));
    if (z) out.push(R.zombieStillRegistered.at(place(g, 'name', 'group'), { group: str(g.values.name), where: `《${formById('zombie').label}》${z.sheet}!${cellOf(z, 'name') ?? ''}` }));
  }
  return out;
}

/** A student's word, or a class year, where only a student's would stand. */
const STUDENT = /^(?:学生|本科生|研究生|专科生|硕士生|博士生|在校生)(?:[(（].*)?$|\d{2,4}[级届]|^大[一二三四五]$|[一二三四五]年级/;
/** An extra column saying who the person is (类别（教师/学生）, 身份). */
const WHO_HEADER = /类别|身份/;

/**
 * Whether a bigv row is a student's: 专业年级 without 职务职称, or 学生 (a class year) written in
 * 职务职称 or in a 类别 / 身份 column of its own.
 */
function isStudent(b: ConsolidatedRow): boolean {
  const title = filledText(b.values.title);
  if (filledText(b.values.major) && !title) return true;
  if (STUDENT.test(title)) return true;
  for (const [header, v] of Object.entries(b.extras)) if (WHO_HEADER.test(header) && STUDENT.test(squash(v))) return true;
  return false;
}

function filledText(v: unknown): string {
  const t = squash(str(v));
  return t && !isNothingToFile(t) ? t : '';
}

/** Phones of students (isStudent) given for new-media accounts. */
function accountStudentPhone(t: Tables): Finding[] {
  const students = new Map<string, string>();
  for (const b of t.bigv) if (isStudent(b)) for (const p of b.phones) students.set(p, str(b.values.person));
  const out: Finding[] = [];
  for (const n of t.newmedia) {
    for (const p of n.phones) {
      const s = students.get(p);
      if (s !== undefined) out.push(R.accountStudentPhone.at(place(n, 'phone', 'newmedia'), { phone: p, student: s }));
    }
  }
  return out;
}

const DUP_KEYS: { form: FormId; key: (r: ConsolidatedRow) => string; what: (r: ConsolidatedRow) => string; cell: string }[] = [
  { form: 'newmedia', key: (r) => account(r), what: (r) => `账号“${str(r.values.platform)} ${str(r.values.accountId)}”`, cell: 'accountId' },
  { form: 'bigv', key: (r) => account(r), what: (r) => `账号“${str(r.values.platform)} ${str(r.values.accountId)}”`, cell: 'accountId' },
  { form: 'group', key: (r) => squash(str(r.values.name)), what: (r) => `工作群“${str(r.values.name)}”`, cell: 'name' },
  { form: 'website', key: (r) => siteKey(str(r.values.url)) || squash(str(r.values.name)), what: (r) => `网站“${str(r.values.name)}”`, cell: 'name' },
];

function account(r: ConsolidatedRow): string {
  // @hl_dy and hl_dy are one handle: platforms show it with the @.
  const id = squash(str(r.values.accountId)).replace(/^@/, '');
  return id ? `${squash(str(r.values.platform))}|${id}` : '';
}

/** The same account, group or website filed by two units: one finding per unit's row. */
function dupAcrossUnits(t: Tables): Finding[] {
  const out: Finding[] = [];
  for (const d of DUP_KEYS) {
    const byKey = new Repeats<string, ConsolidatedRow>();
    for (const r of t[d.form]) {
      const k = d.key(r);
      if (k) byKey.add(k, r);
    }
    for (const [, rows] of byKey.repeated()) {
      const first = rows[0]!.unit;
      if (rows.every((r) => r.unit === first)) continue;
      const units = [...new Set(rows.map((r) => r.unit))];
      for (const r of rows) {
        const { shown, count } = othersOf(units, r.unit);
        out.push(R.dupAcrossUnits.at(place(r, d.cell, d.form), { what: d.what(r), others: shown, count }));
      }
    }
  }
  return out;
}

/** Between two people's names in one cell. */
// Not a space: a two-character name padded to three with a space is one name.
const NAME_SEPARATORS = /[、,，;；/／]+/;

/** Where a phone is given: a row of a form (its owner) or a signer line. */
type Use = { name: string; unit: string; file: string; row: ConsolidatedRow | null; form: FormId | null; signer: SignerContact | null };
/** A phone's first holder and the uses of it by other names: most numbers are one person's, on many rows. */
type Holder = { name: string; key: string; unit: string; others: Use[] | null };

/**
 * A person's name as compared: 李娜 padded with U+3000, 李娜（老师） and 李娜老师 are one person. Spaces pad names
 * to the width of three-character ones; a bracket or a courtesy word says who, not another who.
 */
export function personKey(name: string): string {
  const k = squash(name).replace(/[(（【[][^)）】\]]*[)）】\]]/g, '');
  const bare = k.replace(/(?:老师|同志|先生|女士|同学)$/, '');
  return bare.length >= 2 ? bare : k;
}

/** Records `name` using `phone`: the list to add the use to when that name is not its first holder's, else null. */
function otherHolder(holders: Map<string, Holder>, phone: string, name: string, unit: string): Use[] | null {
  const key = personKey(name);
  const h = holders.get(phone);
  if (!h) {
    holders.set(phone, { name, key, unit, others: null });
    return null;
  }
  return h.key === key ? null : (h.others ??= []);
}

/** One phone given for two different names, over every form's owner and the signer lines. */
function contactConflict(t: Tables, signers: SignerContact[]): Finding[] {
  // A use is kept only when its name differs from the first: uses by the first holder are never reported.
  const at = (u: Use) => (u.row ? place(u.row, formById(u.form!).owner.phone, u.form!) : { unit: u.unit, file: u.file, sheet: u.signer!.sheet, cell: null, form: null });
  const holders = new Map<string, Holder>();
  for (const form of Object.keys(t) as FormId[]) {
    const owner = formById(form).owner;
    for (const r of t[form]) {
      if (!r.phones.length) continue;
      const name = str(r.values[owner.name]).trim();
      if (!name) continue;
      // 李敏、赵强 with 13800001111/13900002222: each their own, in order. With fewer phones than
      // names nobody can tell whose a phone is: no claim is made for it.
      const names = name.split(NAME_SEPARATORS).filter(Boolean);
      if (names.length > 1 && names.length !== r.phones.length) continue;
      r.phones.forEach((p, i) => {
        const who = names.length > 1 ? names[i]! : name;
        otherHolder(holders, p, who, r.unit)?.push({ name: who, unit: r.unit, file: r.file, row: r, form, signer: null });
      });
    }
  }
  for (const s of signers) for (const p of s.phones) otherHolder(holders, p, s.name, s.unit)?.push({ name: s.name, unit: s.unit, file: s.file, row: null, form: null, signer: s });
  const out: Finding[] = [];
  for (const [phone, h] of holders) {
    const others = h.others;
    if (!others) continue;
    // Each person once, with the unit that first gave the number for them.
    const byKey = new Map<string, { name: string; unit: string }>();
    for (const x of [h, ...others]) {
      const k = personKey(x.name);
      if (!byKey.has(k)) byKey.set(k, { name: x.name, unit: x.unit });
    }
    const people = [...byKey.values()].slice(0, NAMES_SHOWN);
    // Report where the number is used by someone other than its first holder; a person of
    // another unit is named with it, so the unit knows whom to ask.
    const seen = new Set<string>();
    for (const u of others) {
      const k = `${personKey(u.name)}|${u.unit}|${u.file}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const names = people.map((p) => (p.unit === u.unit ? p.name : `${p.name}（${p.unit}）`));
      out.push(R.contactConflict.at(at(u), { phone, names, count: byKey.size }));
    }
  }
  return out;
}

export function checkCross(t: Tables, signers: SignerContact[]): Finding[] {
  const out = zombieStillRegistered(t);
  for (const found of [accountStudentPhone(t), dupAcrossUnits(t), contactConflict(t, signers)]) for (const f of found) out.push(f);
  return out;
}
