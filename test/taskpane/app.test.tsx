/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Finding } from '../../src/core/findings';
import type { WorkbookModel } from '../../src/core/report/model';
import { App, stepFromQuery } from '../../src/taskpane/components/App';
import type { CheckOutput, Engine, EngineResult, EntryInput, RestoreSummary } from '../../src/taskpane/engine/client';
import { DEFAULT_RUBRIC } from '../../src/core/scoring/rubric';
import { I18nContext, MESSAGES, pickLocale, translator, type Locale } from '../../src/taskpane/i18n';
import type { WorkbookPort } from '../../src/taskpane/port';
import { defaultSettings, type Settings } from '../../src/taskpane/settings';
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

const CHECK: CheckOutput = {
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

/** An engine whose whole result is the fixed check above plus the entries typed so far. */
function stubEngine(
  check: CheckOutput = CHECK,
  { saved = null, storage = null, missing = [] }: { saved?: Settings | null; storage?: RestoreSummary['storage']; missing?: string[] } = {},
): Engine & { calls: string[]; entries: EntryInput[] } {
  const calls: string[] = [];
  const entries: EntryInput[] = [];
  let files = 0;
  let roster: number | null = null;
  const result = (s: Settings): EngineResult => {
    const scored = new Set(entries.map((e) => e.unit));
    const units = check.units.map((u) => ({ unit: u.unit, category: u.category, websites: u.unit === '信息工程学院' ? [{ name: '信息工程学院网', url: 'https://xxgc.example.edu.cn' }] : [] }));
    const sheets = [...check.model.sheets, ...model('评分表').sheets, ...model('考核排名').sheets, ...model('整改台账').sheets];
    return {
      json: { asOf: s.asOf, files: [], findings: check.findings, units: [] },
      model: { sheets },
      sheetNames: sheets.map((x) => x.name),
      check: files ? check : { ...check, files: [], findings: [], units: [] },
      ranking: [...scored].map((unit, i) => ({ unit, category: null, score: 80 - i, grade: '良好', rank: i + 1, categoryRank: i + 1, veto: false, adjustments: [] })),
      unscored: units.map((u) => u.unit).filter((u) => !scored.has(u)),
      rectification: { items: 3, open: 2, units: 2, keys: [] },
      rubric: DEFAULT_RUBRIC,
      params: {} as EngineResult['params'],
      scoring: {
        units: files ? units : [],
        typed: [],
        entries: entries.map((e) => ({ ...e, score: e.value!, note: e.note ?? '', file: null, sheet: null, cell: null })),
        progress: [],
      },
      sources: { roster, scoreBooks: [], result: null },
      storage,
      ms: 1,
    };
  };
  const fail = (op: string) => async (): Promise<never> => {
    throw new Error(`${op} is not used by the live pane`);
  };
  return {
    calls,
    entries,
    async addFiles(list, onProgress) {
      calls.push(`addFiles:${list.length}`);
      files += list.length;
      list.forEach((f, i) => onProgress?.(i + 1, list.length, f.name));
      return { total: files, added: list.map((f) => ({ file: f.name, ok: true, size: 1, kind: 'submission' as const })), skipped: [], changed: true };
    },
    async reset() {
      calls.push('reset');
      files = 0;
    },
    async restore() {
      calls.push('restore');
      files = 2;
      roster = 13;
      return { files: 2, roster: 13, others: 0, settings: saved, storage, missing };
    },
    async forget() {
      calls.push('forget');
      files = 0;
      roster = null;
      entries.length = 0;
    },
    async setRoster() {
      calls.push('setRoster');
      return { units: 13 };
    },
    async recompute(s) {
      calls.push(`recompute:${s.asOf}`);
      return result(s);
    },
    async setScore(e, s) {
      calls.push(`setScore:${e.unit}:${e.indicatorId}:${e.value}`);
      const ind = DEFAULT_RUBRIC.indicators.find((i) => i.id === e.indicatorId)!;
      if (e.value !== null && e.value > ind.max) return { ok: false, message: `“${ind.level2}”得分应在 0～${ind.max} 分之间` };
      entries.push(e);
      return { ok: true, result: result(s) };
    },
    async openResult() {
      calls.push('openResult');
      return { sheets: ['评分表'], scores: 3, items: 0 };
    },
    async download() {
      calls.push('download');
      return new Uint8Array([1]);
    },
    async templates() {
      calls.push('templates');
      return model('附件1');
    },
    async render() {
      return new Uint8Array([2]);
    },
    async unitTemplatesZip() {
      calls.push('unitTemplatesZip');
      return new Uint8Array(3);
    },
    async returnCopiesZip() {
      calls.push('returnCopiesZip');
      return new Uint8Array(4);
    },
    check: fail('check'),
    scoring: fail('scoring'),
    ranking: fail('ranking'),
    rectify: fail('rectify'),
    readWorkbook: fail('readWorkbook'),
  };
}

function recordingPort(kind: 'excel' | 'web' = 'excel'): WorkbookPort & { written: string[]; selected: string[]; saved: string[] } {
  const written: string[] = [];
  const selected: string[] = [];
  const saved: string[] = [];
  return {
    kind,
    written,
    selected,
    saved,
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
    ...(kind === 'web' ? { saveBytes: (bytes: Uint8Array, name: string) => void saved.push(`${name}:${bytes.length}`) } : {}),
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

async function importOne(name = '信息工程学院.xlsx'): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File(['a'], name)] } });
  });
  await waitFor(() => screen.getByTestId('check-summary'));
}

