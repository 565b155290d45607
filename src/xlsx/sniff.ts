/**
 * What a submitted file really is, from its bytes: units rename files freely (web OA systems
 * export HTML or tab-separated text as ".xls", WPS saves BIFF as ".et"), so the extension only
 * ever decides the wording of a message.
 */
import * as CFB from 'cfb';
import { utf16WithoutBom } from './csv';
import { isMhtml } from './htmlMime';
import { inflateEntry, listEntries } from './zipGuard';

export type Format =
  | 'xlsx'
  | 'ods'
  | 'docx'
  | 'odt'
  /** Excel binary workbook (.xlsb): an OOXML zip whose parts are binary records. */
  | 'xlsb'
  /** Apple Numbers, Pages or Keynote (a zip of .iwa archives). */
  | 'iwork'
  /** A zip that is none of the above. */
  | 'zip'
  /** A RAR or 7-Zip archive: not opened (no reader here). */
  | 'rar'
  /** BIFF workbook in an OLE container (.xls, WPS .et). */
  | 'xls'
  | 'doc'
  /** OOXML encrypted with a password (an OLE container with EncryptionInfo). */
  | 'encrypted'
  /** An OLE container holding neither a workbook nor a Word document. */
  | 'ole'
  | 'html'
  /** MHTML (.mht): a web page with its parts in one MIME message. */
  | 'mhtml'
  /** Flat OpenDocument spreadsheet (.fods): the package as one XML document. */
  | 'fods'
  /** Excel 2003 XML (SpreadsheetML), often exported by web systems as ".xls". */
  | 'xlsxml'
  /** SYLK (.slk) or DIF (.dif): old interchange text formats, not read. */
  | 'sylk'
  /** Rich Text (.rtf, or a Word file saved as RTF and named .doc): not read. */
  | 'rtf'
  /** Word 2003 XML (often named .doc): not read. */
  | 'wordxml'
  /** A mail saved as a file (.eml): its attachments are not opened. */
  | 'eml'
  /** PDF (a stamped scan, or a form printed to PDF): not read, even when its bytes look like text. */
  | 'pdf'
  | 'text'
  | 'empty'
  | 'binary';

/** Human name of each format, for messages. */
export const FORMAT_LABEL: Record<Format, string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  ods: 'OpenDocument 表格（.ods）',
  docx: 'Word 文档（.docx）',
  odt: 'OpenDocument 文本（.odt）',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
  iwork: 'Apple Numbers/Pages 文档',
  zip: '压缩包',
  rar: 'RAR/7z 压缩包',
  xls: '旧版 Excel 工作簿（.xls/.et）',
  doc: '旧版 Word 文档（.doc）',
  encrypted: '加密的 Office 文件',
  ole: 'Office 复合文档',
  html: '网页（HTML）',
  mhtml: '单个文件网页（.mht）',
  fods: 'OpenDocument 平面 XML 表格（.fods）',
  xlsxml: 'Excel 2003 XML 表格',
  sylk: 'SYLK/DIF 交换格式',
  rtf: 'RTF 文档',
  wordxml: 'Word 2003 XML 文档',
  eml: '邮件（.eml）',
  pdf: 'PDF 文档',
  text: '文本（CSV/TSV）',
  empty: '空文件',
  binary: '二进制文件',
};

/** Extensions that normally carry each format (a mismatch is only worth a note). */
const USUAL_EXT: Partial<Record<Format, string[]>> = {
  xlsx: ['xlsx', 'xlsm', 'xltx', 'xltm'],
  xlsb: ['xlsb'],
  iwork: ['numbers', 'pages', 'key'],
  ods: ['ods'],
  docx: ['docx', 'docm'],
  xls: ['xls', 'et', 'xlt', 'ett'],
  doc: ['doc', 'wps', 'dot'],
  html: ['html', 'htm', 'xls'],
  mhtml: ['mht', 'mhtml', 'xls'],
  fods: ['fods', 'xml'],
  xlsxml: ['xml', 'xls'],
  sylk: ['slk', 'sylk', 'dif'],
  rtf: ['rtf'],
  wordxml: ['xml'],
  eml: ['eml', 'msg'],
  pdf: ['pdf'],
  text: ['csv', 'tsv', 'txt', 'xls'],
};

