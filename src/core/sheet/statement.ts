/**
 * A unit's written statement in place of the forms (a Word 情况说明 with no table): "经排查，我单位无
 * 网站、新媒体平台、工作群组及网络大V". The forms it says the unit has none of count as filed with 无.
 */
import type { FormId } from '../forms/ids';
import { cellText, type SheetGrid } from '../grid';
import { squash } from '../normalize/text';
import { mergeSigners, parseSigner, type Signer } from './signer';

/** Words naming each form's platforms, compared squashed. */
const FORM_WORDS: readonly [FormId, RegExp][] = [
  ['website', /网站/],
  ['newmedia', /新媒体|公众号|微博|抖音|视频号|快手|b站|小红书/],
  ['zombie', /僵尸/],
  ['group', /工作群|群组|微信群|qq群|钉钉群/],
  ['bigv', /大v/],
];
const ALL_FORMS = FORM_WORDS.map(([f]) => f);
/** What says "none": 无, 没有, 未开设 …; 无需 / 无误 say something else. */
const NONE = /(?:无(?!需|误|法|论|关)|没有|未(?:开设|建立|开通|注册|设立|建设)|不存在)/;
/** "None at all": 无任何网络阵地, 以上均无. */
const NONE_AT_ALL = /无任何(?:网络)?(?:阵地|平台|账号)|(?:以上|上述|各类)?(?:均|都|皆)(?:无|没有)/;

/** The forms a statement says the unit has none of, in template order; empty when it says no such thing. */
export function statementForms(lines: readonly string[]): FormId[] {
  const found = new Set<FormId>();
  for (const sentence of lines.join('\n').split(/[。；;！!\n]/)) {
    const s = squash(sentence);
    const m = NONE.exec(s);
    if (!m) continue;
    const named = (t: string) => FORM_WORDS.filter(([, re]) => re.test(t)).map(([f]) => f);
    // 网站、新媒体…均无: the platforms stand before; 无网站、新媒体…: after.
    const forms = NONE_AT_ALL.test(s) ? (named(s).length ? named(s) : ALL_FORMS) : named(s.slice(m.index));
    for (const f of forms) found.add(f);
  }
  return ALL_FORMS.filter((f) => found.has(f));
}

/** A document's running text read as a statement: the forms it declares none of, and its signer lines. */
export function proseStatement(sheets: readonly SheetGrid[]): { sheet: string; forms: FormId[]; signer: Signer } | null {
  const prose = sheets.find((s) => s.prose);
  if (!prose) return null;
  const lines = prose.rows.map((r) => r.map((c) => cellText(c)).join(' ').trim()).filter(Boolean);
  const forms = statementForms(lines);
  return forms.length ? { sheet: prose.name, forms, signer: mergeSigners(lines.map(parseSigner)) } : null;
}
