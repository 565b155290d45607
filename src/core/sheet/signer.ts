/** Reads the signer line (`填报单位： 单位负责人签名（盖章）： 填表人： 填表人电话：`). */
import { withoutInvisible } from '../normalize/text';

export interface Signer {
  unit: string | null;
  head: string | null;
  filler: string | null;
  fillerPhone: string | null;
  /** The line was there at all (any of its labels found). */
  present: boolean;
}

// Longest labels first so 填表人电话 is not read as 填表人.
const LABELS: [keyof Omit<Signer, 'present'> | null, RegExp][] = [
  // A bare 单位：/部门： only with its colon and at a word's start (not 所在单位：, not 单位负责人).
  ['unit', /(?:填报|报送)(?:单位|部门)(?:名称)?(?:[(（]\s*(?:盖章|公章|签章)\s*[)）])?|单位名称|单位[(（]\s*(?:盖章|公章|签章)\s*[)）]|(?<![\u4e00-\u9fff])(?:单位|部门)(?=\s*[:：])/g],
  ['head', /(?:(?:单位)?负责人|分管领导|主管领导)(?:签名|签字)?(?:[(（]\s*(?:签名|盖章|签字)\s*[)）])?/g],
  // 填表人及电话 / 填表人（电话） label a name and a phone together: split below.
  ['fillerPhone', /(?:填表人|填报人|经办人|联系人|制表人)(?:及|[(（]\s*)?(?:联系)?(?:电话|手机)(?:\s*[)）])?|联系电话|联系方式|手机号码|手机号|手机|电话号码|(?<![\u4e00-\u9fff])电话(?![\u4e00-\u9fff])/g],
  ['filler', /(?:填表人|填报人|经办人|联系人|制表人)(?:签字|签名)?(?:[(（]\s*(?:签字|签名)\s*[)）])?/g],
  // 日期：2024年11月15日 after a blank 单位（盖章）： is the date, never the unit's name.
  [null, /(?:填表|填报|报送)(?:日期|时间)|(?<![\u4e00-\u9fff])(?:日期|时间)(?=\s*[:：])/g],
];
const EMPTY: Signer = { unit: null, head: null, filler: null, fillerPhone: null, present: false };

/** Every label above holds one of these characters: a line without them has none. */
const LABEL_CHARS = /[填报单联手电部]/;

/** A mobile or a landline with its area code, bracketed or after a space, at the end of a name. */
const WITH_PHONE = /[\s(（,，、]*((?:1\d{10})|(?:0\d{2,3}-?\d{7,8}))[)）]?$/;

const MEASURE = /^(?:万?人|个|元|万元|次|户|篇|条|家|所|名)$/;
const NAME_THEN_PHONE = /^([^\d\s(（,，、]{2,8})[\s(（,，、]*((?:1\d{10})|(?:0\d{2,3}-?\d{7,8}))[)）]?$/;

/** Letter-spaced words (`填 报 单 位：`, 填表人 spaced with U+3000): three or more ideographs one space apart. */
const SPACED = /[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){2,}/g;

export function parseSigner(text: string): Signer {
  if (!LABEL_CHARS.test(text)) return { ...EMPTY };
  const line = text.replace(SPACED, (m) => m.replace(/[ \u3000]/g, ''));
  const hits: { key: keyof Omit<Signer, 'present'> | null; start: number; end: number }[] = [];
  const taken = new Array<boolean>(line.length).fill(false);
  for (const [key, re] of LABELS) {
    for (const m of line.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.slice(start, end).some(Boolean)) continue;
      for (let i = start; i < end; i++) taken[i] = true;
      hits.push({ key, start, end });
    }
  }
  if (!hits.length) return { ...EMPTY };
  hits.sort((a, b) => a.start - b.start);
  const out: Signer = { ...EMPTY, present: true };
  hits.forEach((h, i) => {
    const stop = hits[i + 1]?.start ?? line.length;
    let value = withoutInvisible(line.slice(h.end, stop)).replace(/^[\s:：]+/, '');
    // A value ends at a run of two or more spaces (the next label's padding).
    value = value.split(/\s{2,}|\u3000/)[0]!.replace(/[(（]\s*(?:盖章|签章|公章|签字|签名)\s*[)）]/g, '').replace(/^[\s:：]+/, '').trim();
    // 单位：人 above a table is a measure, not a unit.
    if (h.key === 'unit' && MEASURE.test(value)) return;
    if (h.key && value && !out[h.key]) out[h.key] = value;
  });
  // 填表人及电话：李敏 13800001111: the name written with the phone.
  if (out.fillerPhone && !out.filler) {
    const m = NAME_THEN_PHONE.exec(out.fillerPhone);
    if (m) {
      out.filler = m[1]!;
      out.fillerPhone = m[2]!;
    }
  }
  // 填表人：李敏（13800001111）: the phone written with the name.
  if (out.filler && !out.fillerPhone) {
    const m = WITH_PHONE.exec(out.filler);
    if (m) {
      out.fillerPhone = m[1]!;
      out.filler = out.filler.replace(m[0], '').trim() || null;
    }
  }
  return out;
}

/** Merges the signer parts found on several lines (first non-empty wins). */
export function mergeSigners(parts: Signer[]): Signer {
  const out: Signer = { ...EMPTY };
  for (const p of parts) {
    out.present ||= p.present;
    out.unit ??= p.unit;
    out.head ??= p.head;
    out.filler ??= p.filler;
    out.fillerPhone ??= p.fillerPhone;
  }
  return out;
}
