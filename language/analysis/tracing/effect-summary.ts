import type { ModelGraph } from '../model-graph.js';
import type { PathBounds } from './bounds.js';
import { linkGraphOf } from './link-graph.js';
import { findPathNumbers, requireIndex, signAndScore } from './paths.js';
import type { ScoreSettings } from './path-score.js';
import { defaultScoreSettings } from './path-score.js';
import type { Effect, Verdict } from './signs.js';
import { effectOf, verdictOf } from './signs.js';
import { dominantSign, weigh } from './trace.js';

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
 * `truncated`) but never a slower answer. The same reading as `traceFactor`, without
 * the path objects and loops a summary does not show.
 */
export function summarizeInterventionEffects(graph: ModelGraph, bounds: PathBounds = editorPathBounds, totalSteps = editorStepBudget, score: ScoreSettings = defaultScoreSettings): Map<string, KpiEffect[]> {
    const summary = new Map<string, KpiEffect[]>();
    const kpis = graph.kpis();
    const pairs = kpis.length * graph.interventions().length;
    if (pairs === 0) {
        return summary;
    }
    const pathBounds = { ...bounds, maxSteps: Math.max(100, Math.min(bounds.maxSteps, Math.floor(totalSteps / pairs))) };
    const links = linkGraphOf(graph);
    for (const intervention of graph.interventions()) {
        const source = requireIndex(links, intervention.id);
        summary.set(intervention.id, kpis.map(kpi => {
            const search = findPathNumbers(links, source, requireIndex(links, kpi.id), pathBounds);
            const paths = search.paths.map(nodes => signAndScore(links, nodes, score));
            const pathsBySign = { '+': 0, '-': 0, '?': 0 };
            for (const path of paths) {
                pathsBySign[path.sign]++;
            }
            const effect = effectOf(paths.map(path => path.sign));
            return {
                kpi: kpi.id,
                effect,
                verdict: verdictOf(effect, kpi.direction),
                dominant: dominantSign(weigh(paths), effect),
                paths: paths.length,
                pathsBySign,
                truncated: search.truncated
            };
        }));
    }
    return summary;
}