describe('App', () => {
  it('imports files, lists findings by unit and jumps to a cell; in Excel nothing is written until asked, then every sheet', async () => {
    const engine = stubEngine();
    const port = recordingPort();
    renderApp(port, engine);
    expect(screen.getByTestId('mode').textContent).toBe('Excel 工作簿');
    const files = [new File(['a'], '信息工程学院.xlsx'), new File(['b'], '机电工程学院.xlsx')];
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
    });
    await waitFor(() => expect(screen.getByTestId('check-summary').textContent).toBe('错误 2 条 · 警告 1 条 · 提示 0 条 · 2 个单位'));
    expect(engine.calls).toEqual(['addFiles:2', 'recompute:2024-11-20']);
    expect(port.written).toEqual([]);
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
    expect(screen.getByTestId('finding-detail').textContent).toContain('文件“信息工程学院.xlsx”，工作表“附件1”，单元格 G5');

    // Filters.
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'warning' } });
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('filter-severity'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-unit'), { target: { value: '继续教育学院' } });
    expect(screen.getAllByTestId('finding')).toHaveLength(1);

    // One explicit action writes all sheets, with progress.
    await act(async () => {
      fireEvent.click(screen.getByTestId('write-workbook'));
    });
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toBe('已写入 4 张工作表。'));
    expect(port.written).toEqual(['校验结果', '评分表', '考核排名', '整改台账']);
  });

  it('scores in the pane: refused above the maximum, accepted entries move the live ranking and the 未评分 banner', async () => {
    const engine = stubEngine();
    renderApp(recordingPort('web'), engine);
    await importOne();
    fireEvent.click(screen.getByTestId('tab-ranking'));
    expect(screen.getByTestId('unscored-banner').textContent).toBe('评分未完成：2 个单位未评分');
    expect(screen.getByTestId('ranking-table').textContent).toContain('未评分');
    expect(screen.getByTestId('ranking-table').textContent).not.toContain('不合格');
    fireEvent.click(screen.getByTestId('tab-score'));
    const name = screen.getByTestId('inspector');
    fireEvent.change(name, { target: { value: '张老师' } });
    fireEvent.blur(name);
    const news = screen.getByTestId('score-content.news');
    fireEvent.change(news, { target: { value: '20' } });
    await act(async () => {
      fireEvent.keyDown(news, { key: 'Enter' });
    });
    expect(screen.getByText('“新闻动态”得分应在 0～15 分之间')).toBeTruthy();
    fireEvent.change(news, { target: { value: '14' } });
    await act(async () => {
      fireEvent.keyDown(news, { key: 'Enter' });
    });
    expect(engine.calls.slice(-2)).toEqual(['setScore:信息工程学院:content.news:20', 'setScore:信息工程学院:content.news:14']);
    expect(screen.getByTestId('unscored-banner').textContent).toBe('评分未完成：1 个单位未评分');
    fireEvent.click(screen.getByTestId('tab-ranking'));
    expect(screen.getByTestId('ranking-table').querySelector('tbody tr')!.textContent).toBe('1信息工程学院80.00良好');
  });

  it('asks for an import before scoring', async () => {
    renderApp(recordingPort(), stubEngine());
    fireEvent.click(screen.getByTestId('tab-score'));
    expect(screen.getByText('请先完成导入与校验。')).toBeTruthy();
  });

  it('downloads the whole result on the web page and shows English strings', async () => {
    const port = recordingPort('web');
    const engine = stubEngine();
    renderApp(port, engine, 'en-US');
    expect(screen.getByTestId('mode').textContent).toBe('Web page (results download as .xlsx)');
    expect((screen.getByTestId('download') as HTMLButtonElement).disabled).toBe(true); // nothing to download yet
    await importOne();
    screen.getByTestId('download').focus();
    await act(async () => {
      fireEvent.click(screen.getByTestId('download'));
    });
    expect(port.saved).toEqual(['阵地检查结果-2024-11-20.xlsx:1']);
    expect(screen.getByTestId('live-status').textContent).toBe('Downloaded the result workbook “阵地检查结果-2024-11-20.xlsx”.');
    expect(document.activeElement).toBe(screen.getByTestId('download')); // focus stays where it was
  });

  it('web page: zips of the unit templates and the return copies; ', async () => {
    const port = recordingPort('web');
    const engine = stubEngine();
    renderApp(port, engine);
    await importOne();
    await act(async () => {
      fireEvent.click(screen.getByTestId('unit-templates'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('return-copies'));
    });
    expect(engine.calls.filter((c) => c.endsWith('Zip'))).toEqual(['unitTemplatesZip', 'returnCopiesZip']);
    expect(port.saved).toEqual(['各单位网络阵地备案表.zip:3', '退回修改件.zip:4']);
    expect(screen.getByTestId('live-status').textContent).toBe('已下载“退回修改件.zip”。');
  });

  it('Excel: no zip buttons (templates go into the workbook)', () => {
    renderApp(recordingPort(), stubEngine());
    expect(screen.queryByTestId('unit-templates')).toBeNull();
    expect(screen.queryByTestId('return-copies')).toBeNull();
  });

  it('writes blank templates (Excel: into the workbook; web page: as a separate file)', async () => {
    const port = recordingPort();
    renderApp(port, stubEngine());
    await act(async () => {
      fireEvent.click(screen.getByTestId('templates'));
    });
    expect(port.written).toEqual(['附件1']);
    expect(screen.getByTestId('notice').textContent).toContain('已生成 1 张空白备案表');
  });
});

