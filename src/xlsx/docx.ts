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
import { statementForms } from '../core/sheet/statement';

/** Paragraphs of a table-less document read as its statement. */
const MAX_PROSE_LINES = 200;

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

/** One table being read (the body's, or one nested in its cell): its grid and the cell open in it. */
interface Level {
  table: TableBuilder;
  paras: string[] | null;
  text: string;
  span: number;
  vMerge: 'restart' | 'continue' | null;
  /** The open cell holds a table: its paragraphs and tables so far, in order. */
  cellBlocks: Block[] | null;
  /** What the cells holding tables held, in order; and how many other cells had text. */
  lifted: Block[];
  plainCells: number;
}

const level = (maxCells: number): Level => ({ table: new TableBuilder(maxCells), paras: null, text: '', span: 1, vMerge: null, cellBlocks: null, lifted: [], plainCells: 0 });

/**
 * A table nested in a body table's cell is a table of its own, read after the outer one (its text
 * is not the cell's). A body table whose only content is nested tables is layout (a frame drawn
 * around the form): its cells' paragraphs and tables are read as if they stood in the body.
 * Deeper tables are read as text of the nested table's cell.
 */
export function docxBlocks(xml: string, maxCells: number, budget?: Budget): Block[] {
  const guard = budget && new ParseGuard(budget);
  const blocks: Block[] = [];
  let depth = 0; // w:tbl nesting
  const levels: Level[] = []; // depth 1 and 2
  let para: string | null = null; // body paragraph text
  let inText = false;
  let skip = 0;
  const at = (): Level | undefined => (depth >= 1 ? levels[Math.min(depth, 2) - 1] : undefined);
  const parser = new Parser(
    {
      onopentag(name, a) {
        guard?.open();
        if (skip) {
          skip++;
          return;
        }
        const L = depth <= 2 ? at() : undefined;
        switch (name) {
          case 'mc:Fallback':
          case 'w:del':
          case 'w:instrText':
            skip = 1;
            return;
          case 'w:tbl':
            if (++depth <= 2) {
              const outer = levels[0];
              if (depth === 2 && outer?.paras) {
                // The cell holds a table: what it said so far stands before it.
                outer.cellBlocks ??= [];
                for (const t of outer.paras) outer.cellBlocks.push({ kind: 'p', text: t });
                if (outer.text) outer.cellBlocks.push({ kind: 'p', text: outer.text });
                outer.paras = [];
                outer.text = '';
              }
              levels.push(level(maxCells));
            }
            return;
          case 'w:tr':
            L?.table.newRow();
            return;
          case 'w:gridBefore':
            L?.table.skip(intAttr(a['w:val']));
            return;
          case 'w:tc':
            if (L) {
              L.paras = [];
              L.text = '';
              L.span = 1;
              L.vMerge = null;
              L.cellBlocks = null;
            }
            return;
          case 'w:gridSpan':
            if (L) L.span = intAttr(a['w:val']);
            return;
          case 'w:vMerge':
            if (L) L.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
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
          case 'w:p': {
            const L = at();
            if (depth === 0 && para !== null) {
              for (const line of para.split('\n')) blocks.push({ kind: 'p', text: line });
              para = null;
            } else if (L?.paras) {
              L.paras.push(L.text);
              L.text = '';
            }
            return;
          }
          case 'w:tc': {
            const L = depth <= 2 ? at() : undefined;
            if (!L?.paras) return;
            if (L.text) L.paras.push(L.text);
            let texts: string[];
            if (L.cellBlocks) {
              for (const t of L.paras) L.cellBlocks.push({ kind: 'p', text: t });
              L.lifted.push(...L.cellBlocks);
              texts = L.cellBlocks.flatMap((b) => (b.kind === 'p' && b.text.trim() ? [b.text.trim()] : []));
            } else {
              texts = L.paras.map((p) => p.trim()).filter(Boolean);
              if (texts.length) L.plainCells++;
            }
            if (L.vMerge === 'continue') L.table.continueDown(L.span);
            else L.table.add(texts.join('\n'), L.span);
            L.paras = null;
            L.cellBlocks = null;
            return;
          }
          case 'w:tbl': {
            const d = depth--;
            depth = Math.max(0, depth);
            if (d > 2) return;
            const L = levels.pop();
            if (!L) return;
            if (d === 2) {
              const outer = levels[0];
              if (outer) (outer.cellBlocks ??= []).push(L.table.block(), ...L.lifted);
              return;
            }
            const hasTable = L.lifted.some((b) => b.kind === 'table');
            if (hasTable && L.plainCells === 0) blocks.push(...L.lifted);
            else blocks.push(L.table.block(), ...L.lifted.filter((b) => b.kind === 'table'));
            return;
          }
          default:
            return;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  // Text past what any cell or line is read to is not kept (a run repeated a million times).
  function add(t: string) {
    const L = at();
    if (L) {
      if (L.paras && L.text.length < MAX_RUN) L.text += t;
    } else if (depth === 0 && para !== null && para.length < MAX_RUN) para += t;
  }
  parser.write(xml);
  parser.end();
  return blocks;
}

/** A page header part: some units type 填报单位 there, where it prints on every page. */
const PAGE_HEADER = /^word\/header\d*\.xml$/i;
/** A page header's line that names the unit (not 内部资料, not the page number). */
const UNIT_LABEL = /(?:填报单位|报送单位|填报部门|单位名称|单位)\s*[（(]?[^）)]*[）)]?\s*[:：]/;

/** The page headers' lines naming the unit, once each, as paragraphs before the document's first table. */
function unitLines(headers: string[], maxCells: number, budget: Budget): Block[] {
  const seen = new Set<string>();
  const out: Block[] = [];
  for (const xml of headers) {
    for (const b of docxBlocks(xml, maxCells, budget)) {
      const text = b.kind === 'p' ? b.text.trim() : '';
      if (!text || !UNIT_LABEL.test(text) || seen.has(text)) continue;
      seen.add(text);
      out.push({ kind: 'p', text });
    }
  }
  return out;
}

export function readDocx(_fileName: string, bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  let xml: string;
  let headers: string[] = [];
  try {
    const entries = listEntries(bytes);
    const declared = checkDeclared(entries, limits);
    if (declared) return declared;
    const main = entries.find((e) => e.name.toLowerCase() === 'word/document.xml');
    if (!main) return fail('unreadable', BROKEN);
    xml = new TextDecoder().decode(inflateEntry(bytes, main));
    headers = entries.filter((e) => PAGE_HEADER.test(e.name)).sort((a, b) => a.name.localeCompare(b.name)).map((e) => new TextDecoder().decode(inflateEntry(bytes, e)));
  } catch {
    return fail('unreadable', BROKEN);
  }
  let blocks: Block[];
  try {
    const budget = new Budget(limits.maxReadMs);
    blocks = [...unitLines(headers, limits.maxCellsPerSheet, budget), ...docxBlocks(xml, limits.maxCellsPerSheet, budget)];
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof TooManyCells) return fail('too-large', `Word 文档中的表格单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行后再提交`);
    return fail('unreadable', BROKEN);
  }
  const notes: ReadNote[] = [];
  const sheets = blocksToSheets(blocks, notes);
  if (!sheets.length) {
    // No table, but a statement that the unit has none of these (情况说明): the checker reads it.
    const lines = blocks.flatMap((b) => (b.kind === 'p' && b.text.trim() ? [b.text.trim().slice(0, limits.maxStringChars)] : [])).slice(0, MAX_PROSE_LINES);
    if (statementForms(lines).length) return { ok: true, workbook: { sheets: [{ name: '正文', rows: lines.map((v) => [{ t: 's', v }]), merges: [], prose: true }] } };
    return fail('unreadable', `Word 文档中没有表格；请把备案表填在通知附件的表格中，${WORD_SAVE_AS}`);
  }
  if (sheets.length > limits.maxSheets) return fail('too-large', `Word 文档有 ${sheets.length} 个表格，超过上限 ${limits.maxSheets} 个；请删除多余的表格后再提交`);
  return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
}
