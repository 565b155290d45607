/** The `zhendi` command: exit codes, relative paths, JSON contract, template round trip. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { filesLine, summaryTable } from '../../src/cli/check';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/zhendi.cjs');

function zhendi(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, INIT_CWD: cwd, ...env } });
}

describe('zhendi CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-cli-'));
  });

  it('exits 2 on bad usage', () => {
    expect(zhendi(['check'], dir).status).toBe(2);
    expect(zhendi(['check', '.', '--as-of', '2024-13-45'], dir).status).toBe(2);
    expect(zhendi(['frobnicate'], dir).status).toBe(2);
    expect(zhendi(['check', '.', '--website-domain', 'not a domain'], dir).status).toBe(2);
  });

  it('--website-domain flags websites outside the domain, given as a host or a URL', () => {
    const samples = path.join(ROOT, 'samples/submissions');
    const rules = (domain: string) => {
      const r = zhendi(['check', samples, '--as-of', '2024-11-20', '--website-domain', domain, '--json', 'wd.json'], dir);
      expect(r.status).toBe(0);
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'wd.json'), 'utf8')) as { findings: { rule: string; message: string }[] };
      return report.findings.filter((f) => f.rule === 'website-domain');
    };
    const outside = rules('https://www.dgjs.edu.cn/');
    expect(outside.length).toBeGreaterThan(0);
    expect(outside[0]!.message).toContain('www.dgjs.edu.cn');
    expect(rules('不限')).toEqual([]);
  });

  it('writes a blank template that, once filled with valid values, checks with no error or warning', async () => {
    expect(zhendi(['template', '--out', 'blank.xlsx', '--school', '东江职业技术学院'], dir).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'blank.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2', '附件3', '附件4', '附件5']);
    const filled: Record<string, (string | number)[]> = {
      附件1: [1, '信息工程学院党建网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18'],
      附件2: [1, '微信公众号', '信工青年', 'xxgc_2019', 3200, '2019-09-01', '新闻发布', '李敏', '13800001111'],
      附件3: [1, '李敏', '13800001111', '信工迎新临时群', '工作结束', '是', '2024-11-05'],
      附件4: [1, '微信群', '信工教职工群', 56, '工作通知', '是', '李敏', '13800001111'],
      附件5: [1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', '', '13911112222'],
    };
    for (const ws of wb.worksheets) {
      ws.getCell('A2').value = '填报单位：信息工程学院    单位负责人签名（盖章）：王建国    填表人：李敏    填表人电话：13800001111';
      const header = ws.getRow(3).values as unknown[];
      expect(header).toContain('序号');
      filled[ws.name]!.forEach((v, i) => {
        if (v !== '') ws.getRow(4).getCell(i + 1).value = v;
      });
    }
    await wb.xlsx.writeFile(path.join(dir, 'filled.xlsx'));
    const r = zhendi(['check', 'filled.xlsx', '--as-of', '2024-11-20', '--json', 'filled.json'], dir);
    expect(r.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'filled.json'), 'utf8'));
    expect(report.files[0].status).toBe('accepted');
    expect(report.findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
    expect(report.units[0].forms).toEqual({ website: 1, newmedia: 1, zombie: 1, group: 1, bigv: 1 });
  });

  it('resolves paths against the directory the user ran from (INIT_CWD under npm run) and reports them as given', () => {
    fs.mkdirSync(path.join(dir, 'in'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'in', '图书馆.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    const r = zhendi(['check', 'in', '--as-of', '2024-11-20', '--json', 'out/r.json', '--strict'], ROOT, { INIT_CWD: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/r.json'), 'utf8'));
    expect(report.asOf).toBe('2024-11-20');
    expect(report.files).toEqual([expect.objectContaining({ file: 'in/图书馆.xls', status: 'rejected' })]);
    expect(report.findings[0]).toMatchObject({ rule: 'file-unsupported', file: 'in/图书馆.xls', cell: null, severity: 'error' });
    expect(report.findings[0].message).toContain('.xlsx');
  });

  it('reports hostile and broken files as findings and still checks the rest of the batch', () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad, { recursive: true });
    fs.copyFileSync(path.join(dir, 'filled.xlsx'), path.join(bad, '信息工程学院.xlsx'));
    fs.writeFileSync(path.join(bad, '空文件.xlsx'), Buffer.alloc(0));
    fs.writeFileSync(path.join(bad, '乱码.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip at all'));
    fs.writeFileSync(path.join(bad, '网页.xlsx'), Buffer.from('<html><body>下载失败</body></html>'));
    fs.writeFileSync(path.join(bad, 'WPS表格.et'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    const r = zhendi(['check', 'bad', '--as-of', '2024-11-20', '--json', 'bad.json'], dir);
    expect(r.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'bad.json'), 'utf8'));
    const status = Object.fromEntries(report.files.map((f: { file: string; status: string }) => [path.basename(f.file), f.status]));
    expect(status).toEqual({ '信息工程学院.xlsx': 'accepted', '空文件.xlsx': 'rejected', '乱码.xlsx': 'rejected', '网页.xlsx': 'rejected', 'WPS表格.et': 'rejected' });
    const rules = Object.fromEntries(report.findings.filter((f: { rule: string }) => f.rule.startsWith('file-')).map((f: { file: string; rule: string }) => [path.basename(f.file), f.rule]));
    expect(rules).toEqual({ '空文件.xlsx': 'file-unreadable', '乱码.xlsx': 'file-unreadable', '网页.xlsx': 'file-unreadable', 'WPS表格.et': 'file-unsupported' });
    expect(report.units.find((u: { unit: string }) => u.unit === '信息工程学院').forms).toEqual({ website: 1, newmedia: 1, zombie: 1, group: 1, bigv: 1 });
  });
});

describe('terminal summary', () => {
  it('lists every unit of a small batch, and only the units with most errors of a big one', () => {
    const unit = (n: number, errors: number) => ({ unit: `单位${n}`, category: null, inRoster: false, forms: {}, missingForms: [], lateForms: [], errors, warnings: 0, infos: 0, files: [], accounts: 0, followers: 0, groups: 0, sites: 0, signer: { head: null, filler: null, fillerPhone: null } });
    const result = (n: number) => ({ asOf: '2024-11-20', deadline: null, files: [], findings: [], tables: { website: [], newmedia: [], zombie: [], group: [], bigv: [] }, roster: null, units: Array.from({ length: n }, (_, i) => unit(i, i % 7)) });
    const small = summaryTable(result(5), 40);
    expect(small.split('\n')).toHaveLength(2 + 5);
    const big = summaryTable(result(100), 10);
    const lines = big.split('\n');
    expect(lines).toHaveLength(2 + 10 + 1);
    expect(lines[2]).toMatch(/单位\d+\s+0\s+0\s+6\s+0$/);
    expect(lines[lines.length - 1]).toContain('另有 90 个单位');
  });

  it('counts a file holding several units once, and says how many parts it was split into', () => {
    const rec = (file: string, unit: string) => ({ file, unit, status: 'accepted' as const, sha256: '', size: 0, modified: null, sheets: [] });
    const result = (files: ReturnType<typeof rec>[]) => ({ asOf: '2024-11-20', deadline: null, files, findings: [], tables: { website: [], newmedia: [], zombie: [], group: [], bigv: [] }, roster: null, units: [] });
    expect(filesLine(result([rec('a.xlsx', '团委'), rec('b.xlsx', '体育部')]))).toBe('文件 2 个');
    expect(filesLine(result([rec('收集.xlsx', '团委'), rec('收集.xlsx', '体育部'), rec('收集.xlsx', '后勤处'), rec('b.xlsx', '体育部')]))).toBe('文件 2 个（其中 1 个含多个单位，拆为 3 份，按份计）');
  });
});
