/** The terminal table: text from submissions cannot drive the terminal. */
import { renderTable, terminalText } from '../../src/cli/table';

describe('terminal output', () => {
  it('shows control characters from a unit name as U+FFFD, and lines up CJK text', () => {
    const out = renderTable(['单位', '错误'], [['信息\u001b[2J学院', 3], ['团委', 12]]);
    expect([...out].filter((ch) => ch !== '\n' && (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f')))).toEqual([]);
    expect(out.split('\n')[2]).toBe('信息\ufffd[2J学院' + '  ' + '   3');
    expect(terminalText('a\u009bb\u0007c')).toBe('a\ufffdb\ufffdc');
  });
});
