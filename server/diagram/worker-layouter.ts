import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayouter } from '../../language/diagram/diagram-layout.js';
import type { DiagramPlacer, Placement, PlacementRequest } from '../../language/diagram/placement.js';
import type { LayoutReply, LayoutTask } from './layout-messages.js';

/**
 * Lays out ELK graphs, and places whole diagrams with the worker's caches, in a worker thread
 * (out/layout-worker.cjs next to the server bundle). The worker is started by `warm` or on
 * first use, and restarted if it dies.
 */
export class WorkerElkLayouter implements ElkLayouter, DiagramPlacer {
    private worker?: Worker;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (reply: LayoutReply) => void; reject: (error: Error) => void }>();

    constructor(private readonly workerFile: string = path.join(__dirname, 'layout-worker.cjs')) {}

    async layout(graph: ElkNode): Promise<ElkNode> {
        const reply = await this.send(id => ({ id, graph }));
        if (!('graph' in reply)) {
            throw new Error('layout failed: the worker answered with something else');
        }
        return reply.graph;
    }

    async place(placement: PlacementRequest): Promise<Placement> {
        const reply = await this.send(id => ({ id, placement }));
        if (!('placement' in reply)) {
            throw new Error('layout failed: the worker answered with something else');
        }
        return reply.placement;
    }

    private send(task: (id: number) => LayoutTask): Promise<LayoutReply> {
        const worker = this.ensureWorker();
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            worker.postMessage(task(id));
        });
    }

    /** Starts the worker now, so that it has warmed up ELK (layout-worker.ts) before the first preview asks. */
    warm(): void {
        this.ensureWorker();
    }

    dispose(): void {
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private ensureWorker(): Worker {
        if (this.worker) {
            return this.worker;
        }
        const worker = new Worker(this.workerFile);
        worker.on('message', (reply: LayoutReply) => {
            const waiting = this.pending.get(reply.id);
            this.pending.delete(reply.id);
            if ('error' in reply) {
                waiting?.reject(new Error(`layout failed: ${reply.error}`));
            } else {
                waiting?.resolve(reply);
            }
        });
        const fail = (error: Error): void => {
            this.worker = undefined;
            for (const waiting of this.pending.values()) {
                waiting.reject(error);
            }
            this.pending.clear();
        };
        worker.on('error', fail);
        worker.on('exit', code => fail(new Error(`layout worker stopped (exit code ${code})`)));
        // After the listeners: adding a 'message' listener refs the worker again, which would keep a process alive.
        worker.unref();
        this.worker = worker;
        return worker;
    }
}
