/**
 * The checker's finding catalogue (RULES.md): one declaration per rule with id, severity,
 * title, description and a Chinese message template. Scoring rules live in core/scoring.
 */
import { defineRule } from '../findings';

type Col = { column: string };
type Val = Col & { value: string };

// File and sheet
export const fileUnreadable = defineRule<{ detail: string }>({
  id: 'file-unreadable', severity: 'error', title: '文件无法读取',
  description: '不是可读取的电子表格：损坏或不完整的压缩包、扩展名与内容不符、已加密、空文件。',
  message: (p) => p.detail,
});
export const fileUnsupported = defineRule<{ detail: string }>({
  id: 'file-unsupported', severity: 'error', title: '文件格式不支持',
  description: '不是表格或 Word 文档的文件（压缩包、PDF、图片、.odt 等）：消息说明可以提交哪些格式。',
  message: (p) => p.detail,
});
export const fileScan = defineRule<{ read: string }>({
  id: 'file-scan', severity: 'info', title: '扫描件或图片',
  description: '盖章纸质件的扫描件或照片（PDF、图片），与本单位可读取的备案表文件一同提交：不读取其内容，也不算未导入。',
  message: (p) => `扫描件或图片不能读取表格内容，未导入；本单位的备案表已从“${p.read}”导入`,
});
export const fileExtensionMismatch = defineRule<{ extension: string; actual: string }>({
  id: 'file-extension-mismatch', severity: 'info', title: '扩展名与内容不符',
  description: '文件按内容读取（如网页或文本另存为 .xls、.xlsx 改名为 .et）；扩展名只用于提示。',
  message: (p) => `文件扩展名是 .${p.extension}，内容实际是${p.actual}，已按实际内容读取`,
  suggestion: () => '建议按实际格式保存，或另存为 .xlsx 后再提交',
});
export const fileTooLarge = defineRule<{ detail: string }>({
  id: 'file-too-large', severity: 'error', title: '文件超出限制',
  description: '压缩或解压后大小、单表单元格数超过上限；整个文件不导入。',
  message: (p) => p.detail,
});
export const fileDuplicate = defineRule<{ original: string }>({
  id: 'file-duplicate', severity: 'info', title: '重复文件',
  description: '与已导入文件内容完全相同（SHA-256 一致），已跳过。',
  message: (p) => `与已导入的“${p.original}”内容完全相同，已跳过`,
});
export const fileReplaced = defineRule<{ form: string; newer: string }>({
  id: 'file-replaced', severity: 'info', title: '已被新版本替换',
  description: '同一单位同一表格的较新文件替换了较早文件中的数据。',
  message: (p) => `本文件的“${p.form}”已被较新提交的“${p.newer}”替换，汇总以新文件为准`,
});
export const fileSplitByUnit = defineRule<{ column: string; units: number; rows: number }>({
  id: 'file-split-by-unit', severity: 'info', title: '按单位列拆分读取',
  description: '一个文件中有多个单位的数据（如在线收集表导出、手工合并的汇总表），按“填报单位”等列分别计入各单位。',
  message: (p) => `本文件按“${p.column}”列分属 ${p.units} 个单位，本单位的 ${p.rows} 行已单独读取；请核对各行所填单位是否正确`,
});
export const fileSplitBySheet = defineRule<{ units: number; sheets: string[] }>({
  id: 'file-split-by-sheet', severity: 'info', title: '按工作表拆分读取',
  description: '一个工作簿中有多个单位的工作表（如把各单位的表复制到一个文件），按各表的“填报单位”分别计入各单位。',
  message: (p) => `本文件的工作表按“填报单位”分属 ${p.units} 个单位，本单位的工作表（${p.sheets.join('、')}）已单独读取`,
});
export const unitUnidentified = defineRule({
  id: 'unit-unidentified', severity: 'error', title: '无法识别填报单位',
  description: '“填报单位”、文件名和标题中都找不到单位名称。',
  message: () => '无法识别填报单位：请在表头“填报单位：”后填写单位全称，或以单位名称命名文件（如“信息工程学院-备案表.xlsx”）',
});
export const unitUnknown = defineRule<{ name: string; nearest: string | null }>({
  id: 'unit-unknown', severity: 'warning', title: '单位不在名单中',
  description: '给出了单位名单，但该单位名称不在名单（含别名）中。',
  message: (p) => `单位“${p.name}”不在单位名单中` + (p.nearest ? `，是否为“${p.nearest}”？` : '，请核对单位全称或在名单中补充别名'),
});
export const unitMissing = defineRule<{ reason: string }>({
  id: 'unit-missing', severity: 'error', title: '单位未报送',
  description: '名单中的单位没有提交任何可导入的备案表。',
  message: (p) => `未收到可导入的备案表${p.reason}，请督促报送`,
});
export const formMissing = defineRule<{ form: string }>({
  id: 'form-missing', severity: 'warning', title: '缺少备案表',
  description: '单位提交了部分表格，但缺少这一张（填“无”视为已报送）。',
  message: (p) => `未报送《${p.form}》；如确无此类平台，请在表中填写“无”后报送`,
});
export const formLate = defineRule<{ form: string; submitted: string; deadline: string }>({
  id: 'form-late', severity: 'warning', title: '逾期报送',
  description: '文件提交时间晚于报送截止日期。',
  message: (p) => `《${p.form}》提交时间 ${p.submitted} 晚于截止日期 ${p.deadline}`,
});
export const sheetUnrecognized = defineRule({
  id: 'sheet-unrecognized', severity: 'warning', title: '工作表无法识别',
  description: '非空工作表与五张模板均不匹配。',
  message: () => '该工作表不是任何一种备案表（找不到模板表头），未导入；如为备案表，请使用统一模板的表头',
});
export const sheetTransposed = defineRule<{ form: string }>({
  id: 'sheet-transposed', severity: 'error', title: '表格为竖排',
  description: '工作表是竖排的备案表（第一列为项目名称，每列一条记录），无法按模板读取，未导入。',
  message: (p) => `该工作表是竖排的${p.form}（第一列为项目名称、每列一条记录），无法按模板读取，未导入；请按模板横向填写（表头在上、每行一条记录）后重新报送`,
});
export const sheetHiddenCopy = defineRule<{ form: string; visible: string }>({
  id: 'sheet-hidden-copy', severity: 'info', title: '隐藏的重复表',
  description: '隐藏的工作表与可见工作表是同一种备案表（多为留在工作簿里的旧版本）：以可见工作表为准，隐藏的不导入。',
  message: (p) => `该工作表已隐藏，与“${p.visible}”同为${p.form}，视为旧版本未导入；如也需报送，请取消隐藏并把内容并入“${p.visible}”`,
});
export const rowsHidden = defineRule<{ rows: string; count: number }>({
  id: 'rows-hidden', severity: 'warning', title: '有隐藏的行',
  description: '备案表中有被隐藏的数据行：已按报送内容计入并校验，但打印和查看时看不到，容易漏报或误报。',
  message: (p) => `第 ${p.rows} 行${p.count > 1 ? `（共 ${p.count} 行）` : ''}被隐藏，已按报送内容计入；请取消隐藏核对，不需要的行请删除`,
});
export const columnsHidden = defineRule<{ columns: string; count: number }>({
  id: 'columns-hidden', severity: 'warning', title: '有隐藏的列',
  description: '备案表中有被隐藏的列：已按报送内容计入并校验，但打印和查看时看不到，容易漏报或误报。',
  message: (p) => `${p.columns}${p.count > 1 ? `（共 ${p.count} 列）` : ''}被隐藏，已按报送内容计入；请取消隐藏核对，不需要的列请删除`,
});
export const cellDitto = defineRule<{ cells: string; count: number }>({
  id: 'cell-ditto', severity: 'info', title: '“同上”按上一行读取',
  description: '单元格写“同上”或“〃”：按上一行同一列的内容读取并校验；汇总表中显示实际内容。',
  message: (p) => `${p.cells}${p.count > 1 ? ` 等 ${p.count} 个单元格` : ''}写作“同上”，已按上一行同列内容读取；建议填写实际内容`,
});
export const fileStatement = defineRule<{ forms: string[] }>({
  id: 'file-statement', severity: 'info', title: '以情况说明报送',
  description: '文件没有备案表，只有一段说明本单位没有某类平台的文字：所说的各表按“无”计入。',
  message: (p) => `文件为情况说明，按其所述本单位无${p.forms.join('、')}，这些表按“无”计入；其他表仍需报送`,
});
export const sheetCopy = defineRule<{ form: string; visible: string }>({
  id: 'sheet-copy', severity: 'warning', title: '重复的工作表',
  description: '两张工作表是同一种备案表且内容逐格相同（多为复制工作表后未删除）：只计入一次。',
  message: (p) => `该工作表与“${p.visible}”内容完全相同，只计入一次；请删除多余的工作表`,
});
export const sheetUnreadable = defineRule<{ detail: string }>({
  id: 'sheet-unreadable', severity: 'error', title: '工作表无法读取',
  description: '工作簿中列出的工作表找不到对应的数据部件或内容无法解析；该表未导入，其余工作表照常导入。',
  message: (p) => p.detail,
});
export const cellUnreadable = defineRule<{ detail: string }>({
  id: 'cell-unreadable', severity: 'error', title: '单元格无法读取',
  description: '单元格引用了不存在的共享字符串等，内容无法读取。',
  message: (p) => p.detail,
});
export const cellImage = defineRule<{ detail: string }>({
  id: 'cell-image', severity: 'warning', title: '单元格中是图片',
  description: '非必填列的单元格中嵌入了图片（WPS“嵌入单元格”、Excel“置于单元格中”）：图片无法作为文字读取，该格按空白计入。必填列中的图片为“单元格无法读取”。',
  message: (p) => p.detail,
});
export const formulaNoValue = defineRule<{ detail: string }>({
  id: 'formula-no-value', severity: 'error', title: '公式没有计算结果',
  description: '公式单元格没有保存计算结果，且不是能直接算出的简单公式（四则运算、DATE、TODAY、ROW、单元格引用）。',
  message: (p) => p.detail,
});
export const readLimit = defineRule<{ detail: string }>({
  id: 'read-limit', severity: 'warning', title: '超出读取上限',
  description: '文件某部分超过读取上限（列数、合并区域、文字长度、公式长度、工作表条目等），超出部分未读取，其余内容照常导入。',
  message: (p) => p.detail,
});
export const csvRowMalformed = defineRule<{ detail: string }>({
  id: 'csv-row-malformed', severity: 'error', title: 'CSV 行格式错误',
  description: 'CSV 中引号未闭合或字段格式错误，该行及其后的内容可能被合并或错位。',
  message: (p) => p.detail,
});
export const encodingMixed = defineRule<{ detail: string }>({
  id: 'encoding-mixed', severity: 'error', title: '文件编码混杂',
  description: 'CSV 文件中同时有 UTF-8 和 GBK 编码的文字，部分内容可能读错。',
  message: (p) => p.detail,
});
export const findingsCapped = defineRule<{ shown: number; total: number }>({
  id: 'findings-capped', severity: 'warning', title: '问题过多',
  description: '一张表的问题超过上限，只列出前面的部分。',
  message: (p) => `该表问题过多，仅列出前 ${p.shown} 条（共 ${p.total} 条）；请先按已列出的问题整体修改后重新提交`,
});
export const signerMissing = defineRule<{ missing: string[] }>({
  id: 'signer-missing', severity: 'warning', title: '签字栏不完整',
  description: '单位负责人 / 填表人 / 填表人电话缺失。',
  message: (p) => `表头签字栏缺少：${p.missing.join('、')}，请补填`,
});

