import { RequestType } from 'vscode-jsonrpc/lib/common/messages.js';
import type { ModelGraphData } from '../analysis/model-graph.js';

export interface SimulationModelParams {
    readonly uri: string;
}

export interface SimulationModelResponse {
    readonly uri: string;
    /** The document version the graph was made from; older answers are dropped. */
    readonly version: number;
    /** Absent while the model cannot be simulated (syntax errors, file not open): the view keeps its last curves and shows `problem`. */
    readonly graph?: ModelGraphData;
    readonly problem?: string;
}

/**
 * The custom language server request behind the Simulation view: the model's graph as data,
 * which the view simulates itself (the dynamics are pure TypeScript), so that a slider moves
 * the curves without a round trip.
 */
export const SimulationModelRequest = new RequestType<SimulationModelParams, SimulationModelResponse, void>('marvel/simulationModel');
