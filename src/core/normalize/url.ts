/** Web addresses as people type them into a 网址 cell: the host they name. */
import { toHalfWidth, withoutInvisible } from './text';

/** A scheme, mistyped as it often is: http://, http//, http:/, http:\\, http;//, https：//. */
const SCHEME = /^(?:[a-z]{2,8}\s*[:;]\s*[/\\]{1,3}|[a-z]{2,8}[/\\]{2,3}|h*t+p+s?\s*[:;])\s*/;
/** A label before the address (网址：, 地址:) and notes in brackets after it ((内网), （校内访问）). */
const LABEL = /^[^a-z0-9]*[:：]\s*/;
const NOTE = /\([^()]*\)|【[^【】]*】/g;

/**
 * Host of a URL as typed: any scheme or a mistyped one, `www.`, paths, ports, full-width letters
 * and dots (。．), a label before it and a note in brackets after it allowed; lower case.
 */
export function urlHost(url: string): string {
  let t = toHalfWidth(withoutInvisible(url)).toLowerCase().replace(/[。．｡]/g, '.').trim();
  t = t.replace(NOTE, ' ').replace(/^[<"'“‘]+|[>"'”’]+$/g, '').trim();
  if (!/^[a-z0-9[]/.test(t)) t = t.replace(LABEL, '');
  return t.replace(SCHEME, '').split(/[/?#:\\\s,;，；、]/)[0]!.replace(/\.+$/, '');
}

/** A default page at the end of a path: http://x/ and http://x/index.html are one site. */
const DEFAULT_PAGE = /\/(?:index|default|main|home)\.(?:s?html?|jsp|php|aspx?)$/;

/**
 * A site's address as compared: no scheme, no `www.`, no default page and no trailing slash,
 * the host lower-cased and the path as typed. Empty when no host is there.
 */
export function siteKey(url: string): string {
  const host = urlHost(url);
  if (!host) return '';
  const t = toHalfWidth(withoutInvisible(url)).replace(/[。．｡]/g, '.').trim().replace(NOTE, ' ').trim();
  const at = t.toLowerCase().indexOf(host);
  let path = at >= 0 ? t.slice(at + host.length).split(/[\s,;，；、]/)[0]! : '';
  path = path.replace(/^:\d+/, '').replace(/[?#].*$/, '').replace(DEFAULT_PAGE, '').replace(/\/+$/, '');
  return host.replace(/^www\./, '') + path;
}
