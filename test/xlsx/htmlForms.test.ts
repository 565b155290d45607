/**
 * Web pages saved from OA systems with their form fields: what the page shows in a cell is the
 * value of its text input or the chosen option of its drop-down, not the empty markup around it.
 */
import { strToU8 } from 'fflate';
import { readSubmission } from '../../src/xlsx/read';
import { dump } from './formatFiles';
import { checked, ok } from './plainPackage';

const H = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'];
const page = (cells: string[]) =>
  strToU8(
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><form><table border=1>` +
      `<tr><td colspan=7>网站平台更新登记备案表</td></tr>` +
      `<tr><td colspan=7>填报单位：化学学院  单位负责人签名（盖章）：王五  填表人：李明  填表人电话：13800001111</td></tr>` +
      `<tr>${H.map((h) => `<td>${h}</td>`).join('')}</tr><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr></table></form></body></html>`,
  );
const PLAIN = ['1', '化学学院官网', '张三', '李明', '13800001111', '通知公告', '2024-11-18'];
const read = async (cells: string[]) => ok(await readSubmission('化学学院.html', page(cells)));

describe('form fields in web-page cells', () => {
  it('text inputs, a date input, a textarea and a chosen option read as the typed page', async () => {
    const fields = [
      '<input type="hidden" name="id" value="x9">1',
      '<input type="text" name="a" value="化学学院官网">',
      '<input value="张三">',
      '<INPUT TYPE=TEXT VALUE=李明>',
      '<input type="tel" value="13800001111">',
      '<textarea name="c">通知公告</textarea>',
      '<select name="d"><option value="">请选择</option><option value="2024-11-18" selected>2024-11-18</option><option>2024-11-19</option></select>',
    ];
    const got = await read(fields);
    const plain = await read(PLAIN);
    expect(dump(got.workbook)).toEqual(dump(plain.workbook));
    expect(checked('化学学院.html', got)).toEqual(checked('化学学院.html', plain));
  });

  it('a drop-down with nothing chosen shows its first option', async () => {
    const got = await read([...PLAIN.slice(0, 6), '<select><option>2024-11-18</option><option>2024-11-19</option></select>']);
    expect(dump(got.workbook)[0]!.rows.at(-1)).toBe(dump((await read(PLAIN)).workbook)[0]!.rows.at(-1));
  });

  it('near miss: buttons, check boxes and radio buttons add no text of their own', async () => {
    const got = await read([...PLAIN.slice(0, 6), '2024-11-18<input type="button" value="选择"><input type="checkbox" value="on"><input type="radio" value="1">']);
    expect(dump(got.workbook)).toEqual(dump((await read(PLAIN)).workbook));
  });

  it('near miss: an empty input is an empty required cell, said so', async () => {
    const got = await read([PLAIN[0]!, '<input type="text" value="">', ...PLAIN.slice(2)]);
    expect(checked('化学学院.html', got).findings.filter((f) => f.startsWith('cell-required'))).toEqual([expect.stringMatching(/^cell-required .*B4 “网站名称”为必填项/)]);
  });
});
