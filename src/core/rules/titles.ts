/** Chinese title of each checker rule by id (问题类型 in the rectification ledger). */
import * as catalog from './catalog';

export const RULE_TITLES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(catalog).map((r) => [r.id, r.title]));
