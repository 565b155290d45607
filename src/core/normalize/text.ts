/** Text helpers shared by every normaliser: width folding, header keys, "nothing to file" markers. */

/** Answers that mean "we have none of these"; compared after squash, so list them squashed. */
export const NOTHING_TO_FILE: readonly string[] = ['无', '暂无', '没有', '无此项', '不适用', '不涉及', '无需填写', '/', '—', '——', '-', '--', 'n/a', 'none'];

/** Whitespace JS `\s` covers plus the zero-width characters Excel users paste in. */
const SPACE_LIKE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/** Zero-width characters (pasted in from web pages and chats): never content, never a space. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const ONLY_INVISIBLE = /^[\u200B-\u200D\u2060\uFEFF]+$/;

/** `s` without zero-width characters. */
export function withoutInvisible(s: string): string {
  return s.search(INVISIBLE) < 0 ? s : s.replace(INVISIBLE, '');
}

/** Full-width ASCII (U+FF01–FF5E) to ASCII; ideographic space U+3000 to ' '. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  if (isPlain(s) || !FULL_WIDTH.test(s)) return s; // the common case, and a hot path
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Half-width, no whitespace at all, lower case: the form used for loose comparisons. */
export function squash(s: string): string {
  if (isPlain(s)) return s;
  return toHalfWidth(s).replace(SPACE_LIKE, '').toLowerCase();
}

/**
 * True when none of the normalisers here would change `s`: only lower-case ASCII letters, digits
 * and quiet punctuation, CJK ideographs and CJK punctuation (no case, no width, no space). Most
 * cell texts are like that, and a scan is far cheaper than the regular expressions.
 */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (!PLAIN_ASCII[c]) return false;
    } else if (!((c >= 0x4e00 && c <= 0x9fff) || (c > 0x3000 && c < 0x3040 && c !== 0x3010 && c !== 0x3011))) return false;
  }
  return true;
}

/** ASCII that squash, headerKey and cleanText keep as is: not a space or control, upper case, bracket, '*' or ':'. */
const PLAIN_ASCII = (() => {
  const t = new Uint8Array(128);
  for (let c = 0x21; c < 0x7f; c++) t[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = 0;
  for (const ch of '()[]*:') t[ch.charCodeAt(0)] = 0;
  return t;
})();

/** Bracketed notes in headers, e.g. "（QQ群、微信群等）"; an unclosed one runs to the end. */
const BRACKETED = [/\([^()]*(?:\)|$)/g, /\[[^[\]]*(?:\]|$)/g, /【[^【】]*(?:】|$)/g];

/** Key for matching column headers: notes in brackets, '*' marks and trailing colons are dropped. */
export function headerKey(s: string): string {
  if (isPlain(s)) return s;
  // Header texts repeat across thousands of files: remember them (bounded).
  let key = HEADER_KEYS.get(s);
  if (key === undefined) {
    key = computeHeaderKey(s);
    if (HEADER_KEYS.size >= 20_000) HEADER_KEYS.clear();
    HEADER_KEYS.set(s, key);
  }
  return key;
}

const HEADER_KEYS = new Map<string, string>();

function computeHeaderKey(s: string): string {
  let t = toHalfWidth(s);
  // Loop so nested brackets go too; this also makes headerKey idempotent.
  for (let prev = ''; prev !== t; ) {
    prev = t;
    for (const re of BRACKETED) t = t.replace(re, '');
  }
  return squash(t.replace(/\*/g, '')).replace(/:+$/, '');
}

/** JavaScript's `\s` (what trim() strips), for a character code. */
export function isSpace(ch: number): boolean {
  if (ch <= 0x20) return ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
  if (ch < 0xa0) return false;
  return ch === 0xa0 || ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff;
}

/** Trimmed, inner whitespace runs collapsed to one space. */
export function cleanText(s: string): string {
  if (isPlain(s)) return s;
  return s.replace(SPACE_LIKE, (run) => (ONLY_INVISIBLE.test(run) ? '' : ' ')).trim();
}

/** What online forms and databases write for a question left blank: (空), (跳过), null. */
/** First characters of those answers: most cells are ruled out without the pattern. */
const UNANSWERED_FIRST = new Set([0x28, 0xff08, 0x6e, 0x4e, 0x75, 0x55, 0x23]);
const UNANSWERED = /^(?:[(（]\s*(?:空|跳过|未填|未填写|未作答)\s*[)）]|null|undefined|nan|#n\/a)$/i;

/** Whether a text cell is an online form's or a database's mark of a question left blank. */
export function isUnanswered(v: string): boolean {
  return v.length <= 12 && UNANSWERED_FIRST.has(v.trimStart().charCodeAt(0)) && UNANSWERED.test(v.trim());
}

/** True for answers like '无', '暂无', '/', 'N/A' that say there is nothing to file. */
export function isNothingToFile(s: string): boolean {
  return NOTHING_TO_FILE.includes(squash(s));
}
