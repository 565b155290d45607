/**
 * MHTML (.mht/.mhtml, Excel's and browsers' "single file web page"): the first text/html part
 * of the MIME message, its transfer encoding undone, read as a web page (html.ts).
 */

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function quotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function base64(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9+/=]/g, '');
  try {
    return atob(clean);
  } catch {
    return '';
  }
}

export function isMhtml(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, 2048));
  return /^(?:[\w-]+:[^\n]*\r?\n)*?MIME-Version:/im.test(head) && /multipart\/related/i.test(head);
}

/** The HTML part's bytes and its declared charset, or null when there is none. */
export function mhtmlPart(bytes: Uint8Array): { html: Uint8Array; charset: string | null } | null {
  const text = latin1(bytes);
  const b = /boundary="?([^";\r\n]+)"?/i.exec(text);
  if (!b) return null;
  for (const part of text.split(`--${b[1]!}`)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    const raw = enc === 'quoted-printable' ? quotedPrintable(body) : enc === 'base64' ? base64(body) : body;
    return { html: fromLatin1(raw), charset: /charset="?([\w-]+)"?/i.exec(headers)?.[1] ?? null };
  }
  return null;
}
