import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { InterventionShares } from '../../language/analysis/dynamics/intervention-shares.js';
import { maxLensSamplingWork, samplingWork } from '../../language/analysis/dynamics/intervention-shares.js';
import { defaultSeed } from '../../language/analysis/dynamics/robustness.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { LensRobustness, LensSampling } from '../../language/lsp/lens-robustness.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import type { MarvelModel } from '../../language/workspace/model-provider.js';
import type { LensSamplingReply, LensSamplingTask } from './lens-sampling-messages.js';

/** The setting, under the `marvel` section: 0 (off), or how many strength and delay sets to draw. */
export const robustnessSamplesSetting = 'codeLens.robustnessSamples';
/** Fewer samples make the percentages jump by whole steps; more cost more than a lens is worth (`marvel simulate` goes to 10,000). */
export const lensSampleRange = { min: 50, max: 2000 } as const;

/** A sampling run still busy after this long is stopped and its lens says so: the work bound's safety net on a slow machine. */
const defaultTimeLimitMs = 60_000;
/** Models whose shares are kept: the open ones and a few recent versions (an undo finds its shares again). */
const cachedModels = 16;

/** The thread that samples; a worker thread in the server, a stand-in in tests. */
export interface SamplingThread {
    run(task: LensSamplingTask): void;
    onReply(listener: (reply: LensSamplingReply) => void): void;
    /** Called when the thread fails or ends without being stopped. */
    onFailure(listener: (reason: string) => void): void;
    stop(): void;
}

export interface LensSamplingOptions {
    readonly startThread?: () => SamplingThread;
    /** Asks the editor to request the lenses again; by default `workspace/codeLens/refresh` when the client supports it. */
    readonly refresh?: () => void;
    readonly timeLimitMs?: number;
}

interface Job {
    readonly key: string;
    readonly modelUris: ReadonlySet<string>;
    readonly task: LensSamplingTask;
}

/**
 * The code lens's robustness shares, sampled in a worker thread (lens-sampling-worker.ts):
 * a lens request answers at once from what is cached for the model's content, and what is
 * missing is queued; when it is sampled the editor is asked to refresh its lenses. An edit to
 * a model makes its queued and running sampling stale: it is dropped, the running thread
 * stopped, and nothing sampled for the old text is shown. Deterministic: a fixed seed.
 */
export class WorkerLensRobustness implements LensRobustness {
    private readonly shares = new Map<string, Map<string, InterventionShares>>();
    /** Models that could not be sampled, with the sentence their lenses show. */
    private readonly failures = new Map<string, string>();
    private readonly queue: Job[] = [];
    private running?: { readonly job: Job; readonly timer: NodeJS.Timeout };
    private thread?: SamplingThread;
    private nextId = 1;
    private refreshSupported = false;
    private readonly startThread: () => SamplingThread;
    private readonly refresh: () => void;
    private readonly timeLimitMs: number;

