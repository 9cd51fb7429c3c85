import type { ModelGraph } from '../model-graph.js';
import type { PathBounds } from './bounds.js';
import type { Effect, Verdict } from './signs.js';
import { traceFactor } from './trace.js';
import type { LoopSearch } from './loops.js';

/** How one intervention works on one KPI, in a line an editor can show. */
export interface KpiEffect {
    readonly kpi: string;
    readonly effect: Effect;
    readonly verdict: Verdict;
    readonly dominant: Effect;
    /** Paths found (at most the bound). */
    readonly paths: number;
    readonly pathsBySign: { readonly '+': number; readonly '-': number; readonly '?': number };
    readonly truncated: boolean;
}

/**
 * Tighter bounds than the command line's: the editor asks on every change, and "works both
 * ways" already shows with the shorter paths.
 */
export const editorPathBounds: PathBounds = { maxLength: 8, maxPaths: 60, maxSteps: 60_000 };

/** All path searches of one summary together take at most this many steps, however large the model. */
export const editorStepBudget = 60_000;

/**
 * Every intervention's effect on every KPI, computed once for a graph. The step budget is
 * shared out over all intervention–KPI pairs, so a large model gets a shallower (and
 * `truncated`) but never a slower answer.
 */
export function summarizeInterventionEffects(graph: ModelGraph, bounds: PathBounds = editorPathBounds, totalSteps = editorStepBudget): Map<string, KpiEffect[]> {
    const summary = new Map<string, KpiEffect[]>();
    const pairs = graph.kpis().length * graph.interventions().length;
    if (pairs === 0) {
        return summary;
    }
    const pathBounds = { ...bounds, maxSteps: Math.max(100, Math.min(bounds.maxSteps, Math.floor(totalSteps / pairs))) };
    // The summary never lists loops; an empty search spares tracing the work of finding them.
    const loops: LoopSearch = { loops: [], truncated: false, truncatedBy: [], steps: 0 };
    for (const intervention of graph.interventions()) {
        const trace = traceFactor(graph, intervention.id, { pathBounds, loops });
        summary.set(intervention.id, trace.targets.map(target => {
            const pathsBySign = { '+': 0, '-': 0, '?': 0 };
            for (const path of target.paths) {
                pathsBySign[path.sign]++;
            }
            return {
                kpi: target.target,
                effect: target.effect,
                verdict: target.verdict,
                dominant: target.dominant,
                paths: target.paths.length,
                pathsBySign,
                truncated: target.truncated
            };
        }));
    }
    return summary;
}
