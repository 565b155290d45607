/**
 * A small, strict, forward-only XML tag scanner for the value parts of an .xlsx (no DOM, no DTD,
 * no entity expansion beyond the five predefined entities and numeric character references).
 * Element and attribute names are matched by local name, so `<x:c>` reads like `<c>`.
 * Malformed input (unterminated tags, mismatched end tags, unclosed elements) throws XmlError.
 */

export class XmlError extends Error {}

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOT = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUEST = 0x3f;

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
}

function localName(qname: string): string {
  const k = qname.indexOf(':');
  return k < 0 ? qname : qname.slice(k + 1);
}

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|apos|quot));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Decodes the five predefined entities and numeric character references; anything else stays as is. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (all: string, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named]!;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return all;
    return String.fromCodePoint(cp);
  });
}

/** Text content: XML line-end normalisation, then entities. */
export function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return decodeEntities(raw);
}

/** Attribute values: XML attribute-value normalisation (literal tabs and line ends become spaces), then entities. */
function decodeAttr(raw: string): string {
  if (hasTabOrLineEnd(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return decodeEntities(raw);
}

function hasTabOrLineEnd(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x09 || ch === 0x0a || ch === 0x0d) return true;
  }
  return false;
}

const XSTRING = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML ST_Xstring escapes: `_x000D_` → '\r' (and `_x005F_` → '_', which is how a literal `_x…_` is written). */
export function decodeXString(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(XSTRING, (_all: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Slots of the scanner's tag-name cache (a power of two). */
const NAME_SLOTS = 64;

export class Scanner {
  private pos = 0;
  /** Qualified names of the open elements, and their local names. */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  /** Local name of the tag just read. */
  name = '';
  /** Whether the start tag just read was `<… />` (no CLOSE follows for it). */
  selfClosing = false;
  private attrStart = 0;
  private attrEnd = 0;
  private attrsRead = false;
  /** Per attribute read: start and end of its local name, start and end of its raw value. */
  private readonly attrPos: number[] = [];
  private attrCount = 0;
  /** Tag names seen lately (qualified, local): the same few names repeat on every row and cell. */
  private readonly qnames: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS);
  private readonly lnames: string[] = new Array<string>(NAME_SLOTS);

  constructor(private readonly s: string) {}

  /** Where the scanner is: just past the tag read last. */
  get offset(): number {
    return this.pos;
  }

  /** Moves on to `pos`, after the caller has read what lies before it (balanced, within the open element). */
  seek(pos: number): void {
    this.pos = pos;
  }

  /** Open elements, counting the one just opened (a self-closing tag is not counted). */
  get depth(): number {
    return this.stack.length;
  }

  /** Next start (OPEN) or end (CLOSE) tag; END at the end of input. Text between tags is skipped. */
  next(): number {
    const s = this.s;
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) {
        if (this.stack.length) throw new XmlError('unclosed element');
        this.pos = s.length;
        return END;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.closeTag(lt);
        return CLOSE;
      }
      if (c === QUEST) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) throw new XmlError('unterminated processing instruction');
        this.pos = end + 2;
        continue;
      }
      if (c === BANG) {
        this.pos = this.skipMarkup(lt);
        continue;
      }
      this.openTag(lt);
      return OPEN;
    }
  }

  private skipMarkup(lt: number): number {
    const s = this.s;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      return end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unterminated CDATA');
      return end + 3;
    }
    throw new XmlError('markup declaration'); // DOCTYPE / ENTITY: never legitimate here
  }

  private closeTag(lt: number): void {
    const s = this.s;
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) throw new XmlError('unterminated end tag');
    let e = gt;
    while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
    const open = this.stack.pop();
    if (open === undefined || open.length !== e - lt - 2 || !s.startsWith(open, lt + 2)) throw new XmlError('mismatched end tag');
    this.name = this.locals.pop()!;
    this.selfClosing = false;
    this.pos = gt + 1;
  }

  private openTag(lt: number): void {
    const s = this.s;
    const n = s.length;
    let i = lt + 1;
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch === GT || ch === SLASH || isSpace(ch)) break;
    }
    if (i === lt + 1 || i >= n) throw new XmlError('bad start tag');
    const len = i - lt - 1;
    const slot = (s.charCodeAt(lt + 1) * 31 + s.charCodeAt(i - 1) + len * 7) & (NAME_SLOTS - 1);
    let qname = this.qnames[slot];
    let local: string;
    if (qname !== undefined && qname.length === len && s.startsWith(qname, lt + 1)) local = this.lnames[slot]!;
    else {
      qname = s.slice(lt + 1, i);
      local = localName(qname);
      this.qnames[slot] = qname;
      this.lnames[slot] = local;
    }
    let j = i;
    for (;;) {
      if (j >= n) throw new XmlError('unterminated start tag');
      const ch = s.charCodeAt(j);
      if (ch === GT) break;
      if (ch === QUOT || ch === APOS) {
        const q = s.indexOf(ch === QUOT ? '"' : "'", j + 1);
        if (q < 0) throw new XmlError('unterminated attribute');
        j = q + 1;
      } else if (ch === LT) {
        throw new XmlError('bad start tag');
      } else j++;
    }
    this.selfClosing = s.charCodeAt(j - 1) === SLASH;
    this.attrStart = i;
    this.attrEnd = this.selfClosing ? j - 1 : j;
    this.attrsRead = false;
    if (!this.selfClosing) {
      this.stack.push(qname);
      this.locals.push(local);
    }
    this.name = local;
    this.pos = j + 1;
  }

  private readAttrs(): void {
    const s = this.s;
    const end = this.attrEnd;
    const pos = this.attrPos;
    let i = this.attrStart;
    let k = 0;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) break;
      const nameStart = i;
      let localStart = -1;
      while (i < end) {
        const ch = s.charCodeAt(i);
        if (ch === 0x3d || isSpace(ch)) break; // '='
        if (ch === 0x3a && localStart < 0) localStart = i + 1; // ':' (the first one, as localName)
        i++;
      }
      const nameEnd = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 0x3d) throw new XmlError('attribute without value');
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== QUOT && q !== APOS) throw new XmlError('unquoted attribute');
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 1);
      if (close < 0 || close >= end) throw new XmlError('unterminated attribute');
      pos[4 * k] = localStart < 0 ? nameStart : localStart;
      pos[4 * k + 1] = nameEnd;
      pos[4 * k + 2] = i + 1;
      pos[4 * k + 3] = close;
      k++;
      i = close + 1;
    }
    this.attrCount = k;
    this.attrsRead = true;
  }

  /** An attribute of the start tag just read, by local name (`r:id` → 'id'), decoded; null if absent. */
  attr(local: string): string | null {
    if (!this.attrsRead) this.readAttrs();
    const s = this.s;
    const pos = this.attrPos;
    for (let k = 0; k < this.attrCount; k++) {
      const at = pos[4 * k]!;
      if (pos[4 * k + 1]! - at === local.length && s.startsWith(local, at)) return decodeAttr(s.slice(pos[4 * k + 2], pos[4 * k + 3]));
    }
    return null;
  }

  /**
   * The text content of the element just opened, consuming its end tag. Comments and processing
   * instructions are skipped, CDATA is taken literally; a child element is malformed here.
   */
  text(): string {
    if (this.selfClosing) return '';
    const s = this.s;
    const lt = s.indexOf('<', this.pos);
    if (lt < 0) throw new XmlError('unclosed element');
    if (s.charCodeAt(lt + 1) === SLASH) {
      const raw = s.slice(this.pos, lt);
      this.closeTag(lt);
      return decodeText(raw);
    }
    let out = '';
    let p = this.pos;
    for (;;) {
      const at = s.indexOf('<', p);
      if (at < 0) throw new XmlError('unclosed element');
      out += decodeText(s.slice(p, at));
      const c = s.charCodeAt(at + 1);
      if (c === SLASH) {
        this.closeTag(at);
        return out;
      }
      if (s.startsWith('<![CDATA[', at)) {
        const end = s.indexOf(']]>', at + 9);
        if (end < 0) throw new XmlError('unterminated CDATA');
        out += s.slice(at + 9, end);
        p = end + 3;
      } else if (c === BANG) {
        p = this.skipMarkup(at);
      } else if (c === QUEST) {
        const end = s.indexOf('?>', at + 2);
        if (end < 0) throw new XmlError('unterminated processing instruction');
        p = end + 2;
      } else {
        throw new XmlError('element inside text');
      }
    }
  }

  /** Skips the rest of the element just opened (no-op for a self-closing tag). */
  skip(): void {
    if (this.selfClosing) return;
    const d = this.depth;
    while (this.depth >= d) {
      if (this.next() === END) throw new XmlError('unclosed element');
    }
  }

  /** Reads to the first start tag: the document element, whose local name is returned. */
  root(): string {
    if (this.next() !== OPEN) throw new XmlError('no document element');
    return this.name;
  }
}
