/**
 * A unit's own .xlsx sent back with its problems marked: the original package edited in place
 * (values, layout and the unit's own styles kept). Each problem cell gets a copy of its style
 * with a fill, and a note (a comments part + the legacy VML drawing Excel shows notes with); a
 * first sheet 退回说明 lists every problem. Browser-safe: fflate and strings only.
 */
import { strFromU8, strToU8, zipSync } from 'fflate';
import { inflateEntry, listEntries } from './zipGuard';
import { FILLS, headerRow } from '../core/report/model';
import { noteText, returnSheetModel, type ReturnCopy, type ReturnItem } from '../core/report/returnCopy';
import { RETURN_SHEET } from '../core/sheet/instructions';
import { cellGridXml } from './returnCopyXml';
import { cleanText } from './values';

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = {
  worksheet: `${NS_R}/worksheet`,
  comments: `${NS_R}/comments`,
  vml: `${NS_R}/vmlDrawing`,
  styles: `${NS_R}/styles`,
};
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
export const NOTE_AUTHOR = '网络阵地检查';

export function escapeXml(s: string): string {
  return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name] ?? m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
}

function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}=")[^"]*(")`);
  if (re.test(tag)) return tag.replace(re, `$1${value}$2`);
  return tag.replace(/^(<[\w:]+)/, `$1 ${name}="${value}"`);
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function readRels(files: Record<string, Uint8Array>, part: string): Rel[] {
  const xml = files[relsPath(part)];
  if (!xml) return [];
  return [...strFromU8(xml).matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({ id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', target: attr(m[0], 'Target') ?? '' }));
}

function addRel(files: Record<string, Uint8Array>, part: string, type: string, target: string): string {
  const path = relsPath(part);
  const xml = files[path] ? strFromU8(files[path]) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const ids = new Set([...xml.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  let n = 1;
  while (ids.has(`rIdZd${n}`)) n++;
  const id = `rIdZd${n}`;
  files[path] = strToU8(xml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/></Relationships>`));
  return id;
}

function addContentType(files: Record<string, Uint8Array>, partName: string, type: string): void {
  const xml = strFromU8(files['[Content_Types].xml']!);
  if (xml.includes(`PartName="/${partName}"`)) return;
  files['[Content_Types].xml'] = strToU8(xml.replace('</Types>', `<Override PartName="/${partName}" ContentType="${type}"/></Types>`));
}

function addDefaultType(files: Record<string, Uint8Array>, ext: string, type: string): void {
  const xml = strFromU8(files['[Content_Types].xml']!);
  if (new RegExp(`Extension="${ext}"`, 'i').test(xml)) return;
  files['[Content_Types].xml'] = strToU8(xml.replace(/(<Types\b[^>]*>)/, `$1<Default Extension="${ext}" ContentType="${type}"/>`));
}

function freeName(files: Record<string, Uint8Array>, pattern: (n: number) => string): string {
  let n = 1;
  while (files[pattern(n)]) n++;
  return pattern(n);
}

/** Column letters → 0-based index, and back. */
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function splitRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  return m ? { col: colIndex(m[1]!), row: Number(m[2]) } : null;
}

/** Adds fills and cell formats to styles.xml; returns the new xf index for (old xf, severity). */
class Styles {
  private xml: string;
  private xfs: string[];
  private readonly cache = new Map<string, number>();
  private readonly fills = new Map<string, number>();

  constructor(xml: string | null) {
    this.xml =
      xml ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';
    this.xfs = this.list('cellXfs', 'xf');
  }

  private section(name: string): RegExpExecArray | null {
    return new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(this.xml);
  }

  private list(section: string, item: string): string[] {
    const body = this.section(section)?.[1] ?? '';
    return [...body.matchAll(new RegExp(`<${item}\\b[^>]*?/>|<${item}\\b[^>]*>[\\s\\S]*?</${item}>`, 'g'))].map((m) => m[0]);
  }

  /** Appends an item to a section (created when missing, right before `before`); returns its index. */
  private append(section: string, item: string, xml: string, before: string[]): number {
    const items = this.list(section, item);
    const body = items.join('') + xml;
    const el = `<${section} count="${items.length + 1}">${body}</${section}>`;
    const found = this.section(section);
    if (found) this.xml = this.xml.slice(0, found.index) + el + this.xml.slice(found.index + found[0].length);
    else {
      const at = before.map((b) => this.xml.indexOf(`<${b}`)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? this.xml.lastIndexOf('</styleSheet>');
      this.xml = this.xml.slice(0, at) + el + this.xml.slice(at);
    }
    return items.length;
  }

  fill(rgb: string): number {
    let id = this.fills.get(rgb);
    if (id === undefined) {
      id = this.append('fills', 'fill', `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`, ['borders', 'cellStyleXfs', 'cellXfs']);
      this.fills.set(rgb, id);
    }
    return id;
  }

  font(xml: string): number {
    return this.append('fonts', 'font', xml, ['fills', 'borders', 'cellXfs']);
  }

  border(): number {
    const side = '<color rgb="FFBFBFBF"/>';
    return this.append('borders', 'border', `<border><left style="thin">${side}</left><right style="thin">${side}</right><top style="thin">${side}</top><bottom style="thin">${side}</bottom><diagonal/></border>`, ['cellStyleXfs', 'cellXfs']);
  }

  xf(xml: string): number {
    const i = this.append('cellXfs', 'xf', xml, ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']);
    this.xfs = this.list('cellXfs', 'xf');
    return i;
  }

  /** The cell format `from` with the severity's fill. */
  marked(from: number, rgb: string): number {
    const key = `${from}|${rgb}`;
    let id = this.cache.get(key);
    if (id === undefined) {
      const fill = this.fill(rgb);
      const base = this.xfs[from] ?? this.xfs[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
      const open = /^<xf\b[^>]*?\/?>/.exec(base)![0];
      let tag = setAttr(setAttr(open.replace(/\/>$/, '>').replace(/>$/, ''), 'fillId', String(fill)), 'applyFill', '1');
      tag += open.endsWith('/>') ? '/>' : '>';
      id = this.xf(tag + base.slice(open.length));
      this.cache.set(key, id);
    }
    return id;
  }

  toString(): string {
    return this.xml;
  }
}

/** Gives cell `ref` the style `styleOf(old style)`, creating the cell (and its row) when absent. */
function markCell(xml: string, ref: string, styleOf: (old: number) => number): string {
  const at = splitRef(ref);
  if (!at) return xml;
  const dataOpen = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!dataOpen) return xml;
  if (dataOpen[1]) {
    const el = `<sheetData><row r="${at.row}"><c r="${ref}" s="${styleOf(0)}"/></row></sheetData>`;
    return xml.slice(0, dataOpen.index) + el + xml.slice(dataOpen.index + dataOpen[0].length);
  }
  const start = dataOpen.index + dataOpen[0].length;
  const end = xml.indexOf('</sheetData>', start);
  const rowRe = /<row\b[^>]*?\/>|<row\b[^>]*>[\s\S]*?<\/row>/g;
  rowRe.lastIndex = start;
  let insertAt = end;
  for (let m = rowRe.exec(xml); m && m.index < end; m = rowRe.exec(xml)) {
    const open = /^<row\b[^>]*?\/?>/.exec(m[0])![0];
    const r = Number(attr(open, 'r'));
    if (!r) return xml; // rows without numbers: positions are implicit, leave the sheet alone
    if (r < at.row) continue;
    if (r > at.row) {
      insertAt = m.index;
      break;
    }
    const row = markInRow(m[0], open, ref, at.col, styleOf);
    return row === null ? xml : xml.slice(0, m.index) + row + xml.slice(m.index + m[0].length);
  }
  return xml.slice(0, insertAt) + `<row r="${at.row}"><c r="${ref}" s="${styleOf(0)}"/></row>` + xml.slice(insertAt);
}

function markInRow(row: string, open: string, ref: string, col: number, styleOf: (old: number) => number): string | null {
  const newCell = `<c r="${ref}" s="${styleOf(0)}"/>`;
  if (open.endsWith('/>')) return open.replace(/\s*\/>$/, '>') + newCell + '</row>';
  const cellRe = /<c\b[^>]*?\/>|<c\b[^>]*>[\s\S]*?<\/c>/g;
  cellRe.lastIndex = open.length;
  for (let m = cellRe.exec(row); m; m = cellRe.exec(row)) {
    const cOpen = /^<c\b[^>]*?\/?>/.exec(m[0])![0];
    const r = attr(cOpen, 'r');
    const pos = r ? splitRef(r) : null;
    if (!pos) return null;
    if (pos.col < col) continue;
    if (pos.col > col) return row.slice(0, m.index) + newCell + row.slice(m.index);
    const s = Number(attr(cOpen, 's') ?? 0);
    return row.slice(0, m.index) + setAttr(cOpen, 's', String(styleOf(s))) + m[0].slice(cOpen.length) + row.slice(m.index + m[0].length);
  }
  const close = row.lastIndexOf('</row>');
  return row.slice(0, close) + newCell + row.slice(close);
}

interface Note {
  ref: string;
  text: string;
}

function commentsXml(existing: string | null, notes: Note[]): string {
  const ours = new Set(notes.map((n) => n.ref));
  let authors = existing ? [...(/<authors>([\s\S]*?)<\/authors>/.exec(existing)?.[1] ?? '').matchAll(/<author>([\s\S]*?)<\/author>|<author\/>/g)].map((m) => m[1] ?? '') : [];
  const ourAuthor = escapeXml(NOTE_AUTHOR);
  if (!authors.includes(ourAuthor)) authors = [...authors, ourAuthor];
  const me = authors.indexOf(ourAuthor);
  // The unit's own notes stay, except on cells we annotate and earlier notes of ours.
  const kept = existing
    ? [...existing.matchAll(/<comment\b[^>]*>[\s\S]*?<\/comment>/g)].map((m) => m[0]).filter((c) => {
        const open = /^<comment\b[^>]*>/.exec(c)![0];
        return !ours.has(attr(open, 'ref') ?? '') && Number(attr(open, 'authorId')) !== me;
      })
    : [];
  const mine = notes.map((n) => `<comment ref="${n.ref}" authorId="${me}"><text><r><rPr><sz val="9"/></rPr><t xml:space="preserve">${escapeXml(n.text)}</t></r></text></comment>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors>${authors.map((a) => `<author>${a}</author>`).join('')}</authors><commentList>${[...kept, ...mine].join('')}</commentList></comments>`;
}

/** The drawing Excel uses to show notes: one hidden text box per comment ref. */
function vmlXml(comments: string, idmap: number): string {
  const refs = [...comments.matchAll(/<comment\b[^>]*\sref="([^"]+)"/g)].map((m) => splitRef(m[1]!)).filter((p): p is { col: number; row: number } => !!p);
  const shapes = refs.map(
    (p, i) =>
      `<v:shape id="_x0000_s${idmap * 1024 + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:96pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${p.col + 1}, 15, ${Math.max(0, p.row - 2)}, 10, ${p.col + 5}, 15, ${p.row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${p.row - 1}</x:Row><x:Column>${p.col}</x:Column></x:ClientData></v:shape>`,
  );
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join('') +
    '</xml>'
  );
}

const AFTER_LEGACY = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

/** Inserts `el` before the first of `tags` at the sheet's top level (the last occurrence of each: an extLst may also sit inside a rule). */
function insertBefore(xml: string, tags: string[], el: string, fallback: string): string {
  const last = (t: string) => Math.max(-1, ...[...xml.matchAll(new RegExp(`<${t}[\\s/>]`, 'g'))].map((m) => m.index ?? -1));
  const at = tags.map(last).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? xml.lastIndexOf(fallback);
  return xml.slice(0, at) + el + xml.slice(at);
}

/** Notes on one sheet: a new comments part and drawing, or the sheet's existing ones rewritten. */
function annotate(files: Record<string, Uint8Array>, part: string, sheetXml: string, notes: Note[], idmap: number): string {
  const rels = readRels(files, part);
  const cRel = rels.find((r) => r.type === REL.comments);
  const vRel = rels.find((r) => r.type === REL.vml);
  const cPart = cRel ? resolve(part, cRel.target) : freeName(files, (n) => `xl/comments${n}.xml`);
  const comments = commentsXml(cRel && files[cPart] ? strFromU8(files[cPart]) : null, notes);
  files[cPart] = strToU8(comments);
  if (!cRel) {
    addRel(files, part, REL.comments, `../${cPart.slice(3)}`);
    addContentType(files, cPart, CT.comments);
  }
  const vPart = vRel ? resolve(part, vRel.target) : freeName(files, (n) => `xl/drawings/vmlDrawing${n}.vml`);
  files[vPart] = strToU8(vmlXml(comments, idmap));
  addDefaultType(files, 'vml', CT.vml);
  if (vRel) return sheetXml;
  const id = addRel(files, part, REL.vml, `../${vPart.slice(3)}`);
  let xml = sheetXml;
  const root = /<worksheet\b[^>]*>/.exec(xml)!;
  const prefix = new RegExp(`xmlns:(\\w+)="${NS_R}"`).exec(root[0])?.[1];
  let p = prefix;
  if (!p) {
    p = 'r';
    while (root[0].includes(`xmlns:${p}=`)) p += 'r';
    xml = xml.replace(root[0], root[0].replace(/>$/, ` xmlns:${p}="${NS_R}">`));
  }
  return insertBefore(xml, AFTER_LEGACY, `<legacyDrawing ${p}:id="${id}"/>`, '</worksheet>');
}

interface SheetEntry {
  name: string;
  part: string;
  tag: string;
}

function sheetsOf(files: Record<string, Uint8Array>, wbPart: string): SheetEntry[] {
  const wb = strFromU8(files[wbPart]!);
  const rels = readRels(files, wbPart);
  return [...wb.matchAll(/<sheet\b[^>]*>/g)].flatMap((m) => {
    const id = /\s[\w]+:id="([^"]+)"/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === id);
    const name = attr(m[0], 'name');
    return rel && name !== null ? [{ name, part: resolve(wbPart, rel.target), tag: m[0] }] : [];
  });
}

/** The 退回说明 sheet goes first; sheet-scoped names and the active tab shift with it. */
function addReturnSheet(files: Record<string, Uint8Array>, wbPart: string, sheets: SheetEntry[], styles: Styles, copy: ReturnCopy): void {
  const model = returnSheetModel(copy);
  const sheetXml = cellGridXml(model, styles);
  const existing = sheets.find((s) => s.name === RETURN_SHEET);
  if (existing) {
    files[existing.part] = strToU8(sheetXml);
    files[wbPart] = strToU8(withPrintTitles(strFromU8(files[wbPart]!), sheets.indexOf(existing), headerRow(model) + 1));
    return;
  }
  const part = freeName(files, (n) => `xl/worksheets/sheet${n}.xml`);
  files[part] = strToU8(sheetXml);
  addContentType(files, part, CT.worksheet);
  const id = addRel(files, wbPart, REL.worksheet, part.startsWith('xl/') && wbPart.startsWith('xl/') ? part.slice(3) : `/${part}`);
  let wb = strFromU8(files[wbPart]!);
  const prefix = /\s([\w]+):id="/.exec(sheets[0]?.tag ?? '')?.[1] ?? 'r';
  // Some writers (openpyxl) bind the prefix on each <sheet>, not on <workbook>: an unbound prefix
  // makes the file unreadable (LibreOffice refuses it, Excel repairs it), so ours binds its own.
  const root = /<workbook\b[^>]*>/.exec(wb)?.[0] ?? '';
  const uri = new RegExp(`\\sxmlns:${prefix}="([^"]*)"`).exec(sheets[0]?.tag ?? '')?.[1] ?? NS_R;
  const bind = new RegExp(`\\sxmlns:${prefix}="`).test(root) ? '' : ` xmlns:${prefix}="${uri}"`;
  const maxId = Math.max(0, ...[...wb.matchAll(/<sheet\b[^>]*\ssheetId="(\d+)"/g)].map((m) => Number(m[1])));
  wb = wb.replace(/(<sheets\b[^>]*>)/, `$1<sheet${bind} name="${RETURN_SHEET}" sheetId="${maxId + 1}" ${prefix}:id="${id}"/>`);
  wb = wb.replace(/(<definedName\b[^>]*\slocalSheetId=")(\d+)(")/g, (_m, a: string, n: string, b: string) => `${a}${Number(n) + 1}${b}`);
  wb = wb.replace(/(<workbookView\b[^>]*?)\s(?:activeTab|firstSheet)="\d+"/g, '$1').replace(/(<workbookView\b[^>]*?)\s(?:activeTab|firstSheet)="\d+"/g, '$1');
  files[wbPart] = strToU8(withPrintTitles(wb, 0, headerRow(model) + 1));
  // One selected tab: the new first sheet (several selected tabs would group the sheets).
  for (const s of sheets) {
    if (files[s.part]) files[s.part] = strToU8(strFromU8(files[s.part]!).replace(/\stabSelected="(?:1|true)"/g, ''));
  }
}

/**
 * The 退回说明 header row repeats on every printed page (a unit with hundreds of problems prints
 * many): the sheet's print titles, replacing any the sheet had.
 */
function withPrintTitles(wb: string, index: number, row: number): string {
  const name = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">&apos;${RETURN_SHEET}&apos;!$${row}:$${row}</definedName>`;
  const out = wb.replace(new RegExp(`<definedName\\b(?=[^>]*\\sname="_xlnm\\.Print_Titles")(?=[^>]*\\slocalSheetId="${index}")[^>]*>[^<]*</definedName>`, 'g'), '');
  if (/<definedNames\b[^>]*\/>/.test(out)) return out.replace(/<definedNames\b[^>]*\/>/, `<definedNames>${name}</definedNames>`);
  if (/<definedNames\b[^>]*>/.test(out)) return out.replace(/(<definedNames\b[^>]*>)/, `$1${name}`);
  return out.replace(/(<\/sheets>)/, `$1<definedNames>${name}</definedNames>`);
}

const FILL_OF = { error: FILLS.error, warning: FILLS.warning, info: FILLS.info } as const;

function findWorkbookPart(files: Record<string, Uint8Array>): string {
  const root = files['_rels/.rels'] ? strFromU8(files['_rels/.rels']) : '';
  const m = [...root.matchAll(/<Relationship\b[^>]*>/g)].find((r) => /officeDocument"?$/.test(attr(r[0], 'Type') ?? ''));
  return m ? resolve('', attr(m[0], 'Target') ?? 'xl/workbook.xml') : 'xl/workbook.xml';
}

/** The original .xlsx with its problems marked and the 退回说明 sheet first. */
/** Packages we edit: plain SpreadsheetML within sane sizes; anything else is rebuilt instead. */
const MAX_PART = 64 * 1024 * 1024;
const MAX_TOTAL = 256 * 1024 * 1024;

/**
 * Every entry of the package, each inflated by the read's own guard (never past its declared
 * size, CRC checked), so a part the check never read (a theme that is a zip bomb) costs no more
 * here than there.
 */
function unpack(original: Uint8Array): Record<string, Uint8Array> {
  const entries = listEntries(original);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > MAX_PART || total > MAX_TOTAL) throw new Error('package too large to edit');
  }
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (e.flags & 1) throw new Error('encrypted entry');
    if (e.name.endsWith('/')) continue; // a folder entry
    files[e.name] = inflateEntry(original, e);
  }
  if (!files['[Content_Types].xml']) throw new Error('not an OOXML package');
  return files;
}

function requireUnprefixed(xml: string, root: string): void {
  // Some producers write SpreadsheetML with a namespace prefix (<x:worksheet>): our edits assume none.
  if (new RegExp(`<\\w+:${root}\\b`).test(xml) || !new RegExp(`<${root}\\b`).test(xml)) throw new Error(`unsupported ${root} markup`);
}

export function markedXlsx(original: Uint8Array, copy: ReturnCopy): Uint8Array {
  const files = unpack(original);
  const wbPart = findWorkbookPart(files);
  if (!files[wbPart]) throw new Error('no workbook part');
  requireUnprefixed(strFromU8(files[wbPart]), 'workbook');
  const wbRels = readRels(files, wbPart);
  const stylesRel = wbRels.find((r) => r.type === REL.styles);
  const stylesPart = stylesRel ? resolve(wbPart, stylesRel.target) : 'xl/styles.xml';
  const stylesXml = files[stylesPart] ? strFromU8(files[stylesPart]) : null;
  if (stylesXml) requireUnprefixed(stylesXml, 'styleSheet');
  const styles = new Styles(stylesXml);
  if (!stylesRel) {
    addRel(files, wbPart, REL.styles, stylesPart.slice(3));
    addContentType(files, stylesPart, CT.styles);
  }
  const sheets = sheetsOf(files, wbPart);
  const bySheet = new Map<string, ReturnItem[]>();
  for (const i of copy.items) if (i.sheet && i.cell) bySheet.set(i.sheet, [...(bySheet.get(i.sheet) ?? []), i]);
  // Shape ids of notes: blocks of 1024 per drawing, well above those producers number from 1.
  let idmap = 100;
  for (const s of sheets) {
    const items = bySheet.get(s.name);
    if (!items || !files[s.part]) continue;
    let xml = strFromU8(files[s.part]!);
    requireUnprefixed(xml, 'worksheet');
    // One mark per cell: the most severe finding's colour; its note lists every finding there.
    const byCell = new Map<string, ReturnItem[]>();
    for (const i of items) byCell.set(i.cell!.toUpperCase(), [...(byCell.get(i.cell!.toUpperCase()) ?? []), i]);
    for (const [ref, here] of byCell) {
      const worst = here.some((i) => i.severity === 'error') ? 'error' : 'warning';
      xml = markCell(xml, ref, (old) => styles.marked(old, FILL_OF[worst]));
    }
    const notes = [...byCell].map(([ref, here]) => ({ ref, text: here.map(noteText).join('\n\n') }));
    xml = annotate(files, s.part, xml, notes, idmap++);
    files[s.part] = strToU8(xml);
  }
  addReturnSheet(files, wbPart, sheets, styles, copy);
  files[stylesPart] = strToU8(styles.toString());
  return zipSync(files, { level: 6 });
}

export { Styles };
