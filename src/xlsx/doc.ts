/**
 * Word 97–2003 .doc tables, read from the OLE container with cfb: FIB → piece table → text,
 * and the paragraph properties (PAPX) that say which paragraph marks end a table row. Each row's
 * table definition (sprmTDefTable: cell boundaries and merge flags) places cells on one grid per
 * table, so horizontally and vertically merged cells land as they do in .docx.
 * word-extractor was not used: it needs Node's fs, stream and Buffer (no browser) and returns
 * text only, where cell ends and row ends cannot be told apart around empty cells.
 */
import * as CFB from 'cfb';
import type { ReadNote, WorkbookGrid } from '../core/grid';
import { blocksToSheets, TableBuilder, TooManyCells, type Block } from './blocks';
import { WORD_SAVE_AS } from './docx';
import { fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';

class DocError extends Error {}

const BROKEN = `无法读取 .doc 文档中的表格；${WORD_SAVE_AS}`;
const TAB = '    ';
const MAX_MS = 15_000;
const DECODE_1252 = new TextDecoder('windows-1252');
/** 8-bit ("compressed") pieces are Windows-1252. */
const CP1252 = Array.from({ length: 256 }, (_, i) => DECODE_1252.decode(new Uint8Array([i])).charCodeAt(0));

function u8(b: Uint8Array, o: number): number {
  if (o >= b.length || o < 0) throw new DocError('out of bounds');
  return b[o]!;
}
function u16(b: Uint8Array, o: number): number {
  return u8(b, o) | (u8(b, o + 1) << 8);
}
function i16(b: Uint8Array, o: number): number {
  const v = u16(b, o);
  return v & 0x8000 ? v - 0x10000 : v;
}
function u32(b: Uint8Array, o: number): number {
  return (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;
}

/** What a paragraph mark's properties say about tables. */
interface ParaProps {
  inTable: boolean;
  /** The mark ends a table row (its TAP describes the row). */
  rowEnd: boolean;
  /** Cell boundaries (twips) and per-cell merge flags, from sprmTDefTable. */
  centers?: number[];
  flags?: number[];
}

const NONE: ParaProps = { inTable: false, rowEnd: false };

/** Operand size of a sprm (MS-DOC 2.2.5.1), given the bytes after its opcode. */
function operandSize(sprm: number, b: Uint8Array, o: number): number {
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default:
      if (sprm === 0xd608 || sprm === 0xd606) return 2 + u16(b, o) - 1; // sprmTDefTable(10): 2-byte count
      if (sprm === 0xc615) {
        const cb = u8(b, o);
        return cb === 255 ? 1 + 1 + u8(b, o + 1) * 4 + 1 + u8(b, o + 2 + u8(b, o + 1) * 4) * 3 : 1 + cb;
      }
      return 1 + u8(b, o);
  }
}

function applySprms(b: Uint8Array, start: number, end: number, p: ParaProps, data: Uint8Array | null, depth = 0): void {
  let o = start;
  while (o + 2 <= end) {
    const sprm = u16(b, o);
    o += 2;
    const size = operandSize(sprm, b, o);
    if (o + size > end) break;
    switch (sprm) {
      case 0x2416: // sprmPFInTable
        p.inTable = b[o] === 1;
        break;
      case 0x2417: // sprmPFTtp
        p.rowEnd = b[o] === 1;
        break;
      case 0x6649: // sprmPItap
        if (u32(b, o) > 0) p.inTable = true;
        break;
      case 0xd608: {
        // TDefTableOperand: cb(2) itcMac(1) rgdxaCenter(itcMac+1 × 2) rgTc80(itcMac × 20)
        const n = u8(b, o + 2);
        const centers: number[] = [];
        for (let i = 0; i <= n; i++) centers.push(i16(b, o + 3 + 2 * i));
        const flags: number[] = [];
        const tc = o + 3 + 2 * (n + 1);
        for (let i = 0; i < n; i++) flags.push(tc + 20 * i + 2 <= o + size ? u16(b, tc + 20 * i) : 0);
        p.centers = centers;
        p.flags = flags;
        break;
      }
      case 0x6646: // sprmPHugePapx: the rest of the properties live in the Data stream
        if (data && depth === 0) {
          const at = u32(b, o);
          const cb = u16(data, at);
          applySprms(data, at + 2, at + 2 + cb, p, null, 1); // PrcData: cbGrpprl, grpprl
        }
        break;
      default:
        break;
    }
    o += size;
  }
}

/** Paragraph runs from the PAPX FKPs: sorted [fcStart, fcEnd) with their properties. */
function paragraphRuns(word: Uint8Array, table: Uint8Array, fc: number, lcb: number, data: Uint8Array | null): { start: number; end: number; props: ParaProps }[] {
  const runs: { start: number; end: number; props: ParaProps }[] = [];
  if (lcb < 4) return runs;
  const n = (lcb - 4) / 8;
  for (let i = 0; i < n; i++) {
    const pn = u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3fffff;
    const page = pn * 512;
    if (page + 512 > word.length) throw new DocError('FKP outside the stream');
    const crun = u8(word, page + 511);
    for (let k = 0; k < crun; k++) {
      const start = u32(word, page + 4 * k);
      const end = u32(word, page + 4 * (k + 1));
      const bx = u8(word, page + 4 * (crun + 1) + 13 * k) * 2;
      const props: ParaProps = { inTable: false, rowEnd: false };
      if (bx) {
        const at = page + bx;
        let cb = u8(word, at);
        let grpprl = at + 1;
        let size: number;
        if (cb === 0) {
          cb = u8(word, at + 1);
          grpprl = at + 2;
          size = 2 * cb;
        } else size = 2 * cb - 1;
        applySprms(word, grpprl + 2, Math.min(grpprl + size, page + 511), props, data);
      }
      runs.push({ start, end, props });
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

function propsAt(runs: { start: number; end: number; props: ParaProps }[], fc: number): ParaProps {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (fc < r.start) hi = mid - 1;
    else if (fc >= r.end) lo = mid + 1;
    else return r.props;
  }
  return NONE;
}

interface Row {
  cells: string[];
  props: ParaProps;
}

/** Places a table's rows on one grid: the union of all rows' cell boundaries. */
function tableBlock(rows: Row[], maxCells: number): Block {
  const edges = new Set<number>();
  for (const r of rows) if (r.props.centers && r.props.centers.length === r.cells.length + 1) for (const c of r.props.centers) edges.add(c);
  const grid = [...edges].sort((a, b) => a - b);
  const index = new Map(grid.map((x, i) => [x, i]));
  const t = new TableBuilder(maxCells);
  for (const r of rows) {
    t.newRow();
    const { centers, flags } = r.props;
    const aligned = centers && centers.length === r.cells.length + 1;
    if (aligned) t.skip(index.get(centers[0]!)!);
    for (let i = 0; i < r.cells.length; i++) {
      let span = aligned ? index.get(centers[i + 1]!)! - index.get(centers[i]!)! : 1;
      const f = flags?.[i] ?? 0;
      if (f & 0x02) continue; // horizontally merged into the cell before it (old-style merge)
      // Following fMerged cells widen this one.
      for (let j = i + 1; aligned && j < r.cells.length && (flags?.[j] ?? 0) & 0x02; j++) span += index.get(centers[j + 1]!)! - index.get(centers[j]!)!;
      if (f & 0x20 && !(f & 0x40)) t.continueDown(Math.max(1, span));
      else t.add(r.cells[i]!, Math.max(1, span));
    }
  }
  return t.block();
}

/**
 * Two tables with no paragraph between them run together into one (the paragraph deleted, or a
 * writer leaving none): a row with as many cells as the row above (three or more) but none of its
 * inner boundaries starts a table of its own, so each keeps its columns; one grid for both
 * would shift the second table's cells off its header's.
 */
function tablesOf(rows: Row[]): Row[][] {
  const out: Row[][] = [];
  let prev: Row | null = null;
  for (const r of rows) {
    const inner = innerEdges(r);
    const before = prev ? innerEdges(prev) : null;
    if (!out.length || (inner && before && inner.length === before.length && !inner.some((e) => before.includes(e)))) out.push([]);
    out[out.length - 1]!.push(r);
    prev = r;
  }
  return out;
}

function innerEdges(r: Row): number[] | null {
  const c = r.props.centers;
  return c && c.length === r.cells.length + 1 && r.cells.length >= 3 ? c.slice(1, -1) : null;
}

export function docBlocks(bytes: Uint8Array, maxCells: number): Block[] | ReadFailure {
  const t0 = Date.now();
  const cfb = CFB.parse(bytes as unknown as CFB.CFB$Blob);
  const stream = (name: string): Uint8Array | null => {
    const e = cfb.FileIndex.find((x) => x.type === 2 && x.name.toLowerCase() === name.toLowerCase());
    if (!e?.content) return null;
    const c = e.content as unknown as ArrayLike<number>;
    return c instanceof Uint8Array ? c : Uint8Array.from(c);
  };
  const word = stream('WordDocument');
  if (!word) throw new DocError('no WordDocument stream');
  if (u16(word, 0) !== 0xa5ec) throw new DocError('not a Word document');
  const nFib = u16(word, 2);
  const flags = u16(word, 0x0a);
  if (flags & 0x0100) return fail('unreadable', `Word 文档设置了打开密码，无法读取；请取消密码后${WORD_SAVE_AS.replace(/^请/, '')}`);
  if (nFib < 101) return fail('unsupported', `文件是 Word 6.0/95 之前的旧格式，无法读取；${WORD_SAVE_AS}`);
  const table = stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw new DocError('no table stream');
  const data = stream('Data');
  const csw = u16(word, 32);
  const lw = 34 + csw * 2 + 2;
  const cslw = u16(word, lw - 2);
  const ccpText = u32(word, lw + 12);
  const fcLcb = lw + cslw * 4 + 2;
  const pair = (i: number) => [u32(word, fcLcb + 8 * i), u32(word, fcLcb + 8 * i + 4)] as const;
  const [fcClx, lcbClx] = pair(33);
  const [fcPapx, lcbPapx] = pair(13);
  const runs = paragraphRuns(word, table, fcPapx, lcbPapx, data);

  // Piece table: the Pcdt inside the Clx (after any Prc blocks).
  let o = fcClx;
  const end = fcClx + lcbClx;
  while (o < end && u8(table, o) === 0x01) o += 3 + u16(table, o + 1);
  if (u8(table, o) !== 0x02) throw new DocError('no piece table');
  const lcb = u32(table, o + 1);
  const plc = o + 5;
  const n = (lcb - 4) / 12;
  if (!Number.isInteger(n) || n <= 0) throw new DocError('bad piece table');

  const blocks: Block[] = [];
  const rows: Row[] = [];
  let cells: string[] = [];
  let text = '';
  let field: number[] = []; // open fields: 1 while in the field code, 2 in its result
  const endTable = () => {
    for (const run of tablesOf(rows.splice(0))) blocks.push(tableBlock(run, maxCells));
    cells = [];
  };
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const cpStart = u32(table, plc + 4 * i);
    const cpEnd = Math.min(u32(table, plc + 4 * (i + 1)), ccpText);
    if (cpStart >= ccpText) break;
    const fcRaw = u32(table, plc + 4 * (n + 1) + 8 * i + 2);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fc = compressed ? (fcRaw & 0x3fffffff) / 2 : fcRaw;
    const bpc = compressed ? 1 : 2;
    for (let k = 0; k < cpEnd - cpStart; k++) {
      if ((++chars & 0xffff) === 0 && Date.now() - t0 > MAX_MS) throw new DocError('too slow');
      const pos = fc + k * bpc;
      const code = compressed ? CP1252[u8(word, pos)]! : u16(word, pos);
      if (code === 0x13) {
        field.push(1);
        continue;
      }
      if (code === 0x14) {
        if (field.length) field[field.length - 1] = 2;
        continue;
      }
      if (code === 0x15) {
        field.pop();
        continue;
      }
      if (field.length && field[field.length - 1] === 1) continue;
      if (code === 0x0d || code === 0x07 || code === 0x0c) {
        const props = propsAt(runs, pos);
        if (code === 0x07 && props.rowEnd) {
          rows.push({ cells, props });
          cells = [];
          text = '';
        } else if (code === 0x07) {
          cells.push(text);
          text = '';
        } else if (props.inTable) text += '\n';
        else {
          endTable();
          blocks.push({ kind: 'p', text });
          text = '';
        }
        continue;
      }
      if (code === 0x09) text += TAB;
      else if (code === 0x0b) text += '\n';
      else if (code === 0x1e) text += '-';
      else if (code === 0xa0) text += ' ';
      else if (code >= 0x20) text += String.fromCharCode(code);
    }
  }
  field = [];
  endTable();
  if (text.trim()) blocks.push({ kind: 'p', text });
  return blocks;
}

export function readDoc(_fileName: string, bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  let blocks: Block[] | ReadFailure;
  try {
    blocks = docBlocks(bytes, limits.maxCellsPerSheet);
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooManyCells) return fail('too-large', `Word 文档中的表格单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行后再提交`);
    return fail('unreadable', BROKEN);
  }
  if (!Array.isArray(blocks)) return blocks;
  const notes: ReadNote[] = [];
  const sheets = blocksToSheets(blocks, notes);
  if (!sheets.length) return fail('unreadable', `Word 文档中没有表格；请把备案表填在通知附件的表格中，${WORD_SAVE_AS}`);
  if (sheets.length > limits.maxSheets) return fail('too-large', `Word 文档有 ${sheets.length} 个表格，超过上限 ${limits.maxSheets} 个；请删除多余的表格后再提交`);
  return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
}
