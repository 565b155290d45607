/** Reads back what users typed into a previous result workbook (评分表, 整改台账), so re-runs keep it. */
import type { Finding } from '../findings';
import { type SheetGrid, a1, cellAt, isBlank } from '../grid';
import { RECT_STATUSES, type RectItem, type RectStatus, sourceOf } from './rectification';
import { RECT_HEADERS } from './rect-sheets';
import { type Rubric, indicatorLookup } from './rubric';
import { rectStatusInvalid, scoreInvalidRow, scoreSheetInvalid } from './rules';
import { SEP, UNNAMED_INSPECTOR } from './score-sheet';
import { type ScoreEntry, checkScore, dedupeScores, parseRound } from './scores';
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

const SCORE_COL = new RegExp(`^(.+?)${SEP}(.+)${SEP}(得分|扣分说明)$`);

function readScoreSheet(sheet: SheetGrid, rubric: Rubric, file: string | null, findings: Finding[]): ScoreEntry[] {
  const header = findHeader(sheet, { unit: ['单位'], id: ['编号'], level2: ['二级指标'] }, ['unit', 'level2']);
  if (!header) {
    findings.push(scoreSheetInvalid.at({ file, sheet: sheet.name, cell: 'A1' }, { problem: '评分表找不到“单位”“二级指标”表头，未读取' }));
    return [];
  }
  const slots = new Map<string, { round: 1 | 2; inspector: string; score?: number; note?: number }>();
  (sheet.rows[header.row] ?? []).forEach((cell, c) => {
    const m = SCORE_COL.exec(text(cell));
    const round = m ? parseRound(m[1]!) : null;
    if (!m || !round) return;
    const key = `${round}${SEP}${m[2]}`;
    // The unnamed inspector's column is theirs again: the same entry as the file's, never a second inspector.
    const name = m[2]!.trim();
    const slot = slots.get(key) ?? { round, inspector: name === UNNAMED_INSPECTOR ? '' : name };
    if (m[3] === '得分') slot.score = c;
    else slot.note = c;
    slots.set(key, slot);
  });
  const find = indicatorLookup(rubric);
  const out: ScoreEntry[] = [];
  let unit = '';
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    unit = text(cellAt(sheet, r, header.cols.unit!)) || unit; // merged unit cells: same as above
    const idText = header.cols.id === undefined ? '' : text(cellAt(sheet, r, header.cols.id));
    const ind = find(idText) ?? find(text(cellAt(sheet, r, header.cols.level2!)));
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
      out.push({ round: slot.round, inspector: slot.inspector, indicatorId: ind.id, score, note, ...place });
    }
  }
  const deduped = dedupeScores(out);
  findings.push(...deduped.findings);
  return deduped.entries;
}

type RectKey = keyof typeof RECT_HEADERS;

function readRectSheet(sheet: SheetGrid, file: string | null, findings: Finding[]): RectItem[] {
  const aliases = Object.fromEntries(Object.entries(RECT_HEADERS).map(([k, h]) => [k, [h]])) as Record<RectKey, string[]>;
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
