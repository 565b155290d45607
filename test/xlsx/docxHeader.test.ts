/** A unit named only in a Word document's page header (填报单位 typed there, printed on every page). */
import { strToU8, zipSync } from 'fflate';
import { checkFile } from '../../src/core/check';
import { readSubmission } from '../../src/xlsx/read';
import { HEAD } from '../core/builders';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const row = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`;

function docx(header: string): Uint8Array {
  const table = `<w:tbl>${row(HEAD.website)}${row(['1', '化学学院网', '张三', '李四', '13800001234', '新闻动态', '2024-11-18'])}</w:tbl>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<w:document ${W}><w:body>${p('网站平台更新登记备案表')}${table}</w:body></w:document>`),
    'word/header1.xml': strToU8(`<w:hdr ${W}>${p(header)}</w:hdr>`),
  });
}

async function unitOf(header: string): Promise<string | null> {
  const read = await readSubmission('备案表.docx', docx(header));
  return checkFile({ file: '备案表.docx', sha256: 'x', size: 1, read }, 0, { asOf: '2024-11-20' }).record.unit;
}

describe('a Word page header', () => {
  it('naming the unit (填报单位：…) names the file’s unit', async () => {
    expect(await unitOf('填报单位：化学学院    填表人：李四    填表人电话：13800001234')).toBe('化学学院');
  });

  it('near miss: a header saying something else names no unit', async () => {
    expect(await unitOf('内部资料 注意保密')).toBeNull();
  });
});
