import type { ModelGraph } from '../model-graph.js';
import type { PathBounds } from './bounds.js';
import { defaultPathBounds } from './bounds.js';
import type { PathTally } from './effect-words.js';
import { tallyPaths } from './effect-words.js';
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
    /** The paths found, as a trace of the pair counts them (the same bounds). */
    readonly tally: PathTally;
}

/**
 * All path searches of one summary together take at most this many steps, however large the
 * model. The seed example needs about 61,000 for all its pairs at the trace's bounds.
 */
export const editorStepBudget = 300_000;

/** A pair's share of the budget never drops below this: every pair gets a first look. */
const minimumPairSteps = 100;

/**
 * Every intervention's effect on every KPI, computed once for a graph, with the bounds of a
 * trace so that a code lens counts what the trace of the same pair shows. The step budget is
 * shared out over all intervention–KPI pairs: each first gets an equal share, then the pairs
 * that ran out of steps share what the others left. A large model thus gets a shallower (and
 * `truncatedBy: steps`) but never a slower answer. The same reading as `traceFactor`, without
 * the path objects and loops a summary does not show.
 */
export function summarizeInterventionEffects(graph: ModelGraph, bounds: PathBounds = defaultPathBounds, totalSteps = editorStepBudget, score: ScoreSettings = defaultScoreSettings): Map<string, KpiEffect[]> {
    const summary = new Map<string, KpiEffect[]>();
    const kpis = graph.kpis();
    const interventions = graph.interventions();
    const pairs = interventions.flatMap(intervention => kpis.map(kpi => ({ intervention, kpi })));
    if (pairs.length === 0) {
        return summary;
    }
    const links = linkGraphOf(graph);
    const search = (pair: typeof pairs[number], maxSteps: number): ReturnType<typeof findPathNumbers> =>
        findPathNumbers(links, requireIndex(links, pair.intervention.id), requireIndex(links, pair.kpi.id), { ...bounds, maxSteps: Math.min(bounds.maxSteps, maxSteps) });
    const share = Math.max(minimumPairSteps, Math.floor(totalSteps / pairs.length));
    const searches = pairs.map(pair => search(pair, share));
    const left = totalSteps - searches.reduce((sum, s) => sum + Math.min(s.steps, share), 0);
    const starved = searches.flatMap((s, i) => s.truncatedBy.includes('steps') ? [i] : []);
    if (starved.length > 0 && left > 0) {
        const more = share + Math.floor(left / starved.length);
        for (const i of starved) {
            searches[i] = search(pairs[i], more);
        }
    }
    pairs.forEach((pair, i) => {
        const paths = searches[i].paths.map(nodes => signAndScore(links, nodes, score));
        const effect = effectOf(paths.map(path => path.sign));
        const effects = summary.get(pair.intervention.id) ?? [];
        effects.push({
            kpi: pair.kpi.id,
            effect,
            verdict: verdictOf(effect, pair.kpi.direction),
            dominant: dominantSign(weigh(paths), effect),
            tally: tallyPaths(paths, searches[i].truncatedBy)
        });
        summary.set(pair.intervention.id, effects);
    });
    return summary;
}
