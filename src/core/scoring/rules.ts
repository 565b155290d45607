/** Scoring rules of the finding catalogue (RULES.md "Scoring", plus the ids added here). */
import { defineRule } from '../findings';

export const scoreOutOfRange = defineRule<{ indicator: string; score: number; max: number }>({
  id: 'score-out-of-range',
  severity: 'error',
  title: '得分超出范围',
  description: '得分不在 [0, 分值] 内，或不是 0.5 的整数倍；该得分不参与计算。',
  message: (p) => `“${p.indicator}”得分 ${p.score} 无效：应在 0～${p.max} 分之间，且为 0.5 的整数倍`,
  suggestion: () => '请改正得分后重新计算',
});

export const scoreMissing = defineRule<{ what: string }>({
  id: 'score-missing',
  severity: 'warning',
  title: '缺少评分',
  description: '某单位在某轮检查中缺少某项指标的评分（按 0 分计），或全年没有任何评分（基础分按 0 分计）。',
  message: (p) => p.what,
});

export const scoreDisagreement = defineRule<{
  indicator: string;
  round: string;
  spread: number;
  max: number;
  detail: string;
}>({
  id: 'score-disagreement',
  severity: 'warning',
  title: '评分分歧较大',
  description: '同一轮次同一指标，各检查人的得分相差超过该指标分值的规定比例（默认 20%）。',
  message: (p) => `${p.round}“${p.indicator}”各检查人评分相差 ${p.spread} 分（分值 ${p.max}）：${p.detail}`,
  suggestion: () => '请检查人复核、协商评分',
});

export const rubricInvalid = defineRule<{ problem: string }>({
  id: 'rubric-invalid',
  severity: 'error',
  title: '评分细则有误',
  description: '评分细则格式不对：各项分值之和与总分不符、编号或名称重复、分值不是正的 0.5 整数倍等。',
  message: (p) => `评分细则有误：${p.problem}`,
});

export const scoreUnknownIndicator = defineRule<{ value: string }>({
  id: 'score-unknown-indicator',
  severity: 'warning',
  title: '未知评分指标',
  description: '评分表中的二级指标在评分细则中找不到；该行不参与计算。',
  message: (p) => `评分细则中没有指标“${p.value}”，该行未计分`,
  suggestion: () => '请使用评分细则中的二级指标名称或编号',
});

export const scoreUnknownUnit = defineRule<{ value: string; nearest?: string | null }>({
  id: 'score-unknown-unit',
  severity: 'warning',
  title: '未知被检查单位',
  description: '给出了单位名单，但评分或加减分中的单位不在名单（含别名）中；该单位的评分和加减分未计入排名。',
  message: (p) => `单位“${p.value}”不在单位名单中，其评分和加减分未计入排名` + (p.nearest ? `，是否为“${p.nearest}”？` : ''),
  suggestion: () => '请核对单位名称是否与单位名单一致，或在名单中补充别名',
});

export const scoreInvalidRow = defineRule<{ problem: string }>({
  id: 'score-invalid-row',
  severity: 'error',
  title: '评分行无法识别',
  description: '评分行的轮次、单位或得分无法识别；该行不参与计算。',
  message: (p) => p.problem,
});

/** With two different values, both are shown (as score-conflict does across sheets). */
export const scoreDuplicate = defineRule<{ what: string; first?: string; second?: string }>({
  id: 'score-duplicate',
  severity: 'warning',
  title: '重复评分',
  description: '同一检查人对同一单位同一轮次同一指标评了多次；以最后一次为准。',
  message: (p) => (p.first && p.second ? `${p.what}重复评分且得分不同：${p.first}，${p.second}；以后者为准` : `${p.what}重复评分，以最后一次为准`),
  suggestion: (p) => (p.first && p.second ? '请检查人核对后只保留一个得分' : undefined),
});

export const scoreConflict = defineRule<{ what: string; first: string; second: string }>({
  id: 'score-conflict',
  severity: 'warning',
  title: '评分文件不一致',
  description: '两个评分文件（或评分文件与评分表）对同一检查人、同一单位、同一轮次、同一指标给出不同得分；以后者为准。',
  message: (p) => `${p.what}的得分不一致：${p.first}，${p.second}；以后者为准`,
  suggestion: () => '请检查人核对后只保留一个得分',
});

export const scoreRowsHidden = defineRule<{ rows: string; count: number }>({
  id: 'score-rows-hidden',
  severity: 'info',
  title: '隐藏的评分行',
  description: '评分表中被隐藏的行（多为检查人改分后留下的旧行）不计分，以可见的评分为准。',
  message: (p) => `第 ${p.rows} 行${p.count > 1 ? `（共 ${p.count} 行）` : ''}被隐藏，未计分，以可见的评分为准`,
  suggestion: () => '如隐藏的行也应计分，请取消隐藏；不需要的旧行请删除',
});

export const scoreOtherYear = defineRule<{ year: number; assessmentYear: number; rows: number }>({
  id: 'score-other-year',
  severity: 'warning',
  title: '非本年度评分',
  description: '评分表的工作表名、标题、轮次或检查日期写明的年份不是考核年度（检查日期所在年份；各评分表只写了更早的年份时，取其中最近的一年）；这些评分未计分。',
  message: (p) => `此处写明的是 ${p.year} 年的评分（${p.rows} 行），不是考核年度 ${p.assessmentYear} 年的，未计分`,
  suggestion: () => '如确为本年度评分，请改正年份；往年评分请移出评分文件',
});

