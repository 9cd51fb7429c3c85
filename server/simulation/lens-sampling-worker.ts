import { parentPort } from 'node:worker_threads';
import { interventionShares } from '../../language/analysis/dynamics/intervention-shares.js';
import { ModelGraph } from '../../language/analysis/model-graph.js';
import type { LensSamplingReply, LensSamplingTask } from './lens-sampling-messages.js';

/** Samples the code lens's robustness shares off the language server's main thread, so typing never waits for them. */
parentPort?.on('message', (task: LensSamplingTask) => {
    let reply: LensSamplingReply;
    try {
        reply = { id: task.id, shares: interventionShares(new ModelGraph(task.graph), task.interventions, task.samples, task.seed) };
    } catch (error) {
        reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
});
