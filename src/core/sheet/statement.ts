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
/** What says "none" right before the platforms it names: 无网站, 没有僵尸群, 未开设公众号, 不存在僵尸群. */
const NONE = /(?:无|没有|未(?:开设|建立|开通|注册|设立|建设)|不存在)(?:任何)?/g;
/** A listed item is a platform when it ends as one: 网站, 新媒体平台, 工作群组, 网络大V (not 网络大V台账, not 专人维护). */
const PLATFORM_END = /(?:网站|平台|账号|帐号|公众号|微博|抖音|快手|视频号|b站|小红书|群|群组|大v)$/;
/** Items of one list: 网站、新媒体平台、工作群组及网络大V. A comma starts another clause. */
const LIST_SEPARATOR = /[、及和与或/]/;
/** The whole sentence says none of what it lists: 网站、公众号、微信群均无 (and nothing after: 均无变化 says something else). */
const ALL_NONE_AFTER = /(?:均|都|皆|全部)(?:无|没有)$/;
/** None of any platform: 无任何网络阵地 / 网络平台, the sentence ending there. */
const NONE_AT_ALL = /无任何(?:网络)?(?:阵地|平台|账号)(?:及[^,，]*)?$/;

/** The forms an item names; a 僵尸 group is a zombie group only, not a work group as well. */
const formsIn = (t: string): FormId[] => (/僵尸/.test(t) ? ['zombie'] : FORM_WORDS.filter(([, re]) => re.test(t)).map(([f]) => f));

/** The items after a 无 that are platforms, up to the first that is not. */
function listedAfter(tail: string): FormId[] {
  const out: FormId[] = [];
  for (const item of tail.split(/[,，:：(（]/)[0]!.split(LIST_SEPARATOR)) {
    if (!item || !PLATFORM_END.test(item) || !formsIn(item).length) break;
    out.push(...formsIn(item));
  }
  return out;
}

/**
 * The forms a statement says the unit has none of, in template order; empty when it says no
 * such thing. Strict on purpose: a statement fills forms with 无, so 网站目前无专人维护, 均无违规信息
 * or 尚未建立网络大V台账 must declare nothing.
 */
export function statementForms(lines: readonly string[]): FormId[] {
  const found = new Set<FormId>();
  for (const sentence of lines.join('\n').split(/[。；;！!\n]/)) {
    const s = squash(sentence).replace(/[.。]+$/, '');
    if (NONE_AT_ALL.test(s)) for (const f of ALL_FORMS) found.add(f);
    else if (ALL_NONE_AFTER.test(s)) {
      const before = s.replace(ALL_NONE_AFTER, '').replace(/^.*?(?:单位|本院|我院|部门)/, '');
      const items = before.split(LIST_SEPARATOR);
      if (items.every((i) => PLATFORM_END.test(i) && formsIn(i).length)) for (const i of items) for (const f of formsIn(i)) found.add(f);
    } else for (const m of s.matchAll(NONE)) for (const f of listedAfter(s.slice(m.index! + m[0].length))) found.add(f);
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
