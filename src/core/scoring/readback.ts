/** Reads back what users typed into a previous result workbook (评分表, 整改台账), so re-runs keep it. */
import type { Finding } from '../findings';
import { type SheetGrid, a1, cellAt, isBlank } from '../grid';
import { RECT_STATUSES, type RectItem, type RectStatus, sourceOf } from './rectification';
import { RECT_HEADERS } from './rect-sheets';
import { type Rubric, indicatorLookup } from './rubric';
import { rectStatusInvalid, scoreInvalidRow, scoreSheetInvalid } from './rules';
import { ORIGIN_HEADER, SEP, UNNAMED_INSPECTOR, WRITTEN_MARK } from './score-sheet';
import { type ScoreEntry, checkScore, dedupeScores, parseRound } from './scores';
import { SCORE_ALIASES } from './score-layout';
import { dateOf, findHeader, norm, numberOf, text } from './util';

export interface ReadBackInput {
  /** The previous 评分表, if any. */
  scoreSheet?: SheetGrid;
  /** The previous 整改台账, if any. */
  rectSheet?: SheetGrid;
  rubric: Rubric;
  /** The result workbook's name, for findings. */
  file: string | null;
}

export interface ReadBack {
  scores: ScoreEntry[];
  rectification: RectItem[];
  findings: Finding[];
}

export function readBackEditable(input: ReadBackInput): ReadBack {
  const findings: Finding[] = [];
  const scores = input.scoreSheet ? readScoreSheet(input.scoreSheet, input.rubric, input.file, findings) : [];
  const rectification = input.rectSheet ? readRectSheet(input.rectSheet, input.file, findings) : [];
  return { scores, rectification, findings };
}

/** Separators of round · inspector · 得分 (older versions wrote -, /, _ or |). */
const PARTS = new RegExp(`[${SEP}・|/\\_—-]`);
const SCORE_WORDS = ['得分', '分数', '评分'];
const NOTE_WORDS = ['扣分说明', '扣分原因', '备注', '说明'];

/**
 * A 评分表 column: round · inspector · 得分 | 扣分说明, with any separator and older words
 * (分数, 备注); round · 得分 or 上半年得分 with no inspector is the unnamed one's. Null for others
 * (上半年·平均, 合计).
 */
function scoreColumn(header: string): { round: 1 | 2; inspector: string; what: 'score' | 'note' } | null {
  const t = norm(header);
  let parts = t.split(PARTS).filter(Boolean);
  if (parts.length === 1) {
    const word = [...SCORE_WORDS, ...NOTE_WORDS].find((w) => t.endsWith(w) && t.length > w.length);
    if (!word) return null;
    parts = [t.slice(0, -word.length), word];
  }
  if (parts.length < 2 || parts.length > 3) return null;
  const round = parseRound(parts[0]!);
  const what = SCORE_WORDS.includes(parts[parts.length - 1]!) ? 'score' : NOTE_WORDS.includes(parts[parts.length - 1]!) ? 'note' : null;
  if (!round || !what) return null;
  const name = parts.length === 3 ? parts[1]! : '';
  return { round, inspector: name === UNNAMED_INSPECTOR ? '' : name, what };
}

function readScoreSheet(sheet: SheetGrid, rubric: Rubric, file: string | null, findings: Finding[]): ScoreEntry[] {
  const header = findHeader(sheet, { unit: SCORE_ALIASES.unit, id: ['编号', '指标编号'], level2: SCORE_ALIASES.indicator }, ['unit', 'level2']);
  if (!header) {
    findings.push(scoreSheetInvalid.at({ file, sheet: sheet.name, cell: 'A1' }, { problem: '评分表找不到“单位”“二级指标”表头，未读取' }));
    return [];
  }
  const slots = new Map<string, { round: 1 | 2; inspector: string; name: string; score?: number; note?: number; writtenScore?: number; writtenNote?: number }>();
  let originCol: number | undefined;
  (sheet.rows[header.row] ?? []).forEach((cell, c) => {
    const shown = text(cell);
    if (shown === ORIGIN_HEADER) originCol = c;
    // What the last run wrote from a score file (hidden beside the sheet's end).
    const written = shown.endsWith(WRITTEN_MARK);
    const base = written ? shown.slice(0, -WRITTEN_MARK.length) : shown;
    // The unnamed inspector's column is theirs again: the same entry as the file's, never a second inspector.
    const m = scoreColumn(base);
    if (!m) return;
    const key = `${m.round}${SEP}${m.inspector}`;
    const slot = slots.get(key) ?? { round: m.round, inspector: m.inspector, name: base.slice(0, base.lastIndexOf(SEP)) };
    if (written) {
      if (m.what === 'score') slot.writtenScore ??= c;
      else slot.writtenNote ??= c;
    } else if (m.what === 'score') slot.score ??= c;
    else slot.note ??= c;
    slots.set(key, slot);
  });
  const find = indicatorLookup(rubric);
  const byId = new Map(rubric.indicators.map((i) => [i.id, i]));
  const out: ScoreEntry[] = [];
  let unit = '';
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    unit = text(cellAt(sheet, r, header.cols.unit!)) || unit; // merged unit cells: same as above
    const idText = header.cols.id === undefined ? '' : text(cellAt(sheet, r, header.cols.id));
    // The id when it is one, then the name: a printed 编号 (1.2) is only a place, the name is sure.
    const ind = byId.get(idText) ?? find(text(cellAt(sheet, r, header.cols.level2!))) ?? find(idText);
    if (!ind || !unit) continue;
    for (const slot of slots.values()) {
      if (slot.score === undefined) continue;
      const cell = cellAt(sheet, r, slot.score);
      if (isBlank(cell)) continue;
      const place = { unit, file, sheet: sheet.name, cell: a1(r, slot.score) };
      const score = numberOf(cell);
      if (score === null) {
        findings.push(scoreInvalidRow.at(place, { problem: `“${ind.level2}”得分“${text(cell)}”不是数字，未计分` }));
        continue;
      }
      const bad = checkScore(score, ind, place);
      if (bad) {
        findings.push(bad);
        continue;
      }
      const note = slot.note === undefined ? '' : text(cellAt(sheet, r, slot.note));
      const origin = writtenOrigin(sheet, r, slot, originCol, score);
      const fileNote = origin === undefined || slot.writtenNote === undefined ? note : text(cellAt(sheet, r, slot.writtenNote));
      out.push({ round: slot.round, inspector: slot.inspector, indicatorId: ind.id, score, note, ...place, ...(origin === undefined ? {} : { origin }), ...(fileNote !== note ? { fileNote } : {}) });
    }
  }
  const deduped = dedupeScores(out, rubric);
  findings.push(...deduped.findings);
  return deduped.entries;
}

