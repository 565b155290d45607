/** The CLI speaks Chinese throughout: commander's errors and help, and system errors on the user's paths. */
import { main } from '../../src/cli/main';
import { zhCommanderError, zhSystemError } from '../../src/cli/zh';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Any English word of commander's left in what the user sees (option names such as --stale-error aside). */
const ENGLISH = /\b(error|Usage|Options|Commands|Arguments|display help|Did you mean|unknown|missing|invalid|argument)\b/;
const words = (text: string) => text.replace(/--[\w-]+/g, '');

describe('CLI messages in Chinese', () => {
  it.each([
    [['check', '--bogus', 'x'], "错误：未知选项 '--bogus'"],
    [['chek', 'x'], "错误：未知命令 'chek'\n（是否要输入 check？）"],
    [['check'], "错误：缺少参数 '路径'"],
    [['check', 'x', '--json'], "错误：选项 '--json <file>' 缺少取值"],
    [['check', 'x', '--as-of', '2024-13-40'], "错误：选项 '--as-of <date>' 的取值 '2024-13-40' 无效：应为 YYYY-MM-DD 格式的日期"],
    [['run', 'x'], "错误：必须给出选项 '--out <file>'"],
    [['check', '/no/such/folder'], '错误：找不到文件或文件夹：/no/such/folder'],
  ])('%j → %s, exit code 2, with the help in Chinese after a usage error', async (args, first) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(first)).toBe(true);
    expect(words(r.err)).not.toMatch(ENGLISH);
  });

  it('help: headings, placeholders and the help option in Chinese, columns aligned for Chinese text', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法： zhendi [选项] [命令]');
    expect(r.out).toContain('命令：');
    expect(r.out).toContain('-h, --help');
    expect(r.out).toContain('显示帮助');
    expect(words(r.out)).not.toMatch(ENGLISH);
    // Each description starts in the same terminal column whatever the width of its term.
    const col = (line: string) => {
      const m = /^( {2}\S.*?\s{2,})(\S)/.exec(line)!;
      return [...m[1]!].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    };
    const commands = r.out.split('命令：')[1]!.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(new Set(commands.map(col)).size).toBe(1);
  });

  it('maps system errors by their code, keeping the path', () => {
    const err = (code: string) => Object.assign(new Error('x'), { code, path: '/a/考核结果.xlsx' });
    expect(zhSystemError(err('EBUSY'))).toBe('文件正被其他程序占用（如已在 Excel/WPS 中打开），请关闭后重试：/a/考核结果.xlsx');
    expect(zhSystemError(err('EACCES'))).toContain('没有读写权限');
    expect(zhSystemError(err('ENOSPC'))).toContain('磁盘空间不足');
    expect(zhSystemError(Object.assign(new Error('odd'), { code: 'EXDEV' }))).toBe('odd（EXDEV）');
    expect(zhSystemError(new Error('plain'))).toBe('plain');
  });

  it('leaves text it does not know as it is', () => {
    expect(zhCommanderError('已写出：out.xlsx\n')).toBe('已写出：out.xlsx\n');
  });
});
