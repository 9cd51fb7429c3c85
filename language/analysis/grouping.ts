/**
 * Items grouped by a key, each group in the items' order. The groups are usually kept (indexes
 * of a model, hundreds of thousands of groups for a large one), so each is made its exact size,
 * counted first: a list grown by pushing keeps room for 17 items as soon as it has two.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
    const all: readonly T[] = Array.isArray(items) ? items : [...items];
    const keys = all.map(keyOf);
    const sizes = new Map<K, number>();
    for (const key of keys) {
        sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    const groups = new Map<K, T[]>();
    for (const [key, size] of sizes) {
        groups.set(key, new Array<T>(size));
    }
    // Filled from the last item, each group from its end, so that every group keeps the items' order.
    for (let i = all.length - 1; i >= 0; i--) {
        const at = sizes.get(keys[i])! - 1;
        sizes.set(keys[i], at);
        groups.get(keys[i])![at] = all[i];
    }
    return groups;
}