describe('App accessibility', () => {
  it('announces the import, moves focus to the check summary and links the tab panel', async () => {
    renderApp(recordingPort('web'), stubEngine());
    expect(screen.getByTestId('live-status').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('live-alert').getAttribute('role')).toBe('alert');
    await importOne();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('check-summary')));
    expect(screen.getByTestId('live-status').textContent).toBe('共 1 个文件：1 个已导入，0 个未导入，0 个重复跳过，0 个已被替换。校验发现错误 2 条，涉及 2 个单位。结果工作簿已更新（4 张工作表），可随时下载。');
    const panel = screen.getByRole('tabpanel');
    const tab = screen.getByTestId('tab-check');
    expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
    expect(tab.getAttribute('aria-controls')).toBe(panel.id);
    expect(screen.getByTestId('tab-import').getAttribute('aria-controls')).toBeNull(); // never points to a panel that is not there
  });

  it('shows rule titles and places, never ids or placeholders; finding items say whether they are open', async () => {
    renderApp(recordingPort('web'), stubEngine());
    await importOne();
    const text = screen.getByTestId('findings').textContent ?? '';
    expect(text).not.toContain('—');
    for (const id of ['cell-phone', 'website-stale', 'unit-missing']) expect(text).not.toContain(id);
    expect(text).toContain('电话号码无效');
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

  it('says nothing was imported, and offers nothing to download, when no file could be read', async () => {
    const engine = stubEngine({ ...CHECK, files: [{ ...CHECK.files[0]!, file: '空文件.xlsx', status: 'rejected', unit: null }], units: [], findings: [] });
    const port = recordingPort('web');
    renderApp(port, engine);
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([''], '空文件.xlsx')] } });
    });
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toContain('没有可导入的备案表'));
    expect(screen.getByTestId('live-status').textContent).not.toContain('结果工作簿已更新');
    expect(screen.getByTestId('import-summary').textContent).toBe('共 1 个文件：0 个已导入，1 个未导入，0 个重复跳过，0 个已被替换。');
    expect(screen.getByTestId('file-table').textContent).toContain('未识别单位');
    expect(screen.getByTestId('tab-import').getAttribute('aria-selected')).toBe('true'); // stays on the import step
  });

  it('names the progress bar and shows the inspection date with its default on the import step', async () => {
    let release: () => void = () => undefined;
    const engine = stubEngine();
    engine.addFiles = async (files, onProgress) => {
      onProgress?.(1, 4, 'a.xlsx');
      await new Promise<void>((r) => (release = r));
      return { total: files.length, added: [], skipped: [], changed: false };
    };
    renderApp(recordingPort('web'), engine);
    expect((screen.getByTestId('asOf') as HTMLInputElement).value).toBe('2024-11-20');
    expect(screen.getByText(/今天是/)).toBeTruthy();
    await act(async () => {
      fireEvent.change(screen.getByTestId('file-input'), { target: { files: [1, 2, 3, 4].map((i) => new File(['a'], `${i}.xlsx`)) } });
    });
    const bar = within(screen.getByTestId('progress')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuetext')).toBe('已解析 1 / 4 个文件');
    expect(document.getElementById(bar.getAttribute('aria-labelledby')!)?.textContent).toBe('导入进度');
    expect((screen.getByTestId('choose-files') as HTMLButtonElement).getAttribute('aria-disabled')).toBe('true'); // focusable while busy
    await act(async () => release());
  });

  it('applies a new inspection date on change', async () => {
    const engine = stubEngine();
    renderApp(recordingPort('web'), engine);
    await importOne();
    fireEvent.click(screen.getByTestId('tab-import'));
    await act(async () => {
      fireEvent.change(screen.getByTestId('asOf'), { target: { value: '2024-12-01' } });
    });
    expect(engine.calls).toContain('recompute:2024-12-01');
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
    expect(engine.calls).toEqual(['restore', 'recompute:2024-11-21']);
    expect(port.written).toEqual([]);
    fireEvent.click(screen.getByTestId('tab-settings'));
    expect(screen.getByTestId('roster-status').textContent).toBe('名单已载入：13 个单位');
    await act(async () => {
      fireEvent.click(screen.getByTestId('apply-settings'));
    });
    expect(saved).toHaveLength(1);
  });
});

