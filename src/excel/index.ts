/** The Office.js adapter: reads sheets into grids, writes report models, selects cells. */
export { writeWorkbookModel, type WriteOptions, type WriteStats, CHART_PREFIX, BLOCK_BYTES } from './write';
export { readSheets, isDateFormat, parseAreas } from './read';
export { selectCell, listSheets } from './select';
export { mergeEditable, keyColumns, rawFromGrid, type RawGrid } from './merge';
export { detectCaps, MIN_EXCEL_API, MIN_CAPS, ALL_CAPS, type ExcelCaps } from './requirements';
export { REQUEST_LIMIT_BYTES, payloadBytes, utf8Length } from './batch';
