import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayouter } from './part-packing.js';

/** Enough for every category of a large model and a few views of it (one category, a focus). */
const defaultCapacity = 256;

/**
 * Remembers ELK layouts by their input. The diagram is laid out one category at a time, and a
 * category's ELK graph holds everything that decides its layout (its factors, their sizes, its
 * relations and sub-categories) and nothing else, so after an edit only the categories whose
 * content changed are laid out again; the others come back exactly as they were. Least recently
 * used layouts are forgotten first.
 */
export class CachingElkLayouter implements ElkLayouter {
    private readonly layouts = new Map<string, Promise<ElkNode>>();

    constructor(private readonly elk: ElkLayouter, private readonly capacity = defaultCapacity) {}

    layout(graph: ElkNode): Promise<ElkNode> {
        const key = JSON.stringify(graph);
        let laidOut = this.layouts.get(key);
        if (laidOut) {
            // Map keeps insertion order: re-inserting marks the entry as the most recently used.
            this.layouts.delete(key);
        } else {
            laidOut = this.elk.layout(graph);
            laidOut.catch(() => this.layouts.delete(key));
        }
        this.layouts.set(key, laidOut);
        while (this.layouts.size > this.capacity) {
            this.layouts.delete(this.layouts.keys().next().value!);
        }
        // Callers place and offset what they get: each receives its own copy.
        return laidOut.then(graph => structuredClone(graph));
    }
}
