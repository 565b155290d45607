/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Finding } from '../../src/core/findings';
import type { WorkbookModel } from '../../src/core/report/model';
import { App, stepFromQuery } from '../../src/taskpane/components/App';
import type { CheckOutput, Engine, StepOutput } from '../../src/taskpane/engine/client';
import { I18nContext, MESSAGES, pickLocale, translator, type Locale } from '../../src/taskpane/i18n';
import type { WorkbookPort } from '../../src/taskpane/port';
import { defaultSettings } from '../../src/taskpane/settings';
import { detectHost } from '../../src/taskpane/host';

// jsdom has no ResizeObserver (Fluent's MessageBar uses one to reflow).
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= NoopResizeObserver;

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'cell-phone',
  severity: 'error',
  unit: '信息工程学院',
  file: '信息工程学院.xlsx',
  sheet: '附件1',
  cell: 'E5',
  form: 'website',
  message: '联系电话“1381234567”不是有效的手机或座机号码',
  ...over,
});

const model = (name: string): WorkbookModel => ({ sheets: [{ name, columns: [{ header: 'A' }], rows: [] }] });

function stubEngine(): Engine & { calls: string[] } {
  const calls: string[] = [];
  const check: CheckOutput = {
    model: model('校验结果'),
    findings: [
      finding({}),
      finding({ rule: 'website-stale', severity: 'warning', cell: 'G5', message: '网站已 10 天未更新' }),
      finding({ rule: 'unit-missing', unit: '继续教育学院', file: null, sheet: null, cell: null, form: null, message: '名单中的单位未报送任何文件' }),
    ],
    files: [{ file: '信息工程学院.xlsx', unit: '信息工程学院', status: 'accepted', sha256: 'x', size: 1, modified: null, sheets: [] }],
    units: [
      { unit: '信息工程学院', category: '教学单位', errors: 1, warnings: 1, missingForms: [], files: ['信息工程学院.xlsx'] },
      { unit: '继续教育学院', category: '教学单位', errors: 1, warnings: 0, missingForms: [], files: [] },
    ],
    targets: [{ sheet: '汇总_网站平台', cell: 'F3' }, null, null],
  };
  const step = (name: string, extra: Partial<StepOutput> = {}): StepOutput => ({ model: model(name), findings: [], facts: { units: 2, indicators: 10, scores: 0, items: 3, open: 2 }, ...extra });
  return {
    calls,
    async addFiles(files, onProgress) {
      calls.push(`addFiles:${files.length}`);
      files.forEach((f, i) => onProgress?.(i + 1, files.length, f.name));
      return { total: files.length, added: files.map((f) => ({ file: f.name, ok: true, size: 1 })), skipped: [] };
    },
    async reset() {
      calls.push('reset');
    },
    async restore() {
      calls.push('restore');
      return { files: 2, roster: 13 };
    },
    async setRoster() {
      calls.push('setRoster');
      return { units: 13 };
    },
    async check(s) {
      calls.push(`check:${s.asOf}`);
      return check;
    },
    async scoring() {
      calls.push('scoring');
      return step('评分表');
    },
    async ranking() {
      calls.push('ranking');
      return step('考核排名', { ranking: [{ unit: '信息工程学院', category: null, score: 95.5, grade: '优秀', rank: 1, categoryRank: 1, veto: false, adjustments: [] }] });
    },
    async rectify(_s, _e, notices) {
      calls.push(`rectify:${notices}`);
      return step('整改台账');
    },
    async templates() {
      calls.push('templates');
      return model('附件1');
    },
    async render() {
      return new Uint8Array([1]);
    },
    async readWorkbook() {
      return { sheets: [] };
    },
    // The live-result calls are exercised in test/core/pipeline*.test.ts; this pane flow does not use them.
    async recompute() {
      throw new Error('recompute is not part of this flow');
    },
    async setScore() {
      return { ok: false, message: 'not part of this flow' };
    },
    async openResult() {
      return { sheets: [], scores: 0, items: 0 };
    },
    async download() {
      return new Uint8Array([1]);
    },
  };
}