export const formEmpty = defineRule<{ form: string }>({
  id: 'form-empty', severity: 'warning', title: '未填写',
  description: '备案表既没有填写任何一行，也没有填写“无”（例如原样交回的模板）。',
  message: (p) => `${p.form}未填写任何内容：请逐行填写；本单位没有此类平台时，在第一行填写“无”`,
});

// Header
export const headerMissingColumn = defineRule<Col>({
  id: 'header-missing-column', severity: 'error', title: '缺少必填列',
  description: '模板中的必填列不存在。',
  message: (p) => `缺少必填列“${p.column}”，请按模板补齐该列`,
});
export const headerExtraColumn = defineRule<Col>({
  id: 'header-extra-column', severity: 'info', title: '多余列',
  description: '模板之外的列，作为附加列保留在汇总中。',
  message: (p) => `列“${p.column}”不在模板中，已作为附加列保留`,
});
export const headerAlias = defineRule<Col & { header: string }>({
  id: 'header-alias', severity: 'info', title: '列名已按别名识别',
  description: '列名与模板不同，按别名或规范化后识别。',
  message: (p) => `列名“${p.header}”按“${p.column}”识别`,
});
export const headerOrder = defineRule({
  id: 'header-order', severity: 'info', title: '列顺序与模板不同',
  description: '列的顺序与模板不同（已按列名对应）。',
  message: () => '列顺序与模板不同，已按列名对应读取',
});
export const headerDuplicateColumn = defineRule<Col>({
  id: 'header-duplicate-column', severity: 'error', title: '重复列',
  description: '同一列出现两次，无法确定哪一列是有效数据。',
  message: (p) => `列“${p.column}”出现了两次，请删除多余的一列`,
});
export const cellExtra = defineRule<{ value: string }>({
  id: 'cell-extra', severity: 'warning', title: '无表头的单元格',
  description: '没有列名的列中有内容（已作为附加列保留）。',
  message: (p) => `单元格内容“${p.value}”所在列没有列名，请补充列名或移到正确的列`,
});

