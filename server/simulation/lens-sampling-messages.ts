import type { InterventionShares } from '../../language/analysis/dynamics/intervention-shares.js';
import type { ModelGraphData } from '../../language/analysis/model-graph.js';

export interface LensSamplingTask {
    readonly id: number;
    readonly graph: ModelGraphData;
    readonly interventions: readonly string[];
    readonly samples: number;
    readonly seed: number;
}

export type LensSamplingReply =
    | { readonly id: number; readonly shares: Readonly<Record<string, InterventionShares>> }
    | { readonly id: number; readonly error: string };
