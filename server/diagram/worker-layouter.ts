import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkLayouter } from '../../language/diagram/diagram-layout.js';
import type { DiagramPlacer, Placement, PlacementRequest } from '../../language/diagram/placement.js';
import type { LayoutReply, LayoutTask, LayoutWorkerData, WarmedUp } from './layout-messages.js';

/** At most this many threads lay out categories side by side: beyond, the categories of most models are too few to share. */
const maxLayoutThreads = 4;

/**
 * Helper workers for the layout worker: the threads that lay out a drawing's categories side by
 * side are half the cores, up to maxLayoutThreads, or `MARVEL_LAYOUT_THREADS` (1–4) when set.
 * Half, because a first drawing is mostly V8 compiling elkjs on other threads of the same
 * process, and each thread compiles its own copy: on a 2-core machine a helper made the first
 * drawing of 500 factors slower (bench: `npm run bench -- --layout`), so there is none.
 */
export function layoutHelperCount(environment: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
    const asked = Number(environment.MARVEL_LAYOUT_THREADS);
    const threads = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, maxLayoutThreads) : Math.min(maxLayoutThreads, Math.max(1, Math.floor(cores / 2)));
    return threads - 1;
}

export interface LayoutWorkerOptions extends Partial<LayoutWorkerData> {
    /** The worker's bundle; out/layout-worker.cjs next to this bundle unless given. */
    readonly workerFile?: string;
}

/** A started worker, the promise its warm-up keeps, and the requests it has not answered yet. */
interface RunningWorker {
    readonly worker: Worker;
    readonly warmedUp: Promise<void>;
    readonly pending: Map<number, { resolve: (reply: LayoutReply) => void; reject: (error: Error) => void }>;
    /** Promises of this worker someone awaits: while there are any, the worker keeps the process alive. */
    awaited: number;
}

/**
 * Lays out ELK graphs, and places whole diagrams with the worker's caches, in a worker thread
 * (out/layout-worker.cjs next to the server bundle), which lays out categories side by side with
 * `helpers` helper workers of its own. The worker is started by `warm` or on first use, and
 * restarted on the next request if it dies; the requests it had fail with the reason.
 */
export class WorkerElkLayouter implements ElkLayouter, DiagramPlacer {
    private running?: RunningWorker;
    private nextId = 1;
    private readonly workerFile: string;
    private readonly workerData: LayoutWorkerData;

    constructor(options: LayoutWorkerOptions = {}) {
        this.workerFile = options.workerFile ?? path.join(__dirname, 'layout-worker.cjs');
        this.workerData = { helpers: options.helpers ?? 0 };
    }

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
        const running = this.ensureWorker();
        const id = this.nextId++;
        return awaitedFrom(running, new Promise((resolve, reject) => {
            running.pending.set(id, { resolve, reject });
            running.worker.postMessage(task(id));
        }));
    }

    /** Starts the worker now, so that it has warmed up ELK (layout-worker.ts) before the first preview asks. */
    warm(): void {
        this.ensureWorker();
    }

    /** Resolves when the worker (started now if need be) and its helpers have warmed up, or when it stopped. */
    warmedUp(): Promise<void> {
        const running = this.ensureWorker();
        return awaitedFrom(running, running.warmedUp);
    }

    dispose(): void {
        void this.running?.worker.terminate();
        this.running = undefined;
    }

    private ensureWorker(): RunningWorker {
        if (this.running) {
            return this.running;
        }
        const worker = new Worker(this.workerFile, { workerData: this.workerData });
        let warmedUp!: () => void;
        const running: RunningWorker = { worker, warmedUp: new Promise(resolve => { warmedUp = resolve; }), pending: new Map(), awaited: 0 };
        const { pending } = running;
        worker.on('message', (reply: LayoutReply | WarmedUp) => {
            if ('warmedUp' in reply) {
                warmedUp();
                return;
            }
            const waiting = pending.get(reply.id);
            pending.delete(reply.id);
            if ('error' in reply) {
                waiting?.reject(new Error(`layout failed: ${reply.error}`));
            } else {
                waiting?.resolve(reply);
            }
        });
        const fail = (error: Error): void => {
            if (this.running === running) {
                this.running = undefined;
            }
            warmedUp();
            for (const waiting of pending.values()) {
                waiting.reject(error);
            }
            pending.clear();
        };
        worker.on('error', error => fail(new Error(`layout worker stopped: ${error.message}`)));
        worker.on('exit', code => fail(new Error(`layout worker stopped (exit code ${code})`)));
        // After the listeners: adding a 'message' listener refs the worker again, which would keep an idle process alive.
        worker.unref();
        this.running = running;
        return running;
    }
}

/** `promise`, during which the worker keeps the process alive: an idle worker never does, an awaited answer always. */
function awaitedFrom<T>(running: RunningWorker, promise: Promise<T>): Promise<T> {
    if (running.awaited++ === 0) {
        running.worker.ref();
    }
    return promise.finally(() => {
        if (--running.awaited === 0) {
            running.worker.unref();
        }
    });
}
