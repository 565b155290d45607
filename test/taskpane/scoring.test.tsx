/** @jest-environment jsdom */
import { useState } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { DEFAULT_RUBRIC } from '../../src/core/scoring/rubric';
import type { Round, ScoreEntry } from '../../src/core/scoring/scores';
import { ScoringView, href, type ScoreInput } from '../../src/taskpane/components/ScoringView';
import { I18nContext, translator } from '../../src/taskpane/i18n';

const UNITS = [
  { unit: '信息工程学院', category: '教学单位', websites: [{ name: '信息工程学院党建网', url: 'https://xxgc.example.edu.cn/dj' }] },
  { unit: '后勤管理处', category: '职能部门', websites: [] },
];

/** The view with entries kept as the engine would: refused outside 0..max or off the 0.5 grid. */
function Harness({ sent, initial = [], who = '张老师' }: { sent: ScoreInput[]; initial?: ScoreEntry[]; who?: string }) {
  const [entries, setEntries] = useState<ScoreEntry[]>(initial);
  const [inspector, setInspector] = useState(who);
  const [round, setRound] = useState<Round>(1);
  const onSet = async (e: ScoreInput): Promise<string | null> => {
    sent.push(e);
    const ind = DEFAULT_RUBRIC.indicators.find((i) => i.id === e.indicatorId)!;
    if (e.value !== null && (e.value < 0 || e.value > ind.max)) return `“${ind.level2}”得分应在 0～${ind.max} 分之间`;
    if (e.value !== null && Math.round(e.value * 2) !== e.value * 2) return `“${ind.level2}”得分应为 0.5 的整数倍`;
    setEntries((xs) => {
      const rest = xs.filter((x) => !(x.unit === e.unit && x.indicatorId === e.indicatorId && x.round === e.round && x.inspector === e.inspector));
      return e.value === null ? rest : [...rest, { ...e, score: e.value, note: e.note ?? '', file: null, sheet: null, cell: null }];
    });
    return null;
  };
  return (
    <I18nContext.Provider value={{ locale: 'zh-CN', t: translator('zh-CN') }}>
      <FluentProvider theme={webLightTheme}>
        <ScoringView rubric={DEFAULT_RUBRIC} units={UNITS} entries={entries} inspector={inspector} round={round} onInspector={setInspector} onRound={setRound} onSet={onSet} />
      </FluentProvider>
    </I18nContext.Provider>
  );
}

const full = (unit: string, inspector: string, round: Round): ScoreEntry[] =>
  DEFAULT_RUBRIC.indicators.map((i) => ({ round, inspector, unit, indicatorId: i.id, score: i.max, note: '', file: 'x.xlsx', sheet: '评分', cell: null }));

describe('ScoringView', () => {
  it('asks for the inspector once, under the name field, until one is given', () => {
    render(<Harness sent={[]} who="" />);
    const hint = '请先填写检查人姓名，再逐项评分。';
    expect(document.body.textContent!.split(hint).length - 1).toBe(1);
    expect(screen.getByTestId('score-progress').textContent).toBe('');
    fireEvent.change(screen.getByTestId('inspector'), { target: { value: '王老师' } });
    fireEvent.blur(screen.getByTestId('inspector'));
    expect(document.body.textContent).not.toContain(hint);
    expect(screen.getByTestId('score-progress').textContent).toBe('王老师 · 上半年：已评 0 / 2 个单位');
  });

  it('shows every indicator with its standard and maximum, and the unit’s websites as links', () => {
    render(<Harness sent={[]} />);
    const items = within(screen.getByTestId('indicators')).getAllByRole('group');
    expect(items).toHaveLength(DEFAULT_RUBRIC.indicators.length);
    const news = items[1]!;
    expect(news.textContent).toContain('新闻动态（满分 15 分）');
    expect(news.textContent).toContain('评分标准：能够及时（新闻保证48小时内更新）');
    expect(document.getElementById(news.getAttribute('aria-describedby')!)!.textContent).toContain('48小时');
    const input = screen.getByTestId('score-content.news') as HTMLInputElement;
    expect([input.min, input.max, input.step]).toEqual(['0', '15', '0.5']);
    const link = within(screen.getByTestId('websites')).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://xxgc.example.edu.cn/dj');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByTestId('score-progress').textContent).toBe('张老师 · 上半年：已评 0 / 2 个单位');
    fireEvent.change(screen.getByTestId('score-unit'), { target: { value: '后勤管理处' } });
    expect(screen.getByTestId('websites').textContent).toContain('未登记网站');
  });

  it('refuses a score above the maximum with the message, keeps focus there, and Enter moves on after a valid one', async () => {
    const sent: ScoreInput[] = [];
    render(<Harness sent={sent} />);
    const news = screen.getByTestId('score-content.news') as HTMLInputElement;
    news.focus();
    fireEvent.change(news, { target: { value: '16' } });
    await act(async () => {
      fireEvent.keyDown(news, { key: 'Enter' });
    });
    expect(screen.getByText('“新闻动态”得分应在 0～15 分之间')).toBeTruthy();
    expect(document.activeElement).toBe(news);
    fireEvent.change(news, { target: { value: '12.5' } });
    fireEvent.change(screen.getByTestId('note-content.news'), { target: { value: '更新偶有延迟' } });
    await act(async () => {
      fireEvent.keyDown(news, { key: 'Enter' });
    });
    expect(screen.queryByText('“新闻动态”得分应在 0～15 分之间')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('score-content.organization'));
    expect(sent.at(-1)).toEqual({ unit: '信息工程学院', indicatorId: 'content.news', round: 1, inspector: '张老师', value: 12.5, note: '更新偶有延迟' });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('信息工程学院：本轮合计 12.5 / 100 分');
    // Blur after Enter does not send the same entry again.
    const n = sent.length;
    await act(async () => {
      fireEvent.blur(news);
    });
    expect(sent).toHaveLength(n);
  });

  it('counts a unit as scored once every indicator has this inspector’s score in this round', async () => {
    render(<Harness sent={[]} initial={[...full('信息工程学院', '张老师', 1), ...full('后勤管理处', '李老师', 1)]} />);
    expect(screen.getByTestId('score-progress').textContent).toBe('张老师 · 上半年：已评 1 / 2 个单位');
    expect((screen.getByTestId('score-content.news') as HTMLInputElement).value).toBe('15');
    fireEvent.change(screen.getByTestId('round'), { target: { value: '2' } });
    expect(screen.getByTestId('score-progress').textContent).toBe('张老师 · 下半年：已评 0 / 2 个单位');
    expect((screen.getByTestId('score-content.news') as HTMLInputElement).value).toBe('');
  });

  it('links a 网址 typed with or without its scheme, and nothing else', () => {
    expect(href('https://a.example.edu.cn/x?y=1')).toBe('https://a.example.edu.cn/x?y=1');
    expect(href(' www.example.edu.cn/dj ')).toBe('http://www.example.edu.cn/dj');
    expect(href('javascript:alert(1)')).toBeNull();
    expect(href('无')).toBeNull();
  });

  it('clears an entry when its score is emptied', async () => {
    const sent: ScoreInput[] = [];
    render(<Harness sent={sent} initial={full('信息工程学院', '张老师', 1)} />);
    const news = screen.getByTestId('score-content.news') as HTMLInputElement;
    fireEvent.change(news, { target: { value: '' } });
    await act(async () => {
      fireEvent.blur(news);
    });
    expect(sent.at(-1)).toMatchObject({ indicatorId: 'content.news', value: null });
    expect(screen.getByTestId('score-progress').textContent).toBe('张老师 · 上半年：已评 0 / 2 个单位');
  });
});