function recordingPort(kind: 'excel' | 'web' = 'excel'): WorkbookPort & { written: string[]; selected: string[] } {
  const written: string[] = [];
  const selected: string[] = [];
  return {
    kind,
    written,
    selected,
    async writeModel(m) {
      written.push(...m.sheets.map((s) => s.name));
      return { sheets: m.sheets.map((s) => s.name), kept: 0 };
    },
    async readSheets() {
      return { sheets: [] };
    },
    async selectCell(sheet, cell) {
      selected.push(`${sheet}!${cell}`);
      return sheet.startsWith('汇总_');
    },
    async sheetNames() {
      return [];
    },
  };
}

function renderApp(port: WorkbookPort, engine: Engine, locale: Locale = 'zh-CN') {
  return render(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <FluentProvider theme={webLightTheme}>
        <App port={port} engine={engine} initialSettings={{ ...defaultSettings(), asOf: '2024-11-20' }} />
      </FluentProvider>
    </I18nContext.Provider>,
  );
}

describe('App', () => {
  it('imports files, writes the check sheets, lists findings by unit and jumps to a cell', async () => {
    const engine = stubEngine();
    const port = recordingPort();
    renderApp(port, engine);
    expect(screen.getByTestId('mode').textContent).toBe('Excel 工作簿');
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const files = [new File(['a'], '信息工程学院.xlsx'), new File(['b'], '机电工程学院.xlsx')];
    await act(async () => {
      fireEvent.change(input, { target: { files } });
    });
    await waitFor(() => expect(screen.getByTestId('check-summary').textContent).toBe('错误 2 条 · 警告 1 条 · 提示 0 条 · 2 个单位'));
    expect(engine.calls).toEqual(['addFiles:2', 'check:2024-11-20']);
    expect(port.written).toEqual(['校验结果']);
    const items = screen.getAllByTestId('finding');
    expect(items).toHaveLength(3);
    expect(screen.getByText('信息工程学院：错误 1，警告 1')).toBeTruthy();
    await act(async () => {
      fireEvent.click(items[0]!);
    });
    expect(port.selected).toEqual(['汇总_网站平台!F3']);
    expect(screen.getByTestId('finding-detail').textContent).toContain('已定位到 汇总_网站平台!F3');

    // A finding whose cell is not in this workbook shows where it is.
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('finding')[1]!);
    });
    expect(screen.getByTestId('finding-detail').textContent).toContain('信息工程学院.xlsx');

    // Filters.
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'warning' } });
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-unit'), { target: { value: '继续教育学院' } });
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
  });

  it('runs the scoring, ranking and rectification steps through the port', async () => {
    const engine = stubEngine();
    const port = recordingPort();
    renderApp(port, engine);
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], 'a.xlsx')] } });
    });
    await waitFor(() => screen.getByTestId('check-summary'));
    fireEvent.click(screen.getByTestId('tab-score'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('run-score'));
    });
    await waitFor(() => screen.getByTestId('score-done'));
    fireEvent.click(screen.getByTestId('tab-ranking'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('run-ranking'));
    });
    await waitFor(() => screen.getByTestId('ranking-table'));
    expect(screen.getByTestId('ranking-table').textContent).toContain('95.50');
    fireEvent.click(screen.getByTestId('tab-rectify'));
    fireEvent.click(screen.getByTestId('notices'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('run-rectify'));
    });
    await waitFor(() => screen.getByTestId('rectify-done'));
    expect(engine.calls).toEqual(['addFiles:1', 'check:2024-11-20', 'scoring', 'ranking', 'rectify:true']);
    expect(port.written).toEqual(['校验结果', '评分表', '考核排名', '整改台账']);
  });

  it('asks for an import before scoring', async () => {
    const engine = stubEngine();
    renderApp(recordingPort(), engine);
    fireEvent.click(screen.getByTestId('tab-score'));
    expect((screen.getByTestId('run-score') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('请先完成导入与校验。')).toBeTruthy();
  });

  it('shows the download button on the web page and English strings', async () => {
    const port = { ...recordingPort('web'), download: jest.fn(async () => undefined) };
    renderApp(port, stubEngine(), 'en-US');
    expect(screen.getByTestId('mode').textContent).toBe('Web page (results download as .xlsx)');
    expect((screen.getByTestId('download') as HTMLButtonElement).disabled).toBe(true); // nothing to download yet
    await act(async () => {
      fireEvent.click(screen.getByTestId('templates'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('download'));
    });
    expect(port.download).toHaveBeenCalledWith('阵地检查结果-2024-11-20.xlsx');
  });

  it('writes blank templates', async () => {
    const engine = stubEngine();
    const port = recordingPort();
    renderApp(port, engine);
    await act(async () => {
      fireEvent.click(screen.getByTestId('templates'));
    });
    expect(port.written).toEqual(['附件1']);
    expect(screen.getByTestId('notice').textContent).toContain('已生成 1 张空白备案表');
  });
});

