/** @jest-environment jsdom */
import { webSession } from '../../src/taskpane/web';
import { defaultSettings } from '../../src/taskpane/settings';

describe('webSession', () => {
  beforeEach(() => localStorage.clear());

  it('keeps one id and the settings across page loads', () => {
    const first = webSession()!;
    first.saveSettings({ ...defaultSettings(), asOf: '2024-11-20' });
    const again = webSession()!;
    expect(again.id).toBe(first.id);
    expect(again.settings?.asOf).toBe('2024-11-20');
  });

  it('starts clean when nothing was saved, and survives broken stored settings', () => {
    expect(webSession()!.settings).toBeNull();
    localStorage.setItem('zhendi.settings', '{not json');
    expect(webSession()!.settings).toBeNull();
  });

  it('is null without storage', () => {
    expect(webSession(null)).toBeNull();
  });
});
