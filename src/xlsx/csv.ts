/** CSV submissions: UTF-8 (with or without BOM), GBK/GB18030 as saved by Chinese Excel, UTF-16. */
import Papa from 'papaparse';
import type { Cell, ReadNote, WorkbookGrid } from '../core/grid';
import { Budget, fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  /** 1-based lines decoded as GB18030 in a file that is otherwise UTF-8 (mixed encodings). */
  gbLines?: number[];
  /** 1-based UTF-8 lines with a few bytes that are no UTF-8 (read as U+FFFD). */
  damagedLines?: number[];
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function hasHighBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

const utf8 = new TextDecoder('utf-8');

/** Well-formed UTF-8 (what the strict decoder accepts), checked without a throw per line. */
function isUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return false;
    const c1 = b[i + 1]!;
    // Overlong forms, surrogates and code points past U+10FFFF are refused by their second byte.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return false;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

/**
 * Valid UTF-8 sequences of two or more bytes and runs of bytes that start none, in a line that is not
 * well-formed UTF-8 throughout. GBK text seen as UTF-8 is mostly bad bytes; a UTF-8 line with a
 * damaged character (a lone surrogate written as ED A0 80, a byte lost in transfer) mostly valid.
 */
function utf8Health(b: Uint8Array): { valid: number; bad: number } {
  let valid = 0;
  let bad = 0;
  let inBad = false;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      inBad = false;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    let ok = n > 0 && i + n < b.length && b[i + 1]! >= lo && b[i + 1]! <= hi;
    for (let k = 2; ok && k <= n; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += n + 1;
    } else {
      // A run of bad bytes is one damaged character (ED A0 80 is three).
      if (!inBad) bad++;
      i++;
    }
    inBad = !ok;
  }
  return { valid, bad };
}

/**
 * A file that is neither UTF-8 nor GB18030 throughout: each line decoded on its own when some
 * lines are valid UTF-8 with Chinese text and others are not. Null when it is not mixed.
 */
function decodeMixed(bytes: Uint8Array): DecodedText | null {
  const parts: string[] = [];
  const gbLines: number[] = [];
  const damaged: number[] = [];
  let utfLines = 0;
  let start = 0;
  let line = 1;
  const gb = new TextDecoder('gb18030');
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const chunk = bytes.subarray(start, Math.min(i + 1, bytes.length));
    if (!hasHighBytes(chunk)) parts.push(gb.decode(chunk));
    else if (isUtf8(chunk)) {
      parts.push(utf8.decode(chunk));
      utfLines++;
    } else {
      const h = utf8Health(chunk);
      if (h.valid >= 4 * h.bad) {
        parts.push(utf8.decode(chunk));
        damaged.push(line);
      } else {
        parts.push(gb.decode(chunk));
        gbLines.push(line);
      }
    }
    start = i + 1;
    line++;
  }
  if (!damaged.length && (!utfLines || !gbLines.length)) return null;
  return { text: parts.join(''), encoding: 'utf-8', ...(gbLines.length ? { gbLines } : {}), ...(damaged.length ? { damagedLines: damaged } : {}) };
}

/**
 * UTF-16 saved without a BOM (some exporters do): NUL bytes on one side of most ASCII characters
 * and never on the other, and text without control characters when decoded so. Null otherwise.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  const label = odd >= pairs / 10 && even === 0 ? 'utf-16le' : even >= pairs / 10 && odd === 0 ? 'utf-16be' : null;
  if (!label) return null;
  const head = new TextDecoder(label).decode(bytes.subarray(0, n));
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/.test(head) || !/[\n,\t;]/.test(head) ? null : label;
}

/** Decodes by BOM, else strict UTF-8, else GB18030 (a superset of GBK; it never fails). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const wide = utf16WithoutBom(bytes);
  if (wide) return { text: new TextDecoder(wide).decode(bytes), encoding: wide };
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeMixed(bytes) ?? { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export type CsvResult = { ok: true; workbook: WorkbookGrid; encoding: CsvEncoding } | ReadFailure;

/** Base name without extension or folders: the sheet is named after the file. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

/** Papa guesses from the first rows; blank lines would spoil its guess, so it skips them here. */
function guessDelimiter(text: string): string {
  const head = Papa.parse<string[]>(text, { preview: 10, skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';'] });
  return head.meta.delimiter || ',';
}

