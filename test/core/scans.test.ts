/** A scan of the stamped paper copy sent beside the unit's form file is no failed submission. */
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
