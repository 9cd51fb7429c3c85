import type { ModelGraph, Sign } from '../model-graph.js';
import type { TruncationReason } from './bounds.js';
import type { FeedbackLoop } from './loops.js';
import type { CausalPath } from './paths.js';
import { multiplySigns, verdictOf } from './signs.js';

/**
 * One-line readings of paths and loops with factor labels, for the command line, hovers and
 * code lenses: "Pilot ↑ → Pakkans ↑ → Aantrekkelijkheid ↓ → Daders ↓ → Slachtoffers ↓: desired".
 */

const changeArrow: Record<Sign, string> = { '+': '↑', '-': '↓', '?': '?' };

/**
 * How raising the path's first factor moves every factor on it, and what that means at the end:
 * the verdict for a KPI, otherwise whether the target rises or falls.
 */
export function describePath(graph: ModelGraph, path: Pick<CausalPath, 'nodes' | 'links' | 'sign'>): string {
    let sign: Sign = '+';
    const steps = path.nodes.map((id, i) => {
        if (i > 0) {
            sign = multiplySigns(sign, path.links[i - 1].sign);
        }
        return `${graph.labelOf(id)} ${changeArrow[sign]}`;
    });
    const target = graph.factor(path.nodes[path.nodes.length - 1]);
    const outcome = target?.direction
        ? verdictOf(path.sign, target.direction)
        : path.sign === '+' ? 'rises' : path.sign === '-' ? 'falls' : 'direction unknown';
    return `${steps.join(' → ')}: ${outcome}`;
}

/** "Slachtoffers → +Aangiften → +Druk op de zorg → -Slachtoffers": the loop in relation notation, back to its start. */
export function describeLoop(graph: ModelGraph, loop: Pick<FeedbackLoop, 'nodes' | 'links'>): string {
    const steps = loop.links.map(link => `${link.sign}${graph.labelOf(link.target)}`);
    return [graph.labelOf(loop.nodes[0]), ...steps].join(' → ');
}

/** `'Pakkans' (pakkans)`, or the identifier alone when it is its own label. */
export function describeFactorId(graph: ModelGraph, id: string): string {
    const label = graph.labelOf(id);
    return label === id ? id : `${label} (${id})`;
}

/** Why a search is incomplete, in words; `what` names the things searched ("paths", "loops"). */
export function describeTruncation(reasons: readonly TruncationReason[], what: string, bounds: { readonly maxLength: number; readonly maxCount: number; readonly countOption?: string; readonly lengthOption?: string }): string {
    return reasons.map(reason => {
        switch (reason) {
            case 'length': return `longer ${what} than ${bounds.maxLength} relations exist${bounds.lengthOption ? ` (raise ${bounds.lengthOption})` : ''}`;
            case 'count': return `more than ${bounds.maxCount} ${what}; the ${bounds.maxCount} shortest are kept${bounds.countOption ? ` (raise ${bounds.countOption})` : ''}`;
            case 'steps': return `the search stopped at its work limit; the ${what} found until then are kept`;
        }
    }).join('; ');
}