/**
 * Excel's `sep=;` first line names the delimiter; Excel and WPS do not show it as a row, so the
 * rows (and the cells findings name) start after it.
 */
const SEP_LINE = /^sep=([^\r\n])[ \t]*(\r\n|\n|\r|$)/i;

/** Characters of lines Papa is given at a time (see readCsv). */
const WINDOW = 64 * 1024;
/** Lines with an unclosed quote read one by one before the rest is read with quotes as characters. */
const MAX_RECOVERIES = 100;

/** Parse errors listed per file; the rest are counted in one note. */
const ERRORS_LISTED = 20;

export function readCsv(fileName: string, bytes: Uint8Array, limits: ReadLimits): CsvResult {
  try {
    return readCsvText(fileName, bytes, limits);
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    throw e;
  }
}

const EXCEL_TEXT = /^="[^]*"$/;

function readCsvText(fileName: string, bytes: Uint8Array, limits: ReadLimits): CsvResult {
  const { text, encoding, gbLines, damagedLines } = decodeText(bytes);
  const sheet = baseName(fileName);
  const notes: ReadNote[] = [];
  if (damagedLines) {
    const shown = damagedLines.slice(0, 5).join('、');
    notes.push({ kind: 'encoding', sheet, detail: `第 ${shown}${damagedLines.length > 5 ? ` 等 ${damagedLines.length}` : ''} 行有无法识别的字符（不是有效的 UTF-8 编码，文件可能在传输或转换中损坏），已按“\ufffd”读取，请核对这些行；请用 Excel/WPS 重新保存后再提交` });
  }
  if (gbLines) {
    const shown = gbLines.slice(0, 5).join('、');
    notes.push({ kind: 'encoding', sheet, detail: `文件中同时有 UTF-8 和 GBK 编码的文字（第 ${shown}${gbLines.length > 5 ? ` 等 ${gbLines.length}` : ''} 行为 GBK），已逐行识别，请核对这些行；请用 Excel/WPS 另存为统一编码的 CSV 或 .xlsx 再提交` });
  }
  const rows: (Cell | null)[][] = [];
  let cells = 0;
  let tooMany = false;
  let errors = 0;
  let chars = 0;
  let cut = 0;
  const take = (data: string[]): boolean => {
    cells += data.length;
    if (cells > limits.maxCellsPerSheet) return (tooMany = true), false;
    const row = data.map((v): Cell | null => {
      if (v === '') return null;
      // ="00123": how exporters keep Excel from reading an ID as a number; the text is inside.
      let s = v.length > 3 && v.charCodeAt(0) === 0x3d && EXCEL_TEXT.test(v) ? v.slice(2, -1).replace(/""/g, '"') : v;
      if (s === '') return null;
      if (s.length > limits.maxStringChars) {
        cut++;
        s = s.slice(0, limits.maxStringChars);
      }
      chars += s.length;
      return { t: 's', v: s };
    });
    if (chars > limits.maxTextChars) return (tooMany = true), false;
    while (row.length && !row[row.length - 1]) row.pop();
    rows.push(row);
    return true;
  };
  const note = (what: string) => {
    if (++errors <= ERRORS_LISTED) notes.push({ kind: 'row', sheet, cell: `A${rows.length + 1}`, detail: `CSV 第 ${rows.length + 1} 行${what}` });
  };
  const sep = SEP_LINE.exec(text);
  const delimiter = sep ? sep[1]! : guessDelimiter(text);
  // A quote that never closes (or closes lines later, malformed) swallows what follows into one
  // cell: that line is read with its quotes as characters, and parsing goes on from the next line.
  // Papa looks for the closing quote as far as its input goes, so it is given a window of lines
  // at a time (the whole rest only when a quoted cell is still open at the window's end): a file
  // of such lines costs a window per line, not the rest of the file per line. Past
  // MAX_RECOVERIES such lines, the rest is read with quotes as characters.
  let rest = sep ? text.slice(sep[0].length) : text;
  let recoveries = 0;
  let window = WINDOW;
  const budget = new Budget(limits.maxReadMs);
  while (rest && !tooMany) {
    budget.check();
    if (recoveries > MAX_RECOVERIES) {
      const literal = Papa.parse<string[]>(rest, { delimiter, quoteChar: '\u0000' }).data;
      note(`起引号未闭合的行超过 ${MAX_RECOVERIES} 处，其后各行的引号均按普通字符读取；请检查文件中的引号（"）`);
      for (const row of literal) if (!take(row)) break;
      break;
    }
    const cut = window >= rest.length ? -1 : rest.indexOf('\n', window);
    const part = cut < 0 ? rest : rest.slice(0, cut + 1);
    const last = part.length === rest.length;
    let unclosed = -1;
    let open = false;
    let done = 0;
    const before = rows.length;
    const errorsBefore = errors;
    const notesBefore = notes.length;
    Papa.parse<string[]>(part, {
      delimiter,
      skipEmptyLines: false,
      step: (res, parser) => {
        const missing = res.errors.some((e) => e.code === 'MissingQuotes');
        const malformed = res.errors.some((e) => e.code === 'InvalidQuotes' && res.data.some((v) => v.includes('\n')));
        // Still open where the window ends, and sound so far: it may close in the lines after it.
        if (missing && !malformed && !last && res.meta.cursor >= part.length) {
          open = true;
          parser.abort();
          return;
        }
        if (missing || malformed) {
          unclosed = done;
          parser.abort();
          return;
        }
        // The empty row after a window's final line break is the next window's first row.
        if (!last && res.meta.cursor >= part.length && res.data.length === 1 && res.data[0] === '') return;
        for (const e of res.errors) note(`格式错误（${e.message}）`);
        if (!take(res.data)) parser.abort();
        done = res.meta.cursor;
      },
    });
    if (open) {
      // Read this window again with more lines after it.
      rows.length = before;
      errors = errorsBefore;
      notes.length = notesBefore;
      window = Math.min(window * 4, rest.length);
      continue;
    }
    window = WINDOW;
    if (unclosed < 0) {
      rest = rest.slice(part.length);
      continue;
    }
    recoveries++;
    const end = rest.slice(unclosed).search(/\r?\n/);
    const line = end < 0 ? rest.slice(unclosed) : rest.slice(unclosed, unclosed + end);
    note('引号未闭合，已按原样读取该行（引号作为普通字符）；请检查该行的引号（"）');
    const literal = Papa.parse<string[]>(line, { delimiter, quoteChar: '\u0000' }).data[0] ?? [];
    if (!take(literal)) break;
    rest = end < 0 ? '' : rest.slice(unclosed + end).replace(/^\r?\n/, '');
  }
  if (tooMany) {
    return fail('too-large', `CSV 文件的单元格超过 ${limits.maxCellsPerSheet} 个或文字超过 ${limits.maxTextChars} 字（单表单元格 / 文字总量上限），已拒绝导入；请删除多余的行后再提交`);
  }
  if (errors > ERRORS_LISTED) notes.push({ kind: 'row', sheet, detail: `另有 ${errors - ERRORS_LISTED} 处 CSV 格式错误，相关行未能正确读取` });
  if (cut) notes.push({ kind: 'limit', sheet, detail: `${cut} 个单元格的文字超过 ${limits.maxStringChars} 字（单个单元格文字上限），只读取了前 ${limits.maxStringChars} 字` });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  const workbook: WorkbookGrid = { sheets: [{ name: sheet, rows, merges: [] }] };
  if (notes.length) workbook.notes = notes;
  return { ok: true, encoding, workbook };
}