// Rows and cells
export const rowDuplicate = defineRule<{ first: string; where?: string }>({
  id: 'row-duplicate', severity: 'warning', title: '重复行',
  description: '与同表中前面一行（规范化后）完全相同。',
  message: (p) => `与${p.where ?? ''}第 ${p.first} 行完全相同，请删除重复行`,
});
export const cellUnique = defineRule<{ key: string; first: string; where?: string }>({
  id: 'cell-unique', severity: 'warning', title: '关键字段重复',
  description: '同一表中关键字段（网站名称、平台+账号ID、群名称）重复但其他内容不同。',
  message: (p) => `“${p.key}”与${p.where ?? ''}第 ${p.first} 行重复但其他内容不同，请核对是否为同一平台`,
});
export const cellPersonalId = defineRule<Col>({
  id: 'cell-personal-id', severity: 'warning', title: '含身份证号',
  description: '自由文本中出现 18 位身份证号等个人信息，不应报送或传播。',
  message: (p) => `“${p.column}”中含有身份证号码，请删除个人敏感信息`,
});
export const seqBroken = defineRule<{ detail: string }>({
  id: 'seq-broken', severity: 'info', title: '序号不连续',
  description: '序号不是 1..n（有跳号、重复或文字）。',
  message: (p) => `序号不连续：${p.detail}`,
});
export const cellRequired = defineRule<Col>({
  id: 'cell-required', severity: 'error', title: '必填项为空',
  description: '必填单元格为空。',
  message: (p) => `“${p.column}”为必填项，不能为空`,
});
export const cellNumber = defineRule<Val>({
  id: 'cell-number', severity: 'error', title: '不是有效数字',
  description: '需要数字的地方不是数字，或为负数。',
  message: (p) => `“${p.column}”应为非负数字，当前为“${p.value}”`,
});
export const cellNumberNormalized = defineRule<Val & { number: number }>({
  id: 'cell-number-normalized', severity: 'info', title: '数字已规范化',
  description: '“1.2万”“3000+”“约5000”“2,000”等按数字读取。',
  message: (p) => `“${p.column}”中的“${p.value}”按 ${p.number} 读取，建议直接填写数字`,
});
export const cellDate = defineRule<Val>({
  id: 'cell-date', severity: 'error', title: '日期无效',
  description: '不是日期，或是不存在的日期。',
  message: (p) => `“${p.column}”中的“${p.value}”不是有效日期，请填写如 2024-03-25`,
});
export const cellDateMonth = defineRule<Val>({
  id: 'cell-date-month', severity: 'error', title: '日期只到月份',
  description: '只填了年月（如 2024年11月），该列需要具体到日的日期（开通日期、清理时间填到月份即可）。',
  message: (p) => `“${p.column}”中的“${p.value}”只填到月份，请填写具体日期，如 2024-03-25`,
});
export const cellDateFuture = defineRule<Val & { asOf: string }>({
  id: 'cell-date-future', severity: 'error', title: '日期晚于检查日期',
  description: '日期在检查日期（asOf）之后。',
  message: (p) => `“${p.column}”为 ${p.value}，晚于检查日期 ${p.asOf}，请核对`,
});
export const cellPhone = defineRule<Val>({
  id: 'cell-phone', severity: 'error', title: '电话号码无效',
  description: '既不是手机号（1[3-9]+9 位）也不是带区号的座机号。',
  message: (p) => `${p.column}“${p.value}”不是有效的手机或座机号码`,
  suggestion: () => '手机号为 11 位；座机请带区号，如 0668-2923456',
});
export const cellPhoneShort = defineRule<Val>({
  id: 'cell-phone-short', severity: 'warning', title: '校内短号',
  description: '5–6 位校园短号，仅校内可拨。',
  message: (p) => `${p.column}“${p.value}”是校内短号，校外无法联系，请补充手机号`,
});
export const cellPhoneLostZero = defineRule<Val & { phone: string }>({
  id: 'cell-phone-lost-zero', severity: 'error', title: '电话号码存为数字',
  description: '座机号码填在数字格式的单元格里，开头的 0 被去掉了（如 02787654321 显示为 2787654321）；按补回 0 的号码读取。',
  message: (p) => `${p.column}“${p.value}”存为数字，开头的 0 已丢失，按 ${p.phone} 读取；请将该单元格设为文本格式后重新填写`,
});
export const cellEnum = defineRule<Val & { allowed: string[] }>({
  id: 'cell-enum', severity: 'error', title: '不是允许的取值',
  description: '不在允许值（含别名）之内。',
  message: (p) => `“${p.column}”的“${p.value}”不是允许的取值，请填写：${p.allowed.join('、')}`,
});
export const cellFormulaError = defineRule<Val>({
  id: 'cell-formula-error', severity: 'error', title: '公式错误',
  description: '单元格中是公式错误值（#REF!、#N/A、#VALUE! 等）。',
  message: (p) => `“${p.column}”是公式错误值 ${p.value}，请填写实际内容`,
});
export const cellFormulaText = defineRule<Val>({
  id: 'cell-formula-text', severity: 'warning', title: '疑似公式的文本',
  description: '以 =、+、-、@ 开头的文本（按文本保存，不会作为公式执行）。',
  message: (p) => `“${p.column}”的内容“${p.value}”以公式符号开头，已按文本保存，请确认是否误填`,
});

