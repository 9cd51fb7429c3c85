/**
 * A binary min-heap of integer values by number keys: the open list of the router's A*. Keys and
 * values live in typed arrays that grow as needed, since a layout pushes millions of entries.
 */
export class MinHeap {
    private keys = new Float64Array(256);
    private values = new Int32Array(256);
    private count = 0;

    get size(): number {
        return this.count;
    }

    clear(): void {
        this.count = 0;
    }

    push(key: number, value: number): void {
        if (this.count === this.keys.length) {
            this.grow();
        }
        const { keys, values } = this;
        let at = this.count++;
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
        const count = --this.count;
        const lastKey = keys[count];
        const lastValue = values[count];
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

    private grow(): void {
        const keys = new Float64Array(this.keys.length * 2);
        const values = new Int32Array(this.values.length * 2);
        keys.set(this.keys);
        values.set(this.values);
        this.keys = keys;
        this.values = values;
    }
}
