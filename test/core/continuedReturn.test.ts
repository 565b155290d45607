/** A form continued over two parts goes back, in the template layout, as one sheet with all its rows. */
import type { SheetGrid } from '../../src/core/grid';
import { returnCopies } from '../../src/core/report/returnCopy';
import { returnCopyLayout } from '../../src/core/report/returnCopyLayout';
import { HEAD, SIGNER, TITLE, grid, run, submission, type Raw } from './builders';

const site = (i: number, phone = '13800001111'): Raw[] => [i, `站点${i}`, '王建国', '李敏', phone, '新闻动态、通知公告', '2024-11-18'];
const table = (name: string, n: number, above: string[], rows: Raw[][]): SheetGrid => ({ ...grid(name, [...above.map((t) => [t]), ...rows]), origin: { table: n, top: above.length } });

function layout(sheets: SheetGrid[], file: string) {
  const result = run([submission(file, sheets)], { requiredForms: ['website'] });
  const copy = returnCopies(result, { deadline: '2024-12-05' })[0]!;
  const { model, copy: placed } = returnCopyLayout({ sheets }, copy);
  const forms = model.sheets.slice(1);
  return {
    sheets: forms.map((s) => `${s.name}:${s.rows.length}`),
    seq: forms.flatMap((s) => s.rows.map((r) => r[0])),
    marks: forms.flatMap((s) => s.highlights?.map((h) => `${h.row},${h.col}`) ?? []),
    cells: placed.items.filter((i) => i.rule === 'cell-phone').map((i) => `${i.sheet}!${i.cell}`),
  };
}

describe('the return copy of a continued form', () => {
  it('lays a Word table broken in two (no header on the second) out as one sheet', () => {
    const got = layout([table('表1', 1, [TITLE.website, SIGNER('信息工程学院')], [HEAD.website, site(1), site(2), site(3)]), table('表2', 2, ['续表'], [site(4), site(5, '1380000')])], '信息工程学院.docx');
    expect(got.sheets).toHaveLength(1);
    expect(got.seq).toEqual([1, 2, 3, 4, 5]);
    expect(got.marks).toEqual(['4,4']);
    expect(got.cells).toEqual([expect.stringMatching(/!E9$/)]);
  });

  it('leaves the repeated header of pasted pages out of the rows', () => {
    const got = layout([grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, site(1), site(2), HEAD.website, site(3, '1380000')])], '信息工程学院.csv');
    expect(got.sheets).toHaveLength(1);
    expect(got.seq).toEqual([1, 2, 3]);
    expect(got.marks).toEqual(['2,4']);
  });
});
