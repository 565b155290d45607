/**
 * axe-core in the page (WCAG 2.1 A + AA) and a reflow probe. The axe source is evaluated through
 * the DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  nodes: number;
  targets: string[];
}

/**
 * Known exceptions, each with its reason. Fluent's tabster inserts focusable "dummy" inputs with
 * aria-hidden around the TabList so focus can wrap; they are focus sentinels by design and move
 * focus on at once (upstream: microsoft/tabster, microsoft/fluentui aria-hidden-focus reports).
 */
const EXCEPTIONS: { id: string; target: RegExp; why: string }[] = [
  { id: 'aria-hidden-focus', target: /data-tabster-dummy|tabster/i, why: 'Fluent tabster focus sentinels' },
];

export async function runAxe(page: Page): Promise<Violation[]> {
  const has = await page.evaluate('typeof window.axe === "object"');
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }).then(r => r.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
      targets: v.nodes.map(n => [n.target.join(' '), n.html].join(' | ')),
    })))`)) as Violation[];
  return result;
}

/** Serious or critical violations that are not a listed exception. */
export function blocking(vs: Violation[]): Violation[] {
  return vs
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const ex = EXCEPTIONS.find((e) => e.id === v.id);
      if (!ex) return v;
      const targets = v.targets.filter((t) => !ex.target.test(t));
      return { ...v, nodes: targets.length, targets };
    })
    .filter((v) => v.nodes > 0);
}

/** Elements wider than the viewport, i.e. the page scrolls horizontally. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const vw = root.clientWidth;
    const culprits: string[] = [];
    if (root.scrollWidth > vw) {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 1 && culprits.length < 8) {
          culprits.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''}.${String(el.className).slice(0, 40)} right=${Math.round(r.right)}`);
        }
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: vw, culprits };
  });
}
