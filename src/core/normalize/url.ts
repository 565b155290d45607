/** Web addresses as people type them into a 网址 cell: the host they name. */
import { toHalfWidth, withoutInvisible } from './text';

/** A scheme, mistyped as it often is: http://, http//, http:/, http:\\, http;//, https：//. */
const SCHEME = /^(?:[a-z]{2,8}\s*[:;]\s*[/\\]{1,3}|[a-z]{2,8}[/\\]{2,3}|h*t+p+s?\s*[:;])\s*/i;
/** A label before the address (网址：, 地址:) and notes in brackets after it ((内网), （校内访问）). */
const LABEL = /^[^a-z0-9]*[:：]\s*/i;
const NOTE = /\([^()]*\)|【[^【】]*】/g;
/** Where the host ends: a path, query, port, or the next of several addresses. */
const HOST_END = /[/?#:\\\s,;，；、]/;

/** The address as typed, without label, notes, quotes and scheme; full-width made half-width, case kept. */
function bareAddress(url: string): string {
  let t = toHalfWidth(withoutInvisible(url)).replace(/[。．｡]/g, '.').trim();
  t = t.replace(NOTE, ' ').replace(/^[<"'“‘]+|[>"'”’]+$/g, '').trim();
  if (!/^[a-z0-9[]/i.test(t)) t = t.replace(LABEL, '');
  return t.replace(SCHEME, '');
}

/** The host at the start of a bare address, lower case, and where it ends (-1: it is all host). */
function hostOf(bare: string): { host: string; end: number } {
  const end = bare.search(HOST_END);
  return { host: (end < 0 ? bare : bare.slice(0, end)).toLowerCase().replace(/\.+$/, ''), end };
}

/**
 * Host of a URL as typed: any scheme or a mistyped one, `www.`, paths, ports, full-width letters
 * and dots (。．), a label before it and a note in brackets after it allowed; lower case.
 */
export function urlHost(url: string): string {
  return hostOf(bareAddress(url)).host;
}

/** A default page at the end of a path: http://x/ and http://x/index.html are one site. */
const DEFAULT_PAGE = /\/(?:index|default|main|home)\.(?:s?html?|jsp|php|aspx?)$/;

/**
 * A site's address as compared: no scheme, no `www.`, no default page and no trailing slash,
 * the host lower-cased and the path as typed. Empty when no host is there.
 */
export function siteKey(url: string): string {
  const bare = bareAddress(url);
  const { host, end } = hostOf(bare);
  if (!host) return '';
  let path = end < 0 ? '' : bare.slice(end).split(/[\s,;，；、]/)[0]!;
  path = path.replace(/^:\d+/, '').replace(/[?#].*$/, '').replace(DEFAULT_PAGE, '').replace(/\/+$/, '');
  return host.replace(/^www\./, '') + path;
}
