/** Report models of the scoring sheets, and reading users' input back from them. */
export { SCORE_PRINT_SHEET, SCORE_SHEET, scoreColumnHeader, scorePrintSheet, scoreSheet, type ScoreSheetInput } from './score-sheet';
export { RANKING_SHEET, gradeColors, rankingSheet } from './ranking-sheet';
export { NOTICE_PREFIX, RECT_HEADERS, RECT_SHEET, type NoticeOptions, rectNotices, rectSheet } from './rect-sheets';
export { type ReadBack, type ReadBackInput, readBackEditable } from './readback';
export { ADJUST_SHEET, adjustmentOrigin, adjustmentsSheet, editedImports, isEditedImport, typedAdjustmentRows, withoutReimported } from './adjust-sheet';