describe('App accessibility', () => {
  it('announces the import, moves focus to the check summary and links the tab panel', async () => {
    const engine = stubEngine();
    renderApp(recordingPort('web'), engine);
    expect(screen.getByTestId('live-status').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('live-alert').getAttribute('role')).toBe('alert');
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], '信息工程学院.xlsx')] } });
    });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('check-summary')));
    expect(screen.getByTestId('live-status').textContent).toBe('共 1 个文件：1 个已导入，0 个未导入，0 个重复跳过，0 个已被替换。校验发现错误 2 条，涉及 2 个单位。结果工作簿已更新（1 张工作表），可随时下载。');
    const panel = screen.getByRole('tabpanel');
    const tab = screen.getByTestId('tab-check');
    expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
    expect(tab.getAttribute('aria-controls')).toBe(panel.id);
    expect(screen.getByTestId('tab-import').getAttribute('aria-controls')).toBeNull(); // never points to a panel that is not there
  });

  it('shows rule titles and places, never ids or placeholders; finding items say whether they are open', async () => {
    renderApp(recordingPort('web'), stubEngine());
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], 'a.xlsx')] } });
    });
    await waitFor(() => screen.getByTestId('check-summary'));
    const text = screen.getByTestId('findings').textContent ?? '';
    expect(text).not.toContain('—');
    for (const id of ['cell-phone', 'website-stale', 'unit-missing']) expect(text).not.toContain(id);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['信息工程学院：错误 1，警告 1', '继续教育学院：错误 1，警告 0']);
    const missing = screen.getAllByTestId('finding')[2]!;
    expect(missing.textContent).toContain('继续教育学院'); // no file, no cell: the unit is the place
    expect(missing.getAttribute('aria-expanded')).toBe('false');
    await act(async () => {
      fireEvent.click(missing);
    });
    expect(missing.getAttribute('aria-expanded')).toBe('true');
    const detail = document.getElementById(missing.getAttribute('aria-controls')!)!;
    expect(detail.textContent).toContain('继续教育学院');
    expect(detail.textContent).not.toContain('—');
  });

  it('says nothing was imported, and writes nothing, when no file could be read', async () => {
    const engine = stubEngine();
    const check = await engine.check(defaultSettings());
    engine.check = async () => ({ ...check, files: [{ ...check.files[0]!, status: 'rejected', unit: null }], units: [], findings: [] });
    const port = recordingPort('web');
    renderApp(port, engine);
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([''], '空文件.xlsx')] } });
    });
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toContain('没有可导入的备案表'));
    expect(screen.getByTestId('live-status').textContent).not.toContain('结果工作簿已更新');
    expect(port.written).toEqual([]);
    expect(screen.getByTestId('import-summary').textContent).toBe('共 1 个文件：0 个已导入，1 个未导入，0 个重复跳过，0 个已被替换。');
    expect(screen.getByTestId('file-table').textContent).toContain('未识别单位');
  });

  it('names the progress bar and shows the inspection date with its default on the import step', async () => {
    let release: () => void = () => undefined;
    const engine = stubEngine();
    engine.addFiles = async (files, onProgress) => {
      onProgress?.(1, 4, 'a.xlsx');
      await new Promise<void>((r) => (release = r));
      return { total: files.length, added: [], skipped: [] };
    };
    renderApp(recordingPort('web'), engine);
    expect((screen.getByTestId('asOf') as HTMLInputElement).value).toBe('2024-11-20');
    expect(screen.getByText(/今天是/)).toBeTruthy();
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [1, 2, 3, 4].map((i) => new File(['a'], `${i}.xlsx`)) } });
    });
    const bar = within(screen.getByTestId('progress')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuetext')).toBe('已解析 1 / 4 个文件');
    expect(bar.getAttribute('aria-labelledby') ?? bar.getAttribute('aria-label')).toBeTruthy();
    expect(document.getElementById(bar.getAttribute('aria-labelledby')!)?.textContent).toBe('导入进度');
    expect((screen.getByTestId('choose-files') as HTMLButtonElement).getAttribute('aria-disabled')).toBe('true'); // focusable while busy
    await act(async () => release());
  });

  it('applies a new inspection date on change', async () => {
    const engine = stubEngine();
    renderApp(recordingPort('web'), engine);
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], 'a.xlsx')] } });
    });
    fireEvent.click(screen.getByTestId('tab-import'));
    await act(async () => {
      fireEvent.change(screen.getByTestId('asOf'), { target: { value: '2024-12-01' } });
    });
    expect(engine.calls).toContain('check:2024-12-01');
  });
});

