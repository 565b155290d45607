/** Settings of a session (DOMAIN §2.4), edited in the pane's settings panel. */
export interface Settings {
  /** Inspection date (YYYY-MM-DD). */
  asOf: string;
  /** Filing deadline (YYYY-MM-DD) or empty. */
  deadline: string;
  staleWarnDays: number;
  staleErrorDays: number;
  bigvThreshold: number;
  rectifyDays: number;
  /** Also write one printable 整改通知 sheet per unit. */
  notices: boolean;
  /** School name for blank templates. */
  school: string;
}

export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function defaultSettings(now?: Date): Settings {
  return { asOf: todayIso(now), deadline: '', staleWarnDays: 7, staleErrorDays: 14, bigvThreshold: 2000, rectifyDays: 15, notices: false, school: '' };
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1;
}

/** Problems with the settings, as i18n keys (empty when valid). */
export function settingsProblems(s: Settings): string[] {
  const out: string[] = [];
  if (!isIsoDate(s.asOf)) out.push('settings.badAsOf');
  if (s.deadline && !isIsoDate(s.deadline)) out.push('settings.badDeadline');
  if (!(s.staleWarnDays >= 0 && s.staleErrorDays >= s.staleWarnDays)) out.push('settings.badStale');
  if (!(s.bigvThreshold >= 0)) out.push('settings.badThreshold');
  if (!(s.rectifyDays >= 0)) out.push('settings.badRectify');
  return out;
}