// Domain
export const websiteStale = defineRule<{ site: string; date: string; days: number; limit: number }>({
  id: 'website-stale', severity: 'warning', title: '网站更新不及时',
  description: '最后更新日期早于检查日期 7 天以上（每周至少更新，西双版纳职院办法第八条）。',
  message: (p) => `网站“${p.site}”最后更新于 ${p.date}，已 ${p.days} 天未更新（超过 ${p.limit} 天），应每周更新`,
});
export const websiteStaleLong = defineRule<{ site: string; date: string; days: number; limit: number }>({
  id: 'website-stale-long', severity: 'error', title: '网站长期未更新',
  description: '最后更新日期早于检查日期 14 天以上。',
  message: (p) => `网站“${p.site}”最后更新于 ${p.date}，已 ${p.days} 天未更新（超过 ${p.limit} 天），请立即更新或申请关停`,
});
export const websiteDomain = defineRule<{ site: string; url: string; domain: string }>({
  id: 'website-domain', severity: 'warning', title: '网站未使用统一域名',
  description: '设置了参数“网站域名”（如 hbjy.net）时，网址不是该域名的二级域名（各校统一使用 hbjy.net 的二级域名）。',
  message: (p) => `网站“${p.site}”的网址 ${p.url} 不在 ${p.domain} 下，应使用 ${p.domain} 的二级域名`,
  suggestion: (p) => `改用 xxx.${p.domain} 形式的网址，或核实网址是否填写正确`,
});
export const websiteUrlMissing = defineRule<{ site: string; domain: string }>({
  id: 'website-url-missing', severity: 'info', title: '网站未填写网址',
  description: '设置了参数“网站域名”时，网站没有填写网址，无法核对是否使用统一域名。',
  message: (p) => `网站“${p.site}”没有填写网址，无法核对是否使用 ${p.domain} 的二级域名`,
  suggestion: () => '在“网址”列填写网站地址',
});
export const websiteColumnsIncomplete = defineRule<{ site: string; missing: readonly string[] }>({
  id: 'website-columns-incomplete', severity: 'warning', title: '党建网站栏目不全',
  description: '党建网站的栏目缺少新闻动态、组织管理、党员教育中的任一模块（评分细则“栏目规划”）。',
  message: (p) => `党建网站“${p.site}”缺少栏目：${p.missing.join('、')}`,
});
export const websiteColumnsSuggested = defineRule<{ site: string; missing: readonly string[] }>({
  id: 'website-columns-suggested', severity: 'info', title: '建议补充栏目',
  description: '网站栏目缺少该类单位建议设置的栏目。',
  message: (p) => `网站“${p.site}”建议补充栏目：${p.missing.join('、')}`,
});
export const bigvBelowThreshold = defineRule<{ name: string; followers: number; threshold: number }>({
  id: 'bigv-below-threshold', severity: 'warning', title: '粉丝数未达大V标准',
  description: '粉丝数量低于 2000，不属于“网络大V”。',
  message: (p) => `账号“${p.name}”粉丝数 ${p.followers} 低于 ${p.threshold}，不属于网络大V统计范围`,
});
export const bigvCategory = defineRule<{ person: string; both: boolean }>({
  id: 'bigv-category', severity: 'error', title: '类别填写错误',
  description: '职务职称（教师）与专业年级（学生）必须且只能填写一项。',
  message: (p) =>
    p.both
      ? `“${p.person}”同时填写了职务职称和专业年级：教师只填职务职称，学生只填专业年级`
      : `“${p.person}”未填写类别：教师填写职务职称，学生填写专业年级`,
});
export const accountStudentPhone = defineRule<{ phone: string; student: string }>({
  id: 'account-student-phone', severity: 'error', title: '账号绑定学生手机',
  description: '新媒体账号的联系电话是学生的手机号（不得使用学生手机绑定）。',
  message: (p) => `联系电话 ${p.phone} 是学生“${p.student}”的手机号，新媒体账号不得绑定学生手机，请改为教职工手机`,
});
export const groupNotRealName = defineRule<{ group: string }>({
  id: 'group-not-real-name', severity: 'error', title: '工作群未全部实名',
  description: '是否全部实名 = 否。',
  message: (p) => `工作群“${p.group}”未全部实名，请落实群成员实名制`,
});
export const zombieNotCleaned = defineRule<{ group: string }>({
  id: 'zombie-not-cleaned', severity: 'warning', title: '僵尸群未清理',
  description: '“僵尸”工作群清理备案表中是否已清理 = 否：查出的僵尸群仍保留，按年度考核扣分。',
  message: (p) => `“僵尸”工作群“${p.group}”尚未清理，请按程序及时解散或注销后更新备案表`,
});
export const zombieDateMissing = defineRule<{ group: string }>({
  id: 'zombie-date-missing', severity: 'error', title: '缺少清理时间',
  description: '是否已清理 = 是，但未填写清理时间。',
  message: (p) => `工作群“${p.group}”已清理但未填写清理时间`,
});
export const zombieStillRegistered = defineRule<{ group: string; where: string }>({
  id: 'zombie-still-registered', severity: 'warning', title: '已清理的群仍在登记',
  description: '在僵尸群清理表中标为已清理的群，仍出现在工作群组登记表中。',
  message: (p) => `工作群“${p.group}”在${p.where}中标为已清理，但仍在工作群组登记表中，请核实并删除`,
});
/** `others` holds at most a few names; `count` is how many there are in all. */
export const dupAcrossUnits = defineRule<{ what: string; others: string[]; count: number }>({
  id: 'dup-across-units', severity: 'warning', title: '多个单位重复登记',
  description: '同一账号（平台+账号ID）、工作群或网站被两个单位登记。',
  message: (p) => (p.count > p.others.length ? `${p.what}与其他 ${p.count} 个单位重复，如 ${p.others.join('、')}，请确认归属单位` : `${p.what}也被“${p.others.join('、')}”登记，请确认归属单位`),
});
export const contactConflict = defineRule<{ phone: string; names: string[]; count: number }>({
  id: 'contact-conflict', severity: 'warning', title: '同一号码对应不同姓名',
  description: '同一电话号码登记给了不同的人（一人多号不算冲突）。',
  message: (p) => (p.count > p.names.length ? `号码 ${p.phone} 登记给了 ${p.count} 个不同的人，如 ${p.names.join('、')}，请核对` : `号码 ${p.phone} 同时登记为 ${p.names.join('、')} 的电话，请核对`),
});
