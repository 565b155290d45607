/**
 * An online form's own record of when each row came in (问卷星 提交答卷时间, 金数据 提交时间):
 * for form-late it is the day a unit filed, where the export's file time is only the day the
 * office exported the results.
 */
import { parseDate } from '../normalize/date';

const SUBMITTED = /^(?:提交答卷时间|答卷提交时间|提交时间|提交日期|填报时间|填写时间|填表时间|submittime|submittedat|submissiontime)$/i;

/** The latest day the rows give in their submission-time column (an extra column), or null when they have none. */
export function rowsSubmitted(rows: readonly { extras: Record<string, string> }[]): string | null {
  let header: string | null | undefined;
  let latest: string | null = null;
  for (const r of rows) {
    header ??= Object.keys(r.extras).find((h) => SUBMITTED.test(h.replace(/[\s_-]/g, ''))) ?? null;
    if (header === null) return null;
    const text = r.extras[header];
    if (!text) continue;
    const d = parseDate({ t: 's', v: text });
    if (d.ok && (latest === null || d.iso > latest)) latest = d.iso;
  }
  return latest;
}
