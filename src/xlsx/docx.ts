/**
 * Word .docx: the forms of the school's notice come as Word tables. Each body-level `w:tbl`
 * becomes a grid (gridSpan and vMerge as merges, gridBefore honoured), with the paragraphs
 * above it (title, 填报单位 and signer lines) as rows over it; see blocks.ts.
 */
import { Parser } from 'htmlparser2';
import type { ReadNote, WorkbookGrid } from '../core/grid';
import { blocksToSheets, TableBuilder, TooManyCells, type Block } from './blocks';
import { ParseGuard } from './bounds';
import { Budget, fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';
import { checkDeclared, inflateEntry, listEntries } from './zipGuard';

export const WORD_SAVE_AS = '请在 Word/WPS 中另存为 .docx 后提交';
const BROKEN = `无法解析 Word 文档（文件结构异常或已损坏）；${WORD_SAVE_AS}`;
/** A tab in a signer line separates 填表人 from 联系电话 the way wide spacing does on a sheet. */
const TAB = '    ';
/** Characters of one paragraph kept while reading (cells are cut further, at the string limit). */
const MAX_RUN = 1_000_000;

function intAttr(v: string | undefined): number {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

export function docxBlocks(xml: string, maxCells: number, budget?: Budget): Block[] {
  const guard = budget && new ParseGuard(budget);
  const blocks: Block[] = [];
  let depth = 0; // w:tbl nesting
  let table: TableBuilder | null = null;
  let para: string | null = null; // body paragraph text
  let cellParas: string[] | null = null;
  let cellText = '';
  let span = 1;
  let vMerge: 'restart' | 'continue' | null = null;
  let inText = false;
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name, a) {
        guard?.open();
        if (skip) {
          skip++;
          return;
        }
        switch (name) {
          case 'mc:Fallback':
          case 'w:del':
          case 'w:instrText':
            skip = 1;
            return;
          case 'w:tbl':
            if (depth++ === 0) table = new TableBuilder(maxCells);
            return;
          case 'w:tr':
            if (depth === 1) table!.newRow();
            return;
          case 'w:gridBefore':
            if (depth === 1) table!.skip(intAttr(a['w:val']));
            return;
          case 'w:tc':
            if (depth === 1) {
              cellParas = [];
              cellText = '';
              span = 1;
              vMerge = null;
            }
            return;
          case 'w:gridSpan':
            if (depth === 1) span = intAttr(a['w:val']);
            return;
          case 'w:vMerge':
            if (depth === 1) vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
            return;
          case 'w:p':
            if (depth === 0) para = '';
            return;
          case 'w:t':
            inText = true;
            return;
          case 'w:tab':
            add(TAB);
            return;
          case 'w:br':
          case 'w:cr':
            add('\n');
            return;
          default:
            return;
        }
      },
      ontext(t) {
        if (!skip && inText) add(t.replace(/\u00a0/g, ' '));
      },
      onclosetag(name) {
        guard?.close();
        if (skip) {
          skip--;
          return;
        }
        switch (name) {
          case 'w:t':
            inText = false;
            return;
          case 'w:p':
            if (depth === 0 && para !== null) {
              for (const line of para.split('\n')) blocks.push({ kind: 'p', text: line });
              para = null;
            } else if (depth >= 1 && cellParas) {
              cellParas.push(cellText);
              cellText = '';
            }
            return;
          case 'w:tc':
            if (depth === 1 && table && cellParas) {
              if (cellText) cellParas.push(cellText);
              if (vMerge === 'continue') table.continueDown(span);
              else table.add(cellParas.map((p) => p.trim()).filter(Boolean).join('\n'), span);
              cellParas = null;
            }
            return;
          case 'w:tbl':
            if (--depth === 0 && table) {
              blocks.push(table.block());
              table = null;
            }
            depth = Math.max(0, depth);
            return;
          default:
            return;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  // Text past what any cell or line is read to is not kept (a run repeated a million times).
  function add(t: string) {
    if (depth >= 1 && cellParas) {
      if (cellText.length < MAX_RUN) cellText += t;
    } else if (depth === 0 && para !== null && para.length < MAX_RUN) para += t;
  }
  parser.write(xml);
  parser.end();
  return blocks;
}

export function readDocx(_fileName: string, bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  let xml: string;
  try {
    const entries = listEntries(bytes);
    const declared = checkDeclared(entries, limits);
    if (declared) return declared;
    const main = entries.find((e) => e.name.toLowerCase() === 'word/document.xml');
    if (!main) return fail('unreadable', BROKEN);
    xml = new TextDecoder().decode(inflateEntry(bytes, main));
  } catch {
    return fail('unreadable', BROKEN);
  }
  let blocks: Block[];
  try {
    blocks = docxBlocks(xml, limits.maxCellsPerSheet, new Budget(limits.maxReadMs));
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooManyCells) return fail('too-large', `Word 文档中的表格单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行后再提交`);
    return fail('unreadable', BROKEN);
  }
  const notes: ReadNote[] = [];
  const sheets = blocksToSheets(blocks, notes);
  if (!sheets.length) return fail('unreadable', `Word 文档中没有表格；请把备案表填在通知附件的表格中，${WORD_SAVE_AS}`);
  if (sheets.length > limits.maxSheets) return fail('too-large', `Word 文档有 ${sheets.length} 个表格，超过上限 ${limits.maxSheets} 个；请删除多余的表格后再提交`);
  return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
}
