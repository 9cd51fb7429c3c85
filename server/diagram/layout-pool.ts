import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayouter } from '../../language/diagram/part-packing.js';

interface Job {
    readonly graph: ElkNode;
    readonly size: number;
    readonly resolve: (graph: ElkNode) => void;
    readonly reject: (error: unknown) => void;
}

/**
 * Spreads ELK layouts over several layouters (ELK in this thread and helper layout workers), one
 * layout per layouter at a time. A diagram is laid out one category at a time, each category on
 * its own, so the categories of one drawing run side by side. The layouts asked for in one turn
 * of the event loop are started largest first: the small ones then fill in beside the large, and
 * the drawing is done when the largest is. A layouter that fails (a helper worker that died)
 * fails only the layout it had; it restarts on its next one.
 */
export class ElkLayoutPool implements ElkLayouter {
    private readonly queue: Job[] = [];
    private readonly idle: ElkLayouter[];
    private startScheduled = false;

    constructor(layouters: readonly ElkLayouter[]) {
        if (layouters.length === 0) {
            throw new Error('a layout pool needs at least one layouter');
        }
        this.idle = [...layouters];
    }

    layout(graph: ElkNode): Promise<ElkNode> {
        return new Promise((resolve, reject) => {
            this.queue.push({ graph, size: layoutSize(graph), resolve, reject });
            if (!this.startScheduled) {
                // After the other layouts of this turn have come in (a drawing asks for all its categories at once).
                this.startScheduled = true;
                setImmediate(() => {
                    this.startScheduled = false;
                    this.queue.sort((a, b) => b.size - a.size);
                    this.startWaiting();
                });
            }
        });
    }

    private startWaiting(): void {
        while (this.idle.length > 0 && this.queue.length > 0) {
            const layouter = this.idle.shift()!;
            const job = this.queue.shift()!;
            layouter.layout(job.graph).then(job.resolve, job.reject).finally(() => {
                this.idle.push(layouter);
                this.startWaiting();
            });
        }
    }
}

/** How much work a layout is, roughly: ELK's time grows with the boxes and the relations between them. */
function layoutSize(graph: ElkNode): number {
    return (graph.children?.length ?? 0) + (graph.edges?.length ?? 0);
}
