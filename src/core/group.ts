/** Appends to the list kept under a key, creating it: grouping without copying the list each time. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Grouping where most keys occur once (phones, accounts across a batch): a lone value is kept
 * as it is and a list is made only when a second one comes, so a batch of 100k singletons makes
 * no 100k one-item arrays. `repeated()` gives the lists of two or more, in first-seen order.
 */
export class Repeats<K, V extends object> {
  private readonly byKey = new Map<K, V | V[]>();

  add(key: K, value: V): void {
    const cur = this.byKey.get(key);
    if (cur === undefined) this.byKey.set(key, value);
    else if (Array.isArray(cur)) cur.push(value);
    else this.byKey.set(key, [cur, value]);
  }

  *repeated(): IterableIterator<[K, V[]]> {
    for (const [k, v] of this.byKey) if (Array.isArray(v)) yield [k, v];
  }
}
