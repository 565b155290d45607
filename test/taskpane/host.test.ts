/**
 * @jest-environment jsdom
 */
import { browserEnv, decideHost, domScriptLoader, loadOfficeJs, officeHostInfo, OFFICE_JS_URLS, type OfficeLike, type StartupState } from '../../src/taskpane/host';

const excel: OfficeLike = { onReady: async () => ({ host: 'Excel', platform: 'PC' }) };

describe('start-up: host mode from Office\'s own signal', () => {
  it('recognises the signals office.js itself reads', () => {
    expect(officeHostInfo({ search: '' })).toBeNull();
    expect(officeHostInfo({ search: '?step=import' })).toBeNull();
    expect(officeHostInfo({ search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0' })).toBe('Excel$Win32$16.01$zh-CN$$$$0');
    expect(officeHostInfo({ search: '?step=score&_host_Info=Excel|Web|16.00|zh-CN' })).toBe('Excel|Web|16.00|zh-CN');
    expect(officeHostInfo({ search: '', sessionStorage: { getItem: (k) => (k === 'hostInfoValue' ? 'Excel$Mac$16.00$zh-CN' : null) } })).toBe('Excel$Mac$16.00$zh-CN');
    expect(officeHostInfo({ search: '', windowName: JSON.stringify({ hostInfo: 'Excel|Win32|16.01' }) })).toBe('Excel|Win32|16.01');
    expect(officeHostInfo({ search: '', windowName: 'not json' })).toBeNull();
    expect(officeHostInfo({ search: '', external: { GetHostInfo: () => 'x' } })).toBe('bridge');
    expect(officeHostInfo({ search: '', webview2: {} })).toBe('bridge');
    expect(officeHostInfo({ search: '', webkitHandlers: {} })).toBe('bridge');
    expect(officeHostInfo(browserEnv())).toBeNull(); // jsdom is a plain browser page
    expect(officeHostInfo({ search: '', sessionStorage: { getItem: () => { throw new Error('blocked'); } } })).toBeNull();
  });

  it('outside Office: web mode at once, office.js never requested', async () => {
    const load = jest.fn(async () => undefined);
    const states: StartupState[] = [];
    expect(await decideHost({ search: '' }, load, () => undefined, (s) => states.push(s))).toBeNull();
    expect(load).not.toHaveBeenCalled();
    expect(states).toEqual([{ phase: 'ready', host: null }]);
  });

  it('inside Office: waits for a slow onReady with a progress message, never falls back on a timeout', async () => {
    jest.useFakeTimers();
    try {
      let ready!: (v: { host: string; platform: string }) => void;
      const slow: OfficeLike = { onReady: () => new Promise((r) => (ready = r)) };
      let g: OfficeLike | undefined;
      const states: string[] = [];
      const p = decideHost({ search: '?_host_Info=Excel$Win32$16.01$zh-CN' }, async () => void (g = slow), () => g, (s) => states.push(s.phase), 8000);
      await jest.advanceTimersByTimeAsync(60_000); // a minute on a slow campus link
      expect(states).toEqual(['loading', 'slow']);
      ready({ host: 'Excel', platform: 'PC' });
      expect(await p).toBe('excel');
      expect(states).toEqual(['loading', 'slow', 'ready']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('tries the 21Vianet CDN when Microsoft\'s address fails', async () => {
    const tried: string[] = [];
    let g: OfficeLike | undefined;
    const office = await loadOfficeJs(
      async (src) => {
        tried.push(src);
        if (src.includes('microsoft.com')) throw new Error('blocked');
        g = excel;
      },
      () => g,
    );
    expect(office).toBe(excel);
    expect(tried).toEqual(OFFICE_JS_URLS);
    expect(OFFICE_JS_URLS[1]).toBe('https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js');
  });

  it('says so when office.js cannot be loaded at all (no silent web mode inside Excel)', async () => {
    const states: string[] = [];
    const r = await decideHost({ search: '?_host_Info=Excel$Web$16.00' }, async () => { throw new Error('offline'); }, () => undefined, (s) => states.push(s.phase));
    expect(r).toBe('failed');
    expect(states).toEqual(['loading', 'failed']);
  });

  it('a Word or unknown host reported by onReady is not Excel', async () => {
    expect(await decideHost({ search: '?_host_Info=Word$Win32$16.01' }, async () => undefined, () => ({ onReady: async () => ({ host: 'Word', platform: 'PC' }) }))).toBeNull();
  });

  it('the DOM loader adds an async script and reports its failure', async () => {
    const load = domScriptLoader(document);
    const p = load('https://example.invalid/office.js');
    const s = document.head.querySelector('script[src="https://example.invalid/office.js"]') as HTMLScriptElement;
    expect(s.async).toBe(true);
    s.dispatchEvent(new Event('error'));
    await expect(p).rejects.toThrow(/cannot load/);
    expect(document.head.querySelector('script[src="https://example.invalid/office.js"]')).toBeNull();
  });
});
