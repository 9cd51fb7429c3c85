import type { LoopSearch } from './loops.js';
import type { CausalPath } from './paths.js';
import type { TracedPath } from './trace.js';

/**
 * The loops a path touches (see {@link TracedPath.loops}), found with flat arrays: in the seed
 * model every path touches hundreds of loops.
 */
export class LoopToucher {
    private readonly byFactor = new Map<string, number[]>();
    private readonly byLink = new Map<string, number[]>();
    private readonly sharedLinks: Int32Array;
    private readonly seen: Int32Array;
    private stamp = 0;

    constructor(private readonly search: LoopSearch) {
        search.loops.forEach((loop, i) => {
            loop.nodes.forEach((id, at) => {
                append(this.byFactor, id, i);
                append(this.byLink, linkKey(id, loop.links[at].target), i);
            });
        });
        this.sharedLinks = new Int32Array(search.loops.length);
        this.seen = new Int32Array(search.loops.length);
    }

    by(path: Pick<CausalPath, 'nodes'>): TouchedLoops {
        const stamp = ++this.stamp;
        const touched: number[] = [];
        for (const id of path.nodes) {
            for (const i of this.byFactor.get(id) ?? []) {
                if (this.seen[i] !== stamp) {
                    this.seen[i] = stamp;
                    this.sharedLinks[i] = 0;
                    touched.push(i);
                }
            }
        }
        for (let at = 0; at + 1 < path.nodes.length; at++) {
            for (const i of this.byLink.get(linkKey(path.nodes[at], path.nodes[at + 1])) ?? []) {
                this.sharedLinks[i]++;
            }
        }
        touched.sort((a, b) => this.sharedLinks[b] - this.sharedLinks[a] || a - b);
        return { loops: touched.map(i => this.search.loops[i].id), along: touched.filter(i => this.sharedLinks[i] > 0).length };
    }
}

/** The loops a path touches, those running along it first, and how many of them do. */
export interface TouchedLoops {
    readonly loops: string[];
    readonly along: number;
}

function linkKey(source: string, target: string): string {
    return `${source}\u0000${target}`;
}

function append(map: Map<string, number[]>, key: string, value: number): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}
