/** Names Excel will accept: sheet names and table names, made valid and unique. */

/** Excel: at most 31 characters, none of []:*?/\, not starting or ending with an apostrophe. */
export function safeSheetName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let s = name.replace(/[[\]:*?/\\]/g, '_').replace(/[\u0000-\u001f]/g, '').trim();
  s = s.replace(/^'+|'+$/g, '').trim();
  if (!s) s = 'Sheet';
  if (s.toLowerCase() === 'history') s = `${s}_`; // reserved by Excel
  return truncate(s, 31);
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/'+$/, '');
}

/** Sanitised names in order, deduplicated case-insensitively with a " (2)" suffix. */
export function uniqueSheetNames(names: string[], taken: Set<string> = new Set()): string[] {
  return names.map((name) => {
    const base = safeSheetName(name);
    let candidate = base;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      candidate = truncate(base, 31 - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** A valid, unique table name: letters, digits, `_`, `.`; not a cell reference. */
export function safeTableName(name: string, taken: Set<string>): string {
  let s = name.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_]/u.test(s)) s = `_${s}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(s) || /^[RrCc]$/.test(s) || /^[Rr]\d*[Cc]\d*$/.test(s)) s = `_${s}`;
  s = s.slice(0, 250);
  let candidate = s;
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${s}_${k}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Table column names must be unique and non-empty; line breaks do not survive the table part. */
export function tableHeaders(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    const base = h.replace(/\s+/g, ' ').trim() || `列${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A sheet name as written inside a reference: always quoted, apostrophes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