    constructor(private readonly services: MarvelServices, options: LensSamplingOptions = {}) {
        this.startThread = options.startThread ?? (() => workerThread(path.join(__dirname, 'lens-sampling-worker.cjs')));
        this.timeLimitMs = options.timeLimitMs ?? defaultTimeLimitMs;
        const connection = services.shared.lsp.Connection;
        this.refresh = options.refresh ?? (() => {
            if (connection && this.refreshSupported) {
                void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
            }
        });
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.refreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
        });
        services.shared.workspace.DocumentBuilder.onUpdate((changed, deleted) => this.dropStale(new Set([...changed, ...deleted].map(uri => uri.toString()))));
        // Turning the setting on or off, or changing the count, changes every lens.
        services.shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(() => this.refresh());
    }

    async sample(model: MarvelModel, interventions: readonly string[]): Promise<LensSampling> {
        const samples = lensSamples(await this.services.shared.workspace.ConfigurationProvider.getConfiguration('marvel', 'codeLens'));
        if (samples === 0) {
            return { state: 'off' };
        }
        const key = contentKey(model.graph, samples, defaultSeed);
        const failure = this.failures.get(key);
        if (failure) {
            return { state: 'skipped', reason: failure };
        }
        const cached = this.shares.get(key);
        const missing = interventions.filter(id => !cached?.has(id) && !this.isQueued(key, id));
        if (missing.length > 0) {
            if (samplingWork(model.graph, missing.length, samples) > maxLensSamplingWork) {
                return { state: 'skipped', reason: `robustness not sampled: ${samples} samples of ${missing.length} interventions in a model of ${model.graph.factors.length} factors and ${model.graph.relations.length} relations is more work than a lens may take; lower marvel.codeLens.robustnessSamples or use marvel compare --samples` };
            }
            this.enqueue(key, model, missing, samples);
            return { state: 'pending' };
        }
        if (!cached || interventions.some(id => !cached.has(id))) {
            return { state: 'pending' };
        }
        return { state: 'ready', shares: new Map(interventions.map(id => [id, cached.get(id)!] as const)) };
    }

    private isQueued(key: string, intervention: string): boolean {
        return [...this.queue, ...this.running ? [this.running.job] : []].some(job => job.key === key && job.task.interventions.includes(intervention));
    }

    private enqueue(key: string, model: MarvelModel, interventions: readonly string[], samples: number): void {
        const task: LensSamplingTask = { id: this.nextId++, graph: model.graph.data, interventions, samples, seed: defaultSeed };
        this.queue.push({ key, modelUris: new Set(model.documentUris), task });
        this.startNext();
    }

    private startNext(): void {
        if (this.running || this.queue.length === 0) {
            return;
        }
        const job = this.queue.shift()!;
        const timer = setTimeout(() => this.fail(job, `robustness not sampled: it took longer than ${Math.round(this.timeLimitMs / 1000)} s`), this.timeLimitMs);
        timer.unref();
        this.running = { job, timer };
        this.ensureThread().run(job.task);
    }

    private ensureThread(): SamplingThread {
        if (this.thread) {
            return this.thread;
        }
        const thread = this.startThread();
        thread.onReply(reply => {
            if (this.thread !== thread || this.running?.job.task.id !== reply.id) {
                return;
            }
            const { job } = this.running;
            if ('error' in reply) {
                this.fail(job, `robustness not sampled: ${reply.error}`);
                return;
            }
            this.finish();
            const shares = this.shares.get(job.key) ?? remember(this.shares, job.key, new Map<string, InterventionShares>());
            for (const [id, value] of Object.entries(reply.shares)) {
                shares.set(id, value);
            }
            this.refresh();
            this.startNext();
        });
        thread.onFailure(reason => {
            if (this.thread === thread) {
                this.thread = undefined;
                if (this.running) {
                    this.fail(this.running.job, `robustness not sampled: the sampling thread stopped (${reason})`);
                }
            }
        });
        this.thread = thread;
        return thread;
    }

    /** Gives up on a job: its model's lenses say why, and the thread (busy with it) is replaced. */
    private fail(job: Job, reason: string): void {
        if (this.running?.job !== job) {
            return;
        }
        this.finish();
        this.stopThread();
        remember(this.failures, job.key, reason);
        this.refresh();
        this.startNext();
    }

    private dropStale(uris: ReadonlySet<string>): void {
        const stale = (job: Job): boolean => [...job.modelUris].some(uri => uris.has(uri));
        for (let i = this.queue.length - 1; i >= 0; i--) {
            if (stale(this.queue[i])) {
                this.queue.splice(i, 1);
            }
        }
        if (this.running && stale(this.running.job)) {
            this.finish();
            this.stopThread();
            this.startNext();
        }
    }

    private finish(): void {
        clearTimeout(this.running?.timer);
        this.running = undefined;
    }

    private stopThread(): void {
        this.thread?.stop();
        this.thread = undefined;
    }

}

/** Keeps a model's entry, forgetting the oldest beyond {@link cachedModels}. */
function remember<T>(byModel: Map<string, T>, key: string, value: T): T {
    byModel.set(key, value);
    if (byModel.size > cachedModels) {
        byModel.delete(byModel.keys().next().value!);
    }
    return value;
}

/** The setting's value as a sample count: 0 for off or nonsense, else within {@link lensSampleRange}. */
export function lensSamples(codeLensSettings: unknown): number {
    const value = typeof codeLensSettings === 'object' && codeLensSettings !== null ? (codeLensSettings as Record<string, unknown>)['robustnessSamples'] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        return 0;
    }
    return Math.min(lensSampleRange.max, Math.max(lensSampleRange.min, Math.round(value)));
}

/** Everything sampling depends on, hashed: a change to a label, a note or the layout of the text samples nothing anew. */
function contentKey(graph: ModelGraph, samples: number, seed: number): string {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([samples, seed]));
    for (const factor of graph.factors) {
        hash.update(JSON.stringify([factor.id, factor.kind, factor.direction ?? null, factor.initial]));
    }
    for (const relation of graph.relations) {
        hash.update(JSON.stringify([relation.source, relation.target, relation.sign, relation.strength, relation.strengthClass ?? null, relation.speedClass ?? null, relation.delay, relation.explicitDelay]));
    }
    return hash.digest('hex');
}

function workerThread(file: string): SamplingThread {
    const worker = new Worker(file);
    let replyListener: ((reply: LensSamplingReply) => void) | undefined;
    let failureListener: ((reason: string) => void) | undefined;
    let stopped = false;
    worker.on('message', (reply: LensSamplingReply) => replyListener?.(reply));
    worker.on('error', error => failureListener?.(error.message));
    worker.on('exit', code => {
        if (!stopped) {
            failureListener?.(`exit code ${code}`);
        }
    });
    // Only after the listeners: adding a 'message' listener holds the process alive again.
    worker.unref();
    return {
        run: task => worker.postMessage(task),
        onReply: listener => { replyListener = listener; },
        onFailure: listener => { failureListener = listener; },
        stop: () => {
            stopped = true;
            void worker.terminate();
        }
    };
}
