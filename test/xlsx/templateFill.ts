/** Fills a unit template by program, the way a unit would: signer inputs, then row 1 of each form. */
import ExcelJS from 'exceljs';
import { toBytes } from './helpers';

export const VALID: Record<string, (string | number | Date)[]> = {
  附件1: [1, '信息工程学院党建网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', new Date('2024-11-18T00:00:00Z')],
  附件2: [1, '微信公众号', '信工青年', 'xxgc_2019', 3200, new Date('2019-09-01T00:00:00Z'), '新闻发布', '李敏', '13800001111'],
  附件3: [1, '李敏', '13800001111', '信工迎新临时群', '工作结束', '是', new Date('2024-11-05T00:00:00Z')],
  附件4: [1, '微信群', '信工教职工群', 56, '工作通知', '是', '李敏', '13800001111'],
  附件5: [1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', '', '13911112222'],
};

export async function fillTemplate(bytes: Uint8Array, rows: Record<string, (string | number | Date)[]>, edit?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const ws of wb.worksheets.filter((w) => w.name.startsWith('附件'))) {
    const inputs: ExcelJS.Cell[] = [];
    ws.getRow(3).eachCell({ includeEmpty: true }, (c) => {
      if (c.protection?.locked === false && c.master === c) inputs.push(c);
    });
    ['王建国', '李敏', '13800001111'].forEach((v, i) => (inputs[i]!.value = v));
    rows[ws.name]!.forEach((v, i) => {
      if (v !== '') ws.getRow(5).getCell(i + 1).value = v;
    });
  }
  edit?.(wb);
  return toBytes(wb);
}

