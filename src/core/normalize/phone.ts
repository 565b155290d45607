/** Contact numbers: mobiles, landlines with area code and extension, campus short numbers. */
import type { Cell } from '../grid';
import { toHalfWidth, withoutInvisible } from './text';

export interface Phone {
  /** The piece of the cell this number came from, as written but trimmed. */
  raw: string;
  /** Every digit of the number without separators (landline: area + local + extension). */
  digits: string;
  kind: 'mobile' | 'landline' | 'short';
  /** '13800002222', '0668-2923456', '010-12345678-123', '61234'. */
  display: string;
  /** A landline kept in a number cell, its leading 0 lost to the format (2787654321 → 027-87654321). */
  lostZero?: true;
}

export interface PhoneResult {
  phones: Phone[];
  /** Pieces that are not a number we recognise, as written. */
  invalid: string[];
  /** True when there was nothing at all (no phones and no invalid pieces). */
  blank: boolean;
}

/** Between numbers in one cell, half- and full-width. */
const SEPARATORS = /[/／、,，;；|｜\n\r]|或/;
/** Inside one number: spaces, dashes and brackets carry no meaning. */
const FILLER = /[\s\-—–－()]/g;
const EXTENSION = /转分机|转|分机|ext\.?|#/;
const MOBILE = /^1[3-9]\d{9}$/;

interface Parsed {
  kind: Phone['kind'];
  digits: string;
  display: string;
}

/** Area codes 010 and 020–029 have 3 digits, all others 4; local numbers never start with 0. */
function landline(digits: string, ext: string): Parsed | null {
  if (!/^0[1-9]/.test(digits)) return null;
  const areaLen = /^0[12]/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLen);
  const local = digits.slice(areaLen);
  if (!/^[1-9]\d{6,7}$/.test(local)) return null;
  const display = ext ? `${area}-${local}-${ext}` : `${area}-${local}`;
  return { kind: 'landline', digits: area + local + ext, display };
}

/**
 * Without China's country code: +86 138…, and a landline written the international way
 * (+86-716-8060000, +86 0716 8060000) gets its trunk 0 back. A landline needs the '+' or 00
 * before 86: local numbers never start with 0, so only those say the 86 is no part of it.
 */
function dropCountryCode(digits: string, international: boolean): string {
  const m = /^(?:\+?86|0086)(1\d{10})$/.exec(digits);
  if (m) return m[1]!;
  const l = international ? /^(?:\+86|0086)0?([1-9]\d{8,10})$/.exec(digits) : null;
  return l ? `0${l[1]!}` : digits;
}

