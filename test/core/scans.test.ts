/** A scan of the stamped paper copy sent beside the unit's form file is no failed submission; an empty workbook is an empty file. */
import { run, submission, unitWorkbook } from './builders';

const unsupported = (file: string) => submission(file, [], { read: { ok: false, problem: 'unsupported', detail: '不支持的文件格式（PDF），请提交 .xlsx、.xls、.docx 或 .csv 文件' } });

describe('scans beside a form file', () => {
  it('a PDF or photo of a unit whose workbook was read is an info naming that workbook', () => {
    const r = run([unitWorkbook('信息工程学院.xlsx'), unsupported('信息工程学院-盖章.pdf'), unsupported('信息工程学院.jpg')]);
    expect(r.findings.filter((f) => f.rule === 'file-unsupported')).toEqual([]);
    const scans = r.findings.filter((f) => f.rule === 'file-scan');
    expect(scans.map((f) => [f.severity, f.file])).toEqual([['info', '信息工程学院-盖章.pdf'], ['info', '信息工程学院.jpg']]);
    expect(scans[0]!.message).toContain('“信息工程学院.xlsx”');
    expect(r.units.find((u) => u.unit === '信息工程学院')!.errors).toBe(0);
  });

  it('near miss: a scan alone, or a file of another type, stays an error', () => {
    const alone = run([unsupported('护理学院.pdf')]);
    expect(alone.findings.filter((f) => f.rule === 'file-unsupported').map((f) => f.severity)).toEqual(['error']);
    const other = run([unitWorkbook('信息工程学院.xlsx'), unsupported('信息工程学院.odt')]);
    expect(other.findings.filter((f) => f.rule === 'file-unsupported').map((f) => f.file)).toEqual(['信息工程学院.odt']);
  });
});

describe('an empty workbook', () => {
  it('is a file with nothing in it (file-unreadable), not a sheet of no known form', () => {
    const r = run([submission('护理学院.xlsx', [{ name: 'Sheet1', rows: [], merges: [] }, { name: 'Sheet2', rows: [[null, { t: 's', v: '  ' }]], merges: [] }])]);
    expect(r.files[0]!.status).toBe('rejected');
    expect(r.findings.filter((f) => f.file === '护理学院.xlsx').map((f) => [f.rule, f.message])).toEqual([['file-unreadable', '文件中没有任何内容（所有工作表都是空的），请填写备案表后重新提交']]);
  });

  it('near miss: a sheet with text of no known form is sheet-unrecognized', () => {
    const r = run([submission('护理学院.xlsx', [{ name: 'Sheet1', rows: [[{ t: 's', v: '会议纪要' }]], merges: [] }])]);
    expect(r.findings.filter((f) => f.file === '护理学院.xlsx').map((f) => f.rule)).toEqual(['sheet-unrecognized']);
  });
});
