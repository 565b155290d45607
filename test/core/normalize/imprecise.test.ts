/**
 * Values a form's cell format or a hurried hand made imprecise: a landline kept in a number cell
 * (its leading 0 gone) and a date written to the month only. Each case fires at its cell, and
 * its near miss does not; what is read back is asserted too.
 */
import { parseDate } from '../../../src/core/normalize/date';
import { parsePhones } from '../../../src/core/normalize/phone';
import { formSheet, run, unitWorkbook, withCell, type Raw } from '../builders';
import type { Submission } from '../../../src/core/check';

const one = (replace: Parameters<typeof unitWorkbook>[1]): Submission[] => [unitWorkbook('信息工程学院.xlsx', replace)];
const site = (header: string, value: Raw) => one({ website: formSheet('website', withCell('website', header, value)) });
const media = (header: string, value: Raw) => one({ newmedia: formSheet('newmedia', withCell('newmedia', header, value)) });
const zombie = (header: string, value: Raw) => one({ zombie: formSheet('zombie', withCell('zombie', header, value)) });

interface Case {
  rule: string;
  cell: string;
  fire: () => Submission[];
  near: () => Submission[];
}

const CASES: Case[] = [
  { rule: 'cell-phone-lost-zero', cell: 'E4', fire: () => site('联系电话', 2787654321), near: () => site('联系电话', '027-87654321') },
  { rule: 'cell-phone-lost-zero', cell: 'E4', fire: () => site('联系电话', 6682923456), near: () => site('联系电话', 13800001111) },
  { rule: 'cell-phone-lost-zero', cell: 'I4', fire: () => media('联系电话', 1012345678), near: () => media('联系电话', '1012345678') },
  { rule: 'cell-phone', cell: 'E4', fire: () => site('联系电话', '2787654321'), near: () => site('联系电话', 2787654321) },
  { rule: 'cell-phone', cell: 'E4', fire: () => site('联系电话', 87654321), near: () => site('联系电话', '0668-2923456') },
  { rule: 'cell-date-month', cell: 'G4', fire: () => site('最后更新日期', '2024年11月'), near: () => site('最后更新日期', '2024年11月18日') },
  { rule: 'cell-date-month', cell: 'G4', fire: () => site('最后更新日期', '2024.11'), near: () => site('最后更新日期', '2024.11.18') },
  { rule: 'cell-date-month', cell: 'G4', fire: () => site('最后更新日期', '２０２４－１１'), near: () => site('最后更新日期', '２０２４－１１－１８') },
  { rule: 'cell-date', cell: 'G4', fire: () => site('最后更新日期', '2024年13月'), near: () => site('最后更新日期', '2024年11月') },
  { rule: 'cell-date-month', cell: 'G4', fire: () => site('最后更新日期', '2024年10月'), near: () => media('开通日期', '2019年9月') },
  { rule: 'cell-date-future', cell: 'F4', fire: () => media('开通日期', '2024-12'), near: () => media('开通日期', '2024-11') },
  { rule: 'cell-date-month', cell: 'G4', fire: () => site('最后更新日期', '2024/11'), near: () => zombie('清理时间', '2024/11') },
];

describe('imprecise values: each fires at its cell, the near miss does not', () => {
  it.each(CASES.map((c, i) => [`${c.rule} #${i + 1}`, c] as const))('%s', (_label, c) => {
    const fired = run(c.fire()).findings.filter((f) => f.rule === c.rule);
    expect(fired.map((f) => f.cell)).toContain(c.cell);
    for (const f of fired) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(run(c.near()).findings.filter((f) => f.rule === c.rule && f.cell === c.cell)).toEqual([]);
  });
});

describe('what is read back', () => {
  it('a landline in a number cell gets its 0 back, says what happened, and is no invalid number', () => {
    const r = run(site('联系电话', 2787654321));
    const at = r.findings.filter((f) => f.cell === 'E4');
    expect(at.map((f) => [f.rule, f.message])).toEqual([['cell-phone-lost-zero', '联系电话“2787654321”存为数字，开头的 0 已丢失，按 027-87654321 读取；请将该单元格设为文本格式后重新填写']]);
    expect(r.tables.website[0]!.values.phone).toBe('027-87654321');
    expect(parsePhones({ t: 'n', v: 7552923456 }).phones.map((p) => [p.display, p.lostZero])).toEqual([['0755-2923456', true]]);
  });

  it.each([
    [{ t: 'n' as const, v: 13800001111 }, '13800001111', undefined],
    [{ t: 'n' as const, v: 12345678 }, null, undefined],
    [{ t: 'n' as const, v: 61234 }, '61234', undefined],
    [{ t: 's' as const, v: '6682923456' }, null, undefined],
  ])('near miss: %j is read as it stands', (cell, display, lost) => {
    const r = parsePhones(cell);
    expect(r.phones[0]?.display ?? null).toBe(display);
    expect(r.phones[0]?.lostZero).toBe(lost);
  });

  it('a month alone is a month where the column allows it, and a finding of its own where it does not', () => {
    expect(parseDate({ t: 's', v: '2024年11月' }, true)).toEqual({ ok: true, iso: '2024-11', normalized: true });
    expect(parseDate({ t: 's', v: '2024年11月份' }, true)).toEqual({ ok: true, iso: '2024-11', normalized: true });
    expect(parseDate({ t: 's', v: '2024.11' })).toEqual({ ok: false, reason: 'month', month: '2024-11' });
    expect(parseDate({ t: 's', v: '2024-11-18' }, true)).toEqual({ ok: true, iso: '2024-11-18', normalized: false });
    expect(parseDate({ t: 's', v: '202411' }, true)).toEqual({ ok: false, reason: 'invalid' });
    // Typed into a number cell: 2019.3, 2019.09, 2024.11 are months; 2024.1 may have been 2024.10.
    expect(parseDate({ t: 'n', v: 2024.11 }, true)).toEqual({ ok: true, iso: '2024-11', normalized: true });
    expect(parseDate({ t: 'n', v: 2019.3 }, true)).toEqual({ ok: true, iso: '2019-03', normalized: true });
    expect(parseDate({ t: 'n', v: 2019.09 }, true)).toEqual({ ok: true, iso: '2019-09', normalized: true });
    expect(parseDate({ t: 'n', v: 2024.1 }, true).ok).toBe(false);
    expect(parseDate({ t: 'n', v: 2024.11 })).toEqual({ ok: false, reason: 'month', month: '2024-11' });
    expect(parseDate({ t: 'n', v: 2024.13 }, true).ok).toBe(false);
    // A date cell of a formula's 0 (1900/1/0) is no date.
    expect(parseDate({ t: 'd', v: '1899-12-31' }).ok).toBe(false);
    const r = run(media('开通日期', '2019年9月'));
    expect(r.findings.filter((f) => f.cell === 'F4')).toEqual([]);
    expect(r.tables.newmedia[0]!.values.openDate).toBe('2019-09');
  });
});