function parseOne(text: string): Parsed | null {
  const s = toHalfWidth(text).toLowerCase();
  const [main = '', ext = '', ...rest] = s.split(EXTENSION);
  if (rest.length > 0) return null;
  const extDigits = ext.replace(FILLER, '');
  if (ext !== '' && !/^\d{1,6}$/.test(extDigits)) return null;
  const digits = dropCountryCode(main.replace(FILLER, ''), /^\s*[(]?\s*(?:\+|00)/.test(main));
  if (!/^\d+$/.test(digits)) return null;
  if (!ext) {
    if (MOBILE.test(digits)) return { kind: 'mobile', digits, display: digits };
    if (/^\d{5,6}$/.test(digits)) return { kind: 'short', digits, display: digits };
  }
  const plain = landline(digits, extDigits);
  if (plain || ext) return plain;
  // '010-12345678-123': the last dash group may be an extension.
  const m = /^(.*\d)\s*[-—–]\s*(\d{1,6})\s*$/.exec(main);
  return m ? landline(m[1]!.replace(FILLER, ''), m[2]!) : null;
}

/**
 * One number with words around it: a label (手机：, tel:), a name (王老师), a note in brackets
 * ((微信同号), （办）), or a float's '.0'. The digits themselves are never touched, so a short or
 * mistyped number stays invalid.
 */
function withoutWords(raw: string): string {
  const t = toHalfWidth(raw)
    .replace(/\([^()]*[^\d\s()-][^()]*\)/g, ' ')
    .replace(/^(\d{11})\.0+$/, '$1')
    .trim();
  const m = /^[^\d+(]*?[:：]?\s*([+(\d][\d\s\-—–()+]*\d(?:\s*(?:转分机|转|分机|ext\.?|#)\s*\d{1,6})?)[^\d]*$/i.exec(t);
  return m ? m[1]! : raw;
}

/** Space-separated parts with a label word alone ('手机：', '办公') joined to the number after it. */
function labelled(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!/\d/.test(p) && i + 1 < parts.length) parts[i + 1] = p + parts[i + 1]!;
    else out.push(p);
  }
  return out;
}

/** '0668-2923456/2923457': a bare local number after a landline shares its area code. */
function sameArea(raw: string, prev: Phone | undefined): Parsed | null {
  if (prev?.kind !== 'landline' || !/^[1-9]\d{6,7}$/.test(raw)) return null;
  const area = prev.display.split('-')[0]!;
  return landline(area + raw, '');
}

function cellString(input: Cell | string | null | undefined): string {
  if (input == null) return '';
  if (typeof input === 'string') return input;
  // Integer formatting: a long number must not come out as '1.38e+10' (a safe integer never does).
  if (input.t === 'n' && Number.isSafeInteger(input.v)) return String(input.v);
  return String(input.v);
}

/** Splits a contact cell into numbers; pieces that are not numbers go to `invalid`. */
export function parsePhones(input: Cell | string | null | undefined): PhoneResult {
  const written = cellString(input);
  // One plain mobile number: most contact cells, and no piece to split or clean.
  if (written.length === 11 && MOBILE.test(written)) return { phones: [{ raw: written, kind: 'mobile', digits: written, display: written }], invalid: [], blank: false };
  const text = withoutInvisible(written);
  if (typeof input === 'object' && input?.t === 'n') {
    const lost = lostZero(text);
    if (lost) return { phones: [lost], invalid: [], blank: false };
  }
  const phones: Phone[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(SEPARATORS)) {
    const raw = piece.trim();
    if (raw === '') continue;
    const one = parseOne(raw) ?? parseOne(withoutWords(raw)) ?? sameArea(raw, phones[phones.length - 1]);
    // Numbers separated only by spaces: accept when every part is a full mobile or landline
    // (short numbers are left out so a mistyped '13800 02222' is not read as two of them).
    const parts = one ? [] : labelled(raw.split(/\s+/));
    const several = parts.length > 1 ? parts.map((p) => parseOne(p) ?? parseOne(withoutWords(p))) : [];
    if (one) phones.push({ raw, ...one });
    else if (several.length > 0 && several.every((p) => p !== null && p.kind !== 'short')) {
      several.forEach((p, i) => phones.push({ raw: parts[i]!, ...p! }));
    } else invalid.push(raw);
  }
  return { phones, invalid, blank: phones.length === 0 && invalid.length === 0 };
}

/**
 * A number cell's digits that are no number as they stand but a landline once the 0 a number
 * format drops is put back: area code 0xx/0xxx, local number of 7–8 digits, nothing else.
 */
function lostZero(text: string): Phone | null {
  if (!/^[1-9]\d{8,10}$/.test(text) || MOBILE.test(text) || parseOne(text)) return null;
  const p = landline(`0${text}`, '');
  return p ? { raw: text, ...p, lostZero: true } : null;
}

function maskParsed(p: Parsed): string {
  if (p.kind === 'mobile') return `${p.digits.slice(0, 3)}****${p.digits.slice(-4)}`;
  if (p.kind === 'short') return '*'.repeat(p.digits.length - 2) + p.digits.slice(-2);
  const [area = '', local = '', ext] = p.display.split('-');
  return `${area}-****${local.slice(-4)}${ext ? `-${ext}` : ''}`;
}

/**
 * Masks numbers for reports: mobile '138****5678', landline '0668-****3456' (an extension stays
 * visible), short '***45' (all but the last two digits). Several numbers are masked each and joined
 * with '/'. Anything not fully recognised keeps its first 3 characters and masks the rest.
 */
export function maskPhone(p: string): string {
  const result = parsePhones(p);
  if (result.invalid.length === 0 && result.phones.length > 0) return result.phones.map(maskParsed).join('/');
  const chars = Array.from(p.trim());
  return chars.slice(0, 3).join('') + '*'.repeat(Math.max(0, chars.length - 3));
}
