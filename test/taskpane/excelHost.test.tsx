/**
 * @jest-environment jsdom
 *
 * The pane in Excel, through the Office.js fake and the real engine in process: the samples and
 * the inspectors' 评分.xlsx are imported, all sheets are written in one action, then a score typed
 * in the pane lands in 评分表 and moves the ranking by exactly what the rubric's arithmetic says.
 */
import './jsdomEngine'; // first: the engine's modules need these globals when they load
import * as fs from 'node:fs';
import * as path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/components/App';
import { localEngine } from '../../src/taskpane/engine/local';
import { I18nContext, translator } from '../../src/taskpane/i18n';
import { officePort } from '../../src/taskpane/office';
import { defaultSettings } from '../../src/taskpane/settings';
import { detectCaps } from '../../src/excel/requirements';
import { FakeExcel } from '../excel/fakeExcel';
import { a1 } from '../../src/core/grid';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples/submissions');
const file = (p: string) => new File([fs.readFileSync(p)], path.basename(p));

/** The data rows of a sheet written into the fake, as objects by header (header row found by `key`). */
function rows(fake: FakeExcel, sheet: string, key: string): Record<string, unknown>[] {
  const values = fake.values(sheet);
  const h = values.findIndex((r) => r.includes(key));
  const header = values[h]!.map(String);
  return values.slice(h + 1).map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
}

jest.setTimeout(120000);

it('writes a score typed in the pane into 评分表 and moves the ranking by exactly the expected amount', async () => {
  const fake = new FakeExcel('1.18');
  const port = officePort((fn) => fake.run(fn), detectCaps(fake.requirements));
  render(
    <I18nContext.Provider value={{ locale: 'zh-CN', t: translator('zh-CN') }}>
      <FluentProvider theme={webLightTheme}>
        <App port={port} engine={localEngine()} initialSettings={{ ...defaultSettings(), asOf: '2024-11-20' }} />
      </FluentProvider>
    </I18nContext.Provider>,
  );
  const files = [...fs.readdirSync(SAMPLES).map((f) => file(path.join(SAMPLES, f))), file(path.join(ROOT, 'samples/评分.xlsx'))];
  await act(async () => {
    fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
  });
  await waitFor(() => screen.getByTestId('check-summary'), { timeout: 60000 });
  expect(fake.state.sheets).toHaveLength(0); // nothing is written before the explicit action

  const write = async () => {
    await act(async () => {
      fireEvent.click(screen.getByTestId('write-workbook'));
    });
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toMatch(/^已写入 \d+ 张工作表。$/), { timeout: 60000 });
  };
  await write();
  const unit = '信息工程学院';
  const before = rows(fake, '考核排名', '基础分').find((r) => r['单位'] === unit)!;
  const scoreRow = () => rows(fake, '评分表', '二级指标').find((r) => r['单位'] === unit && r['二级指标'] === '新闻动态')!;
  const old = scoreRow()['上半年·张明·得分'] as number;
  expect(typeof old).toBe('number');
  // Two inspectors scored 上半年 (张明, 王芳) and both rounds weigh 1: one point less from one
  // inspector is half a point off the round total and a quarter point off the annual base.
  expect(scoreRow()['上半年·王芳·得分']).toEqual(expect.any(Number));
  const delta = 3;
  const paneScore = () => {
    fireEvent.click(screen.getByTestId('tab-ranking'));
    const cells = screen.getByTestId('ranking-table').querySelector(`tr[data-unit="${unit}"]`)!.querySelectorAll('td');
    return Number(cells[2]!.textContent);
  };
  const paneBefore = paneScore();

  fireEvent.click(screen.getByTestId('tab-score'));
  const inspector = screen.getByTestId('inspector');
  fireEvent.change(inspector, { target: { value: '张明' } });
  fireEvent.blur(inspector);
  fireEvent.change(screen.getByTestId('score-unit'), { target: { value: unit } });
  const news = screen.getByTestId('score-content.news') as HTMLInputElement;
  expect(Number(news.value)).toBe(old);
  fireEvent.change(news, { target: { value: String(old - delta) } });
  await act(async () => {
    fireEvent.keyDown(news, { key: 'Enter' });
  });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('score-content.organization')));
  await write();

  expect(scoreRow()['上半年·张明·得分']).toBe(old - delta);
  const after = rows(fake, '考核排名', '基础分').find((r) => r['单位'] === unit)!;
  expect(after['上半年得分'] as number).toBeCloseTo((before['上半年得分'] as number) - delta / 2, 9);
  expect(after['下半年得分']).toBe(before['下半年得分']);
  expect(after['基础分'] as number).toBeCloseTo((before['基础分'] as number) - delta / 4, 9);

  // The pane's live ranking moved by the same amount (shown to two decimals).
  expect(paneScore()).toBeCloseTo(paneBefore - delta / 4, 1);

  // A score typed straight into 评分表 is read back on the next write, and kept.
  const values = fake.values('评分表');
  const h = values.findIndex((r) => r.includes('二级指标'));
  const col = values[h]!.indexOf('下半年·张明·得分');
  const r = values.findIndex((row) => row[0] === unit && row[4] === '新闻动态');
  const typed = (values[r]![col] as number) - 2;
  fake.type('评分表', a1(r, col), typed);
  await write();
  expect(scoreRow()['下半年·张明·得分']).toBe(typed);
  expect(scoreRow()['上半年·张明·得分']).toBe(old - delta);
  const last = rows(fake, '考核排名', '基础分').find((x) => x['单位'] === unit)!;
  expect(last['下半年得分'] as number).toBeCloseTo((before['下半年得分'] as number) - 1, 9);
  expect(last['基础分'] as number).toBeCloseTo((before['基础分'] as number) - delta / 4 - 0.5, 9);
});