describe('App on the web page with a saved session', () => {
  function renderWeb(engine: Engine, renew: () => void) {
    return render(
      <I18nContext.Provider value={{ locale: 'zh-CN', t: translator('zh-CN') }}>
        <FluentProvider theme={webLightTheme}>
          <App port={recordingPort('web')} engine={engine} session={{ id: 'web', settings: null, saveSettings: () => undefined, renew }} />
        </FluentProvider>
      </I18nContext.Provider>,
    );
  }

  it('stays usable while the session loads, then shows what was kept, with the saved settings', async () => {
    const engine = stubEngine(CHECK, { saved: { ...defaultSettings(), asOf: '2024-11-22' }, storage: 'quota' });
    let release!: () => void;
    const loaded = new Promise<void>((res) => (release = res));
    const restore = engine.restore.bind(engine);
    engine.restore = async (id) => {
      await loaded;
      return restore(id);
    };
    renderWeb(engine, () => undefined);
    // The restore is no busy action: the file button works at once (a disabled one swallows Enter).
    expect(screen.getByTestId('choose-files').getAttribute('aria-disabled')).toBeNull();
    await act(async () => release());
    await waitFor(() => expect((screen.getByTestId('asOf') as HTMLInputElement).value).toBe('2024-11-22'));
    expect(engine.calls).toEqual(['restore', 'recompute:2024-11-22']);
    await waitFor(() => screen.getByTestId('import-summary'));
    expect(screen.getByTestId('import-summary').textContent).toBe('已恢复上次导入的 2 个文件。');
    expect(screen.getByTestId('storage-problem').textContent).toContain('浏览器存储空间不足');
  });

  it('names the files of the saved session that could not be read back', async () => {
    const engine = stubEngine(CHECK, { missing: ['信息工程学院.xlsx', '艺术设计学院.xlsx'] });
    renderWeb(engine, () => undefined);
    await waitFor(() => screen.getByTestId('import-summary'));
    const notice = screen.getAllByTestId('notice').map((n) => n.textContent).join(' ');
    expect(notice).toContain('2 个文件未能从浏览器存储读回，请重新导入：信息工程学院.xlsx、艺术设计学院.xlsx');
  });

  it('新建会话 asks first, then forgets everything and starts over', async () => {
    const engine = stubEngine(CHECK, { saved: { ...defaultSettings(), asOf: '2024-11-22' } });
    const renewed: number[] = [];
    renderWeb(engine, () => renewed.push(1));
    await waitFor(() => screen.getByTestId('import-summary'));
    expect(screen.queryByTestId('storage-problem')).toBeNull();
    fireEvent.click(screen.getByTestId('new-session'));
    fireEvent.click(await screen.findByTestId('new-session-cancel'));
    await waitFor(() => expect(screen.queryByTestId('new-session-confirm')).toBeNull());
    expect(engine.calls).not.toContain('forget');
    fireEvent.click(screen.getByTestId('new-session'));
    await act(async () => {
      fireEvent.click(await screen.findByTestId('new-session-confirm'));
    });
    await waitFor(() => expect(renewed).toEqual([1]));
    expect(engine.calls).toContain('forget');
    expect((screen.getByTestId('asOf') as HTMLInputElement).value).toBe(defaultSettings().asOf);
    expect(screen.queryByTestId('file-table')).toBeNull();
  });
});
