import { boundWords, loopCountWords, pathTallyWords, verdictPhrase } from '../../language/analysis/tracing/effect-words.js';
import type { TracePathView, TraceTargetView, TraceView } from '../../language/protocol/trace-protocol.js';

/**
 * The Effects view's words for a trace, in the terms of the code lens, the preview's side panel
 * and `marvel trace` (language/analysis/tracing/effect-words.ts). No `vscode` import: tested as is.
 */

export interface ItemText {
    readonly label: string;
    readonly description?: string;
    readonly tooltip: string;
}

/** "Aantal slachtoffers: mixed, mostly desired" · "200+ paths: 182 desired, 16 undesired, 2 unknown". */
export function targetText(target: TraceTargetView, trace: Pick<TraceView, 'pathBounds'>): ItemText {
    const label = `${target.label}: ${verdictPhrase(target.effect, target.verdict, target.dominant, target.direction)}`;
    const description = pathTallyWords(target.tally, target.direction);
    const bound = boundWords(target.tally.truncatedBy, trace.pathBounds);
    const listed = target.paths.length < target.tally.found ? ` The ${target.paths.length} strongest are listed.` : '';
    return { label, description, tooltip: `${label}\n${description}${bound ? ` (${bound})` : ''}.${listed}` };
}

/** A path's reading, and how many feedback loops it touches. */
export function pathText(path: TracePathView): ItemText {
    const loops = loopCountWords(path.loopCount, path.loopsAlong);
    const listed = path.loops.length > 0 ? `: ${path.loops.join(', ')}${path.loopCount > path.loops.length ? ', …' : ''}` : '';
    return { label: path.reading, description: loops, tooltip: `${path.reading}\n${loops}${listed}` };
}
