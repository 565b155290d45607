/** Settings of a session (DOMAIN §2.4), edited in the pane's settings panel; typed by the core schema. */
import { SettingsSchema, defaultSettings, type Settings } from '../core/params';

export { defaultSettings, settingsToParams, type Settings } from '../core/params';

export function todayIso(now: Date = new Date()): string {
  return defaultSettings(now).asOf;
}

export { isIsoDate } from '../core/scoring/util';

const KEY_OF: Record<string, string> = {
  asOf: 'settings.badAsOf',
  deadline: 'settings.badDeadline',
  staleWarnDays: 'settings.badStale',
  staleErrorDays: 'settings.badStale',
  bigvThreshold: 'settings.badThreshold',
  rectifyDays: 'settings.badRectify',
  websiteDomain: 'settings.badDomain',
};

/** Problems with the settings, as i18n keys (empty when valid). */
export function settingsProblems(s: Settings): string[] {
  const r = SettingsSchema.safeParse(s);
  if (r.success) return [];
  const keys = r.error.issues.map((i) => KEY_OF[String(i.path[0])]).filter((k): k is string => !!k);
  return [...new Set(keys)];
}
