/** Dates as people read them in the sheets we write: 2024年11月20日 in prose, the office's clock (UTC+8) for file times. */

import { OFFICE_UTC_OFFSET_MS, todayIso } from '../normalize/date';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2024-11-20` → `2024年11月20日`; any other text is returned as it is. */
export function cnDate(iso: string): string {
  const m = ISO_DAY.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant an ISO timestamp names (ms), or null when the text is no timestamp. */
function instant(iso: string): number | null {
  const t = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? null : t;
}

/** The office's calendar day of an ISO timestamp (`2024-11-15T16:30:00Z` → `2024-11-16`); other text: its first 10 characters. */
export function officeDay(iso: string): string {
  const t = instant(iso);
  return t === null ? iso.slice(0, 10) : todayIso(new Date(t));
}

/**
 * A file's time (an ISO timestamp, UTC) on the office's clock (UTC+8): `2024-11-20 14:05`.
 * Text that is not a timestamp is returned as it is.
 */
export function officeDateTime(iso: string | null): string | null {
  const t = iso ? instant(iso) : null;
  if (t === null) return iso;
  const clock = new Date(t + OFFICE_UTC_OFFSET_MS);
  return `${todayIso(new Date(t))} ${pad(clock.getUTCHours())}:${pad(clock.getUTCMinutes())}`;
}

/** The inverse of officeDateTime (read back from 导入记录): an ISO timestamp, or the text as it is. */
export function isoFromOfficeTime(text: string | null): string | null {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text) : null;
  if (!m) return text;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - OFFICE_UTC_OFFSET_MS;
  return Number.isNaN(t) ? text : new Date(t).toISOString();
}
