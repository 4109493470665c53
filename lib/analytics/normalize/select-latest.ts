export interface LatestSelection<Item> {
  /** One item per key, in the order each key first appeared. */
  kept: Item[];
  /** How many items lost to another item with the same key. */
  superseded: number;
}

/**
 * Keeps one item per key: the one with the highest rank; on equal ranks the later item in input
 * order wins (it is the more recently fetched copy). Pure and stable.
 */
export function selectLatestByKey<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  rankOf: (item: Item) => number,
): LatestSelection<Item> {
  const winners = new Map<string, Item>();
  for (const item of items) {
    const key = keyOf(item);
    const current = winners.get(key);
    if (current === undefined || rankOf(item) >= rankOf(current)) winners.set(key, item);
  }
  return { kept: [...winners.values()], superseded: items.length - winners.size };
}