export const scoreRoundMissing = defineRule<{ round: string }>({
  id: 'score-round-missing',
  severity: 'warning',
  title: '缺少一轮检查',
  description: '单位缺少某一轮检查的评分；年度得分取已有轮次的平均，缺少的轮次不按 0 分计。',
  message: (p) => `没有${p.round}检查评分，年度得分按已有轮次计算`,
});

export const scoreTotalMismatch = defineRule<{ label: string; written: number; sum: number }>({
  id: 'score-total-mismatch',
  severity: 'warning',
  title: '合计与各项得分不符',
  description: '评分表写明的合计、总分或小计与其上各项得分之和不符；按各项得分计算，写明的合计不参与计算。',
  message: (p) => `${p.label}写为 ${p.written} 分，各项得分之和为 ${p.sum} 分；按各项得分计算`,
  suggestion: () => '请检查人核对各项得分与合计',
});

export const scoreSheetSkipped = defineRule<{ sheet: string; others: string }>({
  id: 'score-sheet-skipped',
  severity: 'info',
  title: '汇总表未重复计分',
  description: '评分文件中除各检查人（或各轮次）的评分表外还有汇总表；汇总表的分数已包含在分表中，未重复计分。',
  message: (p) => `工作表“${p.sheet}”是“${p.others}”的汇总，未重复计分`,
});

export const scoreSheetHidden = defineRule<Record<string, never>>({
  id: 'score-sheet-hidden',
  severity: 'warning',
  title: '隐藏的评分表',
  description: '评分文件中被隐藏的工作表有评分：隐藏的表多为旧稿，不计分；如应计分，请取消隐藏后重新导入。',
  message: () => '该工作表被隐藏，其中的评分未计入；如应计分，请取消隐藏后重新导入',
});

export const scoreSheetInvalid = defineRule<{ problem: string }>({
  id: 'score-sheet-invalid',
  severity: 'error',
  title: '评分表格式有误',
  description: '评分、加减分或参数工作表找不到表头或缺少必需列；整张表未读取。',
  message: (p) => p.problem,
});

export const adjustmentInvalid = defineRule<{ problem: string }>({
  id: 'adjustment-invalid',
  severity: 'error',
  title: '加减分行有误',
  description: '加减分表的类型不是“加分”或“否决”，或加分分值不是非负数，或评分表的加分、减分、一票否决列无法计入；该项未计入。',
  message: (p) => p.problem,
});

/** The same row (unit, kind, points, note) counts once: typed twice, or copied into several files. */
export const adjustmentDuplicate = defineRule<{ unit: string; item: string; first: string }>({
  id: 'adjustment-duplicate',
  severity: 'warning',
  title: '加减分重复',
  description: '同一张加减分表中同一单位的同一项加分或否决（分值、说明相同）出现多次；只计一次。',
  message: (p) => `${p.unit}的${p.item}与本表 ${p.first} 重复，只计一次`,
  suggestion: () => '如确为两项，请在说明中分别写明依据',
});

export const adjustmentRepeated = defineRule<{ unit: string; item: string; first: string }>({
  id: 'adjustment-repeated',
  severity: 'info',
  title: '加减分已在其他文件中',
  description: '同一单位的同一项加分或否决（分值、说明相同）出现在几个文件或工作表中（如各检查人的评分文件、退回的考核结果都带有加减分表）；只计一次。',
  message: (p) => `${p.unit}的${p.item}与“${p.first}”相同，只计一次`,
});

export const adjustmentConflict = defineRule<{ unit: string; note: string; first: string; second: string }>({
  id: 'adjustment-conflict',
  severity: 'warning',
  title: '加分分值不一致',
  description: '评分表中各检查人对同一单位的同一项加分（说明相同）给出不同分值：只计一次，以后者为准。',
  message: (p) => `${p.unit}的加分${p.note ? `“${p.note}”` : ''}分值不一致：${p.first}，${p.second}；只计一次，以后者为准`,
  suggestion: () => '请检查人核对后统一分值',
});

export const paramsInvalid = defineRule<{ label: string; value: string; fallback: string }>({
  id: 'params-invalid',
  severity: 'error',
  title: '参数值有误',
  description: '参数表中的值无法识别或超出范围；使用默认值。',
  message: (p) => `参数“${p.label}”的值“${p.value}”无效，已使用 ${p.fallback}`,
});

export const paramsUnknown = defineRule<{ label: string }>({
  id: 'params-unknown',
  severity: 'warning',
  title: '未知参数',
  description: '参数表中有无法识别的参数名；已忽略。',
  message: (p) => `无法识别参数“${p.label}”，已忽略`,
});

export const rectStatusInvalid = defineRule<{ value: string }>({
  id: 'rect-status-invalid',
  severity: 'warning',
  title: '整改状态无法识别',
  description: '整改台账中的整改状态不是 待整改/整改中/已整改/无法整改；按“待整改”处理。',
  message: (p) => `整改状态“${p.value}”无法识别，按“待整改”处理`,
});

/** Every rule this module can emit, for docs and the 校验结果 legend. */
export const SCORING_RULES = [
  scoreOutOfRange,
  scoreMissing,
  scoreDisagreement,
  rubricInvalid,
  scoreUnknownIndicator,
  scoreUnknownUnit,
  scoreInvalidRow,
  scoreDuplicate,
  scoreConflict,
  scoreOtherYear,
  scoreRowsHidden,
  scoreRoundMissing,
  scoreSheetInvalid,
  scoreSheetHidden,
  scoreSheetSkipped,
  scoreTotalMismatch,
  adjustmentInvalid,
  adjustmentDuplicate,
  adjustmentRepeated,
  adjustmentConflict,
  paramsInvalid,
  paramsUnknown,
  rectStatusInvalid,
] as const;
