/**
 * Byte-identical files: a duplicate of the same unit's file, but two units' filing when their
 * names name two units (the same blank template sent by both).
 */
import { checkFile, consolidate } from '../../src/core/check';
import { runPipeline } from '../../src/core/pipeline';
import type { Roster } from '../../src/core/units';
import { AS_OF, formSheet, run, submission } from './builders';
import type { FormId } from '../../src/core/forms/ids';

const roster: Roster = { units: ['保卫处', '档案馆', '团委'].map((name) => ({ name, category: '职能部门', aliases: [], head: null, phone: null })) };
const FORMS: FormId[] = ['website', 'newmedia', 'zombie', 'group', 'bigv'];
/** The blank template with 无 in every form and no 填报单位: the file's name is its only unit. */
const blank = (file: string) => submission(file, FORMS.map((f) => formSheet(f, [['无']], { unit: null })), { sha256: 'same-bytes' });

describe('byte-identical files', () => {
  const units = (r: ReturnType<typeof run>) => r.files.map((f) => [f.file, f.unit, f.status]);

  it('two units sending the same blank template are two filings, in every path', () => {
    const subs = [blank('保卫处.xlsx'), blank('档案馆.xlsx')];
    const want = [['保卫处.xlsx', '保卫处', 'accepted'], ['档案馆.xlsx', '档案馆', 'accepted']];
    const batch = run(subs, { roster });
    expect(units(batch)).toEqual(want);
    expect(batch.findings.filter((f) => f.rule === 'unit-missing' || f.rule === 'file-duplicate').map((f) => f.unit)).toEqual(['团委']);
    // The workers' path parses every file; the pipeline skips copies as checkBatch does.
    expect(units(consolidate(subs.map((s, i) => checkFile(s, i, { asOf: AS_OF, roster })), { asOf: AS_OF, roster }))).toEqual(want);
    expect(units(runPipeline({ submissions: subs, roster, params: { asOf: AS_OF }, mode: 'check' }).check)).toEqual(want);
  });

  it('near miss: the same file again under a name naming the same unit, or none, is a duplicate', () => {
    expect(units(run([blank('保卫处.xlsx'), blank('保卫处(1).xlsx')], { roster }))).toEqual([['保卫处.xlsx', '保卫处', 'accepted'], ['保卫处(1).xlsx', '保卫处', 'duplicate']]);
    expect(units(run([blank('保卫处.xlsx'), blank('新建 Microsoft Excel 工作表.xlsx')], { roster }))).toEqual([['保卫处.xlsx', '保卫处', 'accepted'], ['新建 Microsoft Excel 工作表.xlsx', '保卫处', 'duplicate']]);
  });

  it('a copy under a unit’s name after one naming no unit is that unit’s filing', () => {
    const r = run([blank('新建 Microsoft Excel 工作表.xlsx'), blank('档案馆.xlsx')], { roster });
    expect(units(r).find((u) => u[0] === '档案馆.xlsx')).toEqual(['档案馆.xlsx', '档案馆', 'accepted']);
  });
});