/**
 * The score file a read-back score came from, when the last run wrote it from there and nobody
 * changed it since; undefined for a typed score. A note typed beside it leaves the score the
 * file's (a corrected file still replaces it), the note the user's.
 */
function writtenOrigin(sheet: SheetGrid, r: number, slot: { name: string; writtenScore?: number }, originCol: number | undefined, score: number): string | undefined {
  if (slot.writtenScore === undefined || originCol === undefined) return undefined;
  const was = numberOf(cellAt(sheet, r, slot.writtenScore));
  if (was === null || was !== score) return undefined;
  try {
    const map = JSON.parse(text(cellAt(sheet, r, originCol)) || '{}') as Record<string, unknown>;
    const file = map[slot.name];
    return typeof file === 'string' ? file : undefined;
  } catch {
    return undefined;
  }
}

type RectKey = keyof typeof RECT_HEADERS;
/** What older results and offices' own ledgers call the 整改台账's columns. */
const OLDER_RECT_HEADERS: Partial<Record<RectKey, string[]>> = {
  unit: ['单位名称', '责任单位', '被检查单位'],
  type: ['类型', '问题类别'],
  description: ['存在问题', '问题', '问题内容', '整改问题'],
  location: ['问题位置', '位置（文件/单元格）'],
  deadline: ['整改期限', '完成时限', '截止日期'],
  owner: ['负责人', '整改责任人'],
  status: ['状态', '整改情况', '完成情况'],
  note: ['备注', '说明', '整改措施'],
  recheck: ['复查情况', '复核结果', '复查'],
  key: ['编号', '问题键'],
};

function readRectSheet(sheet: SheetGrid, file: string | null, findings: Finding[]): RectItem[] {
  const aliases = Object.fromEntries(Object.entries(RECT_HEADERS).map(([k, h]) => [k, [h, ...(OLDER_RECT_HEADERS[k as RectKey] ?? [])]])) as Record<RectKey, string[]>;
  const header = findHeader(sheet, aliases, ['unit', 'description', 'status']);
  if (!header) {
    findings.push(scoreSheetInvalid.at({ file, sheet: sheet.name, cell: 'A1' }, { problem: '整改台账找不到“单位”“问题描述”“整改状态”表头，未读取' }));
    return [];
  }
  const items: RectItem[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (k: RectKey) => {
      const c = header.cols[k];
      return c === undefined ? null : cellAt(sheet, r, c);
    };
    const unit = text(get('unit'));
    const description = text(get('description'));
    if (!unit || !description) continue;
    const statusText = text(get('status'));
    let status = RECT_STATUSES.find((s) => norm(s) === norm(statusText)) as RectStatus | undefined;
    if (!status) {
      if (statusText) findings.push(rectStatusInvalid.at({ unit, file, sheet: sheet.name, cell: a1(r, header.cols.status!) }, { value: statusText }));
      status = '待整改';
    }
    const item = {
      // A row typed in by hand has no key: its unit and description stand in for one.
      key: text(get('key')) || [unit, 'manual', description].join('|'),
      unit,
      type: text(get('type')),
      description,
      basis: text(get('basis')),
      location: text(get('location')),
      requirement: text(get('requirement')),
      deadline: dateOf(get('deadline')),
      owner: text(get('owner')),
      status,
      note: text(get('note')),
      recheck: text(get('recheck')),
    };
    items.push({ ...item, source: sourceOf(item) });
  }
  return items;
}
