/**
 * Items grouped by a key, each group in the items' order. The groups are usually kept (indexes
 * of a model), and an array that grew by pushing keeps room for 17 or more items, so each group
 * of several items is trimmed to its length.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group) {
            group.push(item);
        } else {
            groups.set(key, [item]);
        }
    }
    for (const [key, group] of groups) {
        if (group.length > 1) {
            groups.set(key, group.slice());
        }
    }
    return groups;
}
