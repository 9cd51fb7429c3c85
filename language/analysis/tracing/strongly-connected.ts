/**
 * Strongly connected components (Tarjan, 1972), iteratively so that a long chain of factors
 * cannot overflow the call stack. Every loop lies inside one component, so the loop search
 * never looks across component boundaries.
 */
export interface Components {
    /** Component number of each node. */
    readonly component: Int32Array;
    /** Number of nodes in each component. */
    readonly sizes: readonly number[];
}

/** Components of a graph given as ascending successor lists over nodes `0 … n-1`. */
export function stronglyConnectedComponents(successors: ReadonlyArray<readonly number[]>): Components {
    const n = successors.length;
    const order = new Int32Array(n).fill(-1);
    const lowLink = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const component = new Int32Array(n).fill(-1);
    const sizes: number[] = [];
    const stack: number[] = [];
    // The explicit call stack: a node and the position of the next successor to look at.
    const callNode: number[] = [];
    const callNext: number[] = [];
    let counter = 0;
    for (let root = 0; root < n; root++) {
        if (order[root] >= 0) {
            continue;
        }
        callNode.push(root);
        callNext.push(0);
        order[root] = lowLink[root] = counter++;
        stack.push(root);
        onStack[root] = 1;
        while (callNode.length > 0) {
            const top = callNode.length - 1;
            const v = callNode[top];
            const next = successors[v];
            if (callNext[top] < next.length) {
                const w = next[callNext[top]++];
                if (order[w] < 0) {
                    order[w] = lowLink[w] = counter++;
                    stack.push(w);
                    onStack[w] = 1;
                    callNode.push(w);
                    callNext.push(0);
                } else if (onStack[w]) {
                    lowLink[v] = Math.min(lowLink[v], order[w]);
                }
                continue;
            }
            callNode.pop();
            callNext.pop();
            if (callNode.length > 0) {
                const parent = callNode[callNode.length - 1];
                lowLink[parent] = Math.min(lowLink[parent], lowLink[v]);
            }
            if (lowLink[v] === order[v]) {
                const id = sizes.length;
                let size = 0;
                let w: number;
                do {
                    w = stack.pop()!;
                    onStack[w] = 0;
                    component[w] = id;
                    size++;
                } while (w !== v);
                sizes.push(size);
            }
        }
    }
    return { component, sizes };
}