export function extensionMatches(format: Format, ext: string): boolean {
  return USUAL_EXT[format]?.includes(ext) ?? true;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** `Rar!` then 1A 07 (RAR 4 and 5), and 7-Zip's signature. */
const RAR = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
/** `%PDF-` */
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function sniff(bytes: Uint8Array): Format {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return sniffZip(bytes);
  if (startsWith(bytes, OLE)) return sniffOle(bytes);
  if (startsWith(bytes, RAR) || startsWith(bytes, SEVEN_ZIP)) return 'rar';
  if (startsWith(bytes, PDF)) return 'pdf';
  return sniffText(bytes);
}

/** ODF names itself in a stored `mimetype` entry; OOXML by its top folder or content types. */
function sniffZip(bytes: Uint8Array): Format {
  let entries;
  try {
    entries = listEntries(bytes);
  } catch {
    return 'xlsx'; // the xlsx reader reports the broken zip in its own words
  }
  const lower = entries.map((e) => e.name.toLowerCase());
  const mime = entries.find((e) => e.name === 'mimetype');
  if (mime && mime.size < 200) {
    try {
      const t = new TextDecoder().decode(inflateEntry(bytes, mime));
      if (t.includes('opendocument.spreadsheet')) return 'ods';
      if (t.includes('opendocument.text')) return 'odt';
    } catch {
      /* fall through to the names */
    }
  }
  // Excel's binary workbook has no workbook.xml (its parts are .bin records).
  if (lower.includes('xl/workbook.bin') && !lower.includes('xl/workbook.xml')) return 'xlsb';
  if (lower.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (lower.some((n) => n.startsWith('index/') && n.endsWith('.iwa'))) return 'iwork';
  if (lower.some((n) => n.startsWith('word/'))) return 'docx';
  if (lower.includes('content.xml')) return lower.includes('mimetype') ? 'odt' : 'ods';
  const types = entries.find((e) => e.name.toLowerCase() === '[content_types].xml');
  if (types && types.size < 1024 * 1024) {
    try {
      const t = new TextDecoder().decode(inflateEntry(bytes, types));
      if (t.includes('spreadsheetml')) return 'xlsx';
      if (t.includes('wordprocessingml')) return 'docx';
    } catch {
      /* a broken entry: not for sniffing to say */
    }
  }
  return types ? 'xlsx' : 'zip';
}

/** Stream names of an OLE container, lower-cased (cfb reads only the directory here). */
export function oleStreams(bytes: Uint8Array): Set<string> | null {
  try {
    const cfb = CFB.parse(bytes as unknown as CFB.CFB$Blob);
    return new Set(cfb.FileIndex.map((e) => e.name.toLowerCase()));
  } catch {
    return null;
  }
}

function sniffOle(bytes: Uint8Array): Format {
  // A container cfb cannot open may still name its streams in a readable directory sector.
  const names = oleStreams(bytes);
  const has = (n: string) => (names ? names.has(n.toLowerCase()) : hasUtf16(bytes, n));
  if (has('EncryptionInfo') || has('EncryptedPackage')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('WordDocument')) return 'doc';
  return 'ole';
}

/** Whether `text` occurs in the bytes as UTF-16LE (how OLE directory entries store names). */
function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) {
      if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** HTML when a tag such as <html>, <table> or <meta> comes early; text when it decodes as text. */
function sniffText(bytes: Uint8Array): Format {
  const head = bytes.subarray(0, 4096);
  let ascii = '';
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const bare = bom ? null : utf16WithoutBom(head);
  const utf16 = bom || bare !== null;
  if (utf16) ascii = new TextDecoder(bare ?? (head[0] === 0xff ? 'utf-16le' : 'utf-16be')).decode(head);
  else for (const b of head) ascii += b < 0x80 ? String.fromCharCode(b) : ' ';
  if (isMhtml(bytes)) return 'mhtml';
  if (/urn:schemas-microsoft-com:office:spreadsheet/.test(ascii) && /<(\w+:)?Workbook[\s>]/.test(ascii)) return 'xlsxml';
  if (/<office:document[\s>]/.test(ascii)) return /opendocument\.text/.test(ascii) ? 'odt' : 'fods';
  if (/^\s*\{\\rtf/.test(ascii)) return 'rtf';
  if (/progid="Word\.Document"|<w:wordDocument[\s>]/.test(ascii)) return 'wordxml';
  // A mail: header lines first (From:, Received:, MIME-Version:), then a blank line.
  if (/^(?:(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|X-[\w-]+):[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){3,}/i.test(ascii)) return 'eml';
  if (/<(!doctype\s+html|html|head|body|table|meta|tr|td)[\s>]/i.test(ascii.slice(0, 2048))) return 'html';
  // A CSV may start with "ID;" too (Excel's own trap): SYLK also needs its record on the next line.
  if (/^ID;P[^\r\n]*\r?\n(?:[BCFPOW];|NN;|NE;|E\s*$)/.test(ascii) || /^TABLE\r?\n0,1\r?\n"/.test(ascii)) return 'sylk';
  // Control bytes other than tab/newline/CR (and NUL in UTF-16) mean this is not text.
  if (!utf16) {
    let control = 0;
    for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
    if (control > head.length / 100 + 1) return 'binary';
  }
  return 'text';
}