describe('i18n and host detection', () => {
  it('has every string in both languages', () => {
    expect(Object.keys(MESSAGES['en-US']).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
    for (const v of Object.values(MESSAGES['en-US'])) expect(v.trim()).not.toBe('');
  });
  it('picks zh-CN unless the language is English', () => {
    expect(pickLocale('en-US')).toBe('en-US');
    expect(pickLocale('en-GB')).toBe('en-US');
    expect(pickLocale('zh-CN')).toBe('zh-CN');
    expect(pickLocale('zh-TW')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(translator('zh-CN')('import.progress', { done: 3, total: 500 })).toBe('正在解析 3 / 500 个文件');
  });
  it('reads the step from the ribbon button URL', () => {
    expect(stepFromQuery('?step=ranking')).toBe('ranking');
    expect(stepFromQuery('?step=evil')).toBe('import');
    expect(stepFromQuery('')).toBe('import');
  });
  it('detects Excel, a plain page, and a hanging office.js', async () => {
    expect(await detectHost(undefined)).toBeNull();
    expect(await detectHost({ onReady: async () => ({ host: 'Excel', platform: 'PC' }) })).toBe('excel');
    expect(await detectHost({ onReady: async () => ({ host: null, platform: null }) })).toBeNull();
    expect(await detectHost({ onReady: () => new Promise(() => undefined) }, 20)).toBeNull();
    expect(await detectHost({ onReady: () => Promise.reject(new Error('x')) })).toBeNull();
  });
});

describe('App in Excel after a reload', () => {
  it('restores the saved session: findings are back without importing again, nothing is rewritten', async () => {
    const engine = stubEngine();
    const port = recordingPort();
    const saved: unknown[] = [];
    render(
      <I18nContext.Provider value={{ locale: 'zh-CN', t: translator('zh-CN') }}>
        <FluentProvider theme={webLightTheme}>
          <App
            port={port}
            engine={engine}
            initialStep="check"
            session={{ id: 's1', settings: { ...defaultSettings(), asOf: '2024-11-21' }, saveSettings: (s) => saved.push(s) }}
          />
        </FluentProvider>
      </I18nContext.Provider>,
    );
    await waitFor(() => screen.getByTestId('check-summary'));
    expect(engine.calls).toEqual(['restore', 'check:2024-11-21']);
    expect(port.written).toEqual([]);
    fireEvent.click(screen.getByTestId('tab-settings'));
    expect(screen.getByTestId('roster-status').textContent).toBe('名单已载入：13 个单位');
    await act(async () => {
      fireEvent.click(screen.getByTestId('apply-settings'));
    });
    expect(saved).toHaveLength(1);
  });
});
