/** Forms laid side by side on one sheet: each is found and checked as its own form, in its own columns. */
import { CLEAN, HEAD, SIGNER, TITLE, grid, run, submission, type Raw } from './builders';
import { cellOf } from '../../src/core/rules/cells';

/** Rows of forms side by side, `gap` blank columns between them; the title row names each above its form. */
function beside(forms: { title: string; head: string[]; rows: Raw[][] }[], gap = 1, signer: string | null = SIGNER('信息工程学院')): Raw[][] {
  const starts: number[] = [];
  let at = 0;
  for (const f of forms) {
    starts.push(at);
    at += f.head.length + gap;
  }
  const line = (pick: (f: (typeof forms)[number]) => Raw[] | undefined): Raw[] => {
    const out: Raw[] = [];
    forms.forEach((f, i) => (pick(f) ?? []).forEach((v, c) => (out[starts[i]! + c] = v)));
    return Array.from(out, (v) => v ?? null);
  };
  const height = Math.max(...forms.map((f) => f.rows.length));
  return [line((f) => [f.title]), ...(signer ? [[signer]] : []), line((f) => f.head), ...Array.from({ length: height }, (_, k) => line((f) => f.rows[k]))];
}

const WEBSITE = { title: TITLE.website, head: HEAD.website, rows: CLEAN.website };
const NEWMEDIA = { title: TITLE.newmedia, head: HEAD.newmedia, rows: [CLEAN.newmedia[0]!.map((v) => (v === '13800001111' ? '1380000111' : v))] };
const GROUP = { title: TITLE.group, head: HEAD.group, rows: CLEAN.group };

describe('forms side by side on one sheet', () => {
  it('reads each form in its own columns, a problem at its own cell, the signer line shared', () => {
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', beside([WEBSITE, NEWMEDIA, GROUP]))])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['newmedia', 1], ['group', 1]]);
    // 新媒体 starts in column I (after 7 columns and a blank one): its 联系电话 is Q.
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f.form, f.cell])).toEqual([
      ['cell-phone', 'newmedia', 'Q4'],
      ['form-missing', 'zombie', null],
      ['form-missing', 'bigv', null],
    ]);
    expect(cellOf(r.tables.group[0]!, 'name')).toBe('V4');
    expect(r.findings.filter((f) => f.rule.startsWith('header-'))).toEqual([]);
  });

  it('splits forms side by side with no blank column between, each opening with its 序号', () => {
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', beside([WEBSITE, NEWMEDIA, GROUP], 0))])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['newmedia', 1], ['group', 1]]);
    expect(r.findings.filter((f) => f.rule === 'cell-phone').map((f) => f.cell)).toEqual(['P4']);
  });

  it('keeps a value typed in the blank column between two forms, as the left form’s cell-extra', () => {
    const rows = beside([WEBSITE, GROUP]);
    rows[3]![7] = '见附件';
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', rows)])]);
    expect(r.findings.filter((f) => f.rule === 'cell-extra').map((f) => [f.form, f.cell])).toEqual([['website', 'H4']]);
  });

  it('near miss: one form with a blank header cell inside is one form', () => {
    const head = HEAD.newmedia.map((h, i) => (i === 5 ? null : h));
    const r = run([submission('信息工程学院.xlsx', [grid('附件2', [[TITLE.newmedia], [SIGNER('信息工程学院')], head, ...CLEAN.newmedia])])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['newmedia', 1]]);
  });

  it('near miss: a band that is no form (a 备注 block) stays with the form on its left', () => {
    const rows = beside([WEBSITE, { title: '', head: ['备注'], rows: [['已报党委宣传部']] }, GROUP]);
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', rows)])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['group', 1]]);
    expect(r.tables.website[0]!.extras).toEqual({ 备注: '已报党委宣传部' });
  });
});
