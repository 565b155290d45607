/**
 * Writes test/fixtures/formats: one unit's five forms as .xlsx (exceljs), and LibreOffice's
 * .xls, .ods, .docx and .doc of the same content, plus the HTML saved as ".xls" the way web OA
 * systems export; and a workbook of reader edge cases as gnumeric writes it (edge.*). Needs soffice; the files are committed so the tests run without it.
 *   npx tsx scripts/make-format-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edgeXlsx, formsHtml, formsXlsx, hasSsconvert, sofficeConvert, ssconvert, unitForms } from '../test/xlsx/formatFiles';

async function main(): Promise<void> {
  const dir = join(__dirname, '../test/fixtures/formats');
  mkdirSync(dir, { recursive: true });
  const forms = unitForms('机电学院');
  const xlsx = await formsXlsx(forms);
  const html = formsHtml(forms);
  const files: Record<string, Uint8Array | string> = {
    '机电学院.xlsx': xlsx,
    '机电学院.xls': sofficeConvert(xlsx, 'xlsx', 'xls'),
    '机电学院.ods': sofficeConvert(xlsx, 'xlsx', 'ods'),
    '机电学院.docx': sofficeConvert(html, 'html', 'docx:MS Word 2007 XML', 'HTML (StarWriter)'),
    '机电学院.doc': sofficeConvert(html, 'html', 'doc:MS Word 97', 'HTML (StarWriter)'),
    '机电学院-html.xls': html,
  };
  // gnumeric keeps cached string results of formulas; LibreOffice 7.4 writes them as 0.
  if (hasSsconvert()) {
    const edge = await edgeXlsx();
    files['edge.xlsx'] = edge;
    files['edge.xls'] = ssconvert(edge, 'xlsx', 'Gnumeric_Excel:excel_biff8', 'xls');
    files['edge.ods'] = ssconvert(edge, 'xlsx', 'Gnumeric_OpenCalc:odf', 'ods');
  }
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  console.log(`wrote ${Object.keys(files).length} files to ${dir}`);
}

void main();
