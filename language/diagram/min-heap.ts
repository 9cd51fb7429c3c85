/** A binary min-heap of integer values by number keys: the open list of the router's A*. */
export class MinHeap {
    private keys: number[] = [];
    private values: number[] = [];

    get size(): number {
        return this.keys.length;
    }

    clear(): void {
        this.keys.length = 0;
        this.values.length = 0;
    }

    push(key: number, value: number): void {
        const { keys, values } = this;
        let at = keys.length;
        keys.push(key);
        values.push(value);
        while (at > 0) {
            const up = (at - 1) >> 1;
            if (keys[up] <= key) {
                break;
            }
            keys[at] = keys[up];
            values[at] = values[up];
            at = up;
        }
        keys[at] = key;
        values[at] = value;
    }

    peekKey(): number {
        return this.keys[0];
    }

    /** Removes and returns the value with the smallest key; the heap must not be empty. */
    pop(): number {
        const { keys, values } = this;
        const top = values[0];
        const lastKey = keys.pop()!;
        const lastValue = values.pop()!;
        const count = keys.length;
        if (count > 0) {
            let at = 0;
            for (;;) {
                let child = 2 * at + 1;
                if (child >= count) {
                    break;
                }
                if (child + 1 < count && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= lastKey) {
                    break;
                }
                keys[at] = keys[child];
                values[at] = values[child];
                at = child;
            }
            keys[at] = lastKey;
            values[at] = lastValue;
        }
        return top;
    }
}
