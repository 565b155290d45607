/** Dates as people read them in the sheets we write: 2024年11月20日 in prose, local time for file times. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2024-11-20` → `2024年11月20日`; any other text is returned as it is. */
export function cnDate(iso: string): string {
  const m = ISO_DAY.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A file's time (an ISO timestamp, UTC) as the user's clock shows it: `2024-11-20 14:05`.
 * Text that is not a timestamp is returned as it is.
 */
export function localDateTime(iso: string | null): string | null {
  if (!iso) return iso;
  const t = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(t)) return iso;
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The inverse of localDateTime (read back from 导入记录): an ISO timestamp, or the text as it is. */
export function isoFromLocal(text: string | null): string | null {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text) : null;
  if (!m) return text;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}
