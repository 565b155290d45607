/** CSV submissions: UTF-8 (with or without BOM), GBK/GB18030 as saved by Chinese Excel, UTF-16. */
import Papa from 'papaparse';
import type { Cell, WorkbookGrid } from '../core/grid';
import { fail, type ReadFailure, type ReadLimits } from './limits';

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
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
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
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

export function readCsv(fileName: string, bytes: Uint8Array, limits: ReadLimits): CsvResult {
  const { text, encoding } = decodeText(bytes);
  const rows: (Cell | null)[][] = [];
  let cells = 0;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    step: (res, parser) => {
      cells += res.data.length;
      if (cells > limits.maxCellsPerSheet) {
        tooMany = true;
        parser.abort();
        return;
      }
      const row = res.data.map((v): Cell | null => (v === '' ? null : { t: 's', v }));
      while (row.length && !row[row.length - 1]) row.pop();
      rows.push(row);
    },
  });
  if (tooMany) {
    return fail('too-large', `CSV 文件的单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行后再提交`);
  }
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return { ok: true, encoding, workbook: { sheets: [{ name: baseName(fileName), rows, merges: [] }] } };
}
