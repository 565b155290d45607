/**
 * Excel API requirement sets. The manifest asks for MIN_EXCEL_API (scripts/validate-manifest.ts
 * checks the two agree); everything newer is optional and detected at run time with
 * Office.context.requirements.isSetSupported, so the add-in still works (with less polish) on
 * older Excel builds.
 *
 * Floor 1.7: tables, values / number formats, formats, conditional formats (1.6),
 * suspendApiCalculationUntilNextSync (1.6), getItemOrNullObject / getUsedRangeOrNullObject (1.4),
 * getRangeByIndexes, freeze panes, hyperlinks, chart series X values (1.7).
 */
export const MIN_EXCEL_API = '1.7';

/** Optional features, each above the floor. */
export interface ExcelCaps {
  /** Range.dataValidation (ExcelApi 1.8): score bounds, status lists. */
  dataValidation: boolean;
  /** Worksheet.pageLayout (ExcelApi 1.9): A4, landscape, print titles, fit to width. */
  pageLayout: boolean;
  /** Worksheet.getRanges (ExcelApi 1.9): one format for many runs of cells (smaller requests). */
  rangeAreas: boolean;
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13): merged headers when reading. */
  mergedAreas: boolean;
  /** Range.valuesAsJson (ExcelApi 1.16): typed cell values (errors vs text) when reading. */
  valuesAsJson: boolean;
  /** Worksheet.notes (ExcelApi 1.18): finding notes on highlighted cells. */
  notes: boolean;
}

export interface RequirementChecker {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export function detectCaps(req: RequirementChecker): ExcelCaps {
  return {
    dataValidation: req.isSetSupported('ExcelApi', '1.8'),
    pageLayout: req.isSetSupported('ExcelApi', '1.9'),
    rangeAreas: req.isSetSupported('ExcelApi', '1.9'),
    mergedAreas: req.isSetSupported('ExcelApi', '1.13'),
    valuesAsJson: req.isSetSupported('ExcelApi', '1.16'),
    notes: req.isSetSupported('ExcelApi', '1.18'),
  };
}

/** What the floor alone guarantees. */
export const MIN_CAPS: ExcelCaps = { dataValidation: false, pageLayout: false, rangeAreas: false, mergedAreas: false, valuesAsJson: false, notes: false };
/** Everything (current Microsoft 365). */
export const ALL_CAPS: ExcelCaps = { dataValidation: true, pageLayout: true, rangeAreas: true, mergedAreas: true, valuesAsJson: true, notes: true };

/** What each optional feature gives, in the pane's words (zh-CN data), with the set it needs. */
export const FEATURES: { cap: keyof ExcelCaps; set: string; label: string }[] = [
  { cap: 'dataValidation', set: '1.8', label: '下拉选项与分值范围校验' },
  { cap: 'pageLayout', set: '1.9', label: '打印设置（A4、标题行重复）' },
  { cap: 'rangeAreas', set: '1.9', label: '成批标色（大结果写得更快）' },
  { cap: 'mergedAreas', set: '1.13', label: '读取合并的表头' },
  { cap: 'valuesAsJson', set: '1.16', label: '区分错误值与文字' },
  { cap: 'notes', set: '1.18', label: '问题单元格的批注' },
];

/** Features this host lacks (empty on current Microsoft 365 and Excel on the web). */
export function missingFeatures(caps: ExcelCaps): { cap: keyof ExcelCaps; set: string; label: string }[] {
  return FEATURES.filter((f) => !caps[f.cap]);
}

/**
 * One line for the pane's 设置: what this Excel lacks, or '' (also outside Office). Reads
 * Office.context.requirements when the page runs in an Office host.
 */
export function hostLimitsLine(office: { context?: { requirements?: RequirementChecker } } | undefined = (globalThis as unknown as { Office?: { context?: { requirements?: RequirementChecker } } }).Office): string {
  const req = office?.context?.requirements;
  if (!req || typeof req.isSetSupported !== 'function') return '';
  const missing = missingFeatures(detectCaps(req));
  return missing.length ? `此版本 Excel 不支持：${missing.map((f) => f.label).join('、')}（需要 Microsoft 365 或较新的 Excel）` : '';
}
