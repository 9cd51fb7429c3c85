import { RequestType } from 'vscode-jsonrpc/lib/common/messages.js';
import type { Direction, Sign, SourceLocation } from '../analysis/model-graph.js';
import type { PathBounds } from '../analysis/tracing/bounds.js';
import type { PathTally } from '../analysis/tracing/effect-words.js';
import type { LoopKind } from '../analysis/tracing/loops.js';
import type { Effect, Verdict } from '../analysis/tracing/signs.js';

export interface TraceRequestParams {
    readonly uri: string;
    /** The factor raised (usually an intervention). */
    readonly from: string;
}

/** One step of a path: a link between two factors and the relations it stands for. */
export interface TraceStepView {
    readonly source: string;
    readonly target: string;
    readonly sign: Sign;
    /** Relation indices in the model graph (as in the diagram's `data-relation`). */
    readonly relations: readonly number[];
    /** Where the first of those relations is written. */
    readonly location: SourceLocation;
}

export interface TracePathView {
    readonly nodes: readonly string[];
    readonly steps: readonly TraceStepView[];
    readonly sign: Sign;
    /** For a KPI: whether this path moves it the desired way. */
    readonly verdict: Verdict;
    readonly score: number;
    readonly delayed: boolean;
    /** Loop ids the path touches, the most relevant first (at most a handful; `loopCount` says how many). */
    readonly loops: readonly string[];
    readonly loopCount: number;
    /** How many of the loops it touches run along it, sharing a relation with it (listed first). */
    readonly loopsAlong: number;
    /** "Pilot ↑ → Pakkans ↑ → Aantrekkelijkheid ↓ → …: desired". */
    readonly reading: string;
}

export interface TraceTargetView {
    readonly target: string;
    readonly label: string;
    readonly direction: Direction | null;
    readonly effect: Effect;
    readonly verdict: Verdict;
    readonly dominant: Effect;
    /** Strongest first; at most a few dozen. */
    readonly paths: readonly TracePathView[];
    /** All paths found, by sign, and the bounds that cut the search (the list above shows fewer). */
    readonly tally: PathTally;
    readonly truncated: boolean;
}

export interface TraceLoopView {
    readonly id: string;
    readonly kind: LoopKind;
    readonly delayed: boolean;
    readonly nodes: readonly string[];
    readonly relations: readonly number[];
    readonly reading: string;
}

export interface TraceView {
    readonly uri: string;
    /** Every file the traced model is written in: a trace belongs to its model, not to one file. */
    readonly files: readonly string[];
    readonly from: string;
    readonly fromLabel: string;
    readonly targets: readonly TraceTargetView[];
    /** The bounds of the path searches, to name the one that cut a count. */
    readonly pathBounds: Pick<PathBounds, 'maxLength' | 'maxPaths'>;
    /** The loops the paths touch. */
    readonly loops: readonly TraceLoopView[];
    /** How each relation on some path works for the KPIs: only desired, only undesired, or both. */
    readonly relationVerdicts: Readonly<Record<number, 'desired' | 'undesired' | 'mixed' | 'unknown'>>;
    /** A sentence when the model could not be traced (unknown factor, syntax errors). */
    readonly problem?: string;
}

export interface ModelRequestParams {
    readonly uri: string;
}

export interface InterventionSummary {
    readonly id: string;
    readonly label: string;
}

/** The one order of every list of interventions (the trace quick pick, the preview's Trace list): by label, then name. */
export function interventionOrder(a: InterventionSummary, b: InterventionSummary): number {
    return a.label.localeCompare(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface LoopsResponse {
    readonly loops: readonly (TraceLoopView & { readonly location?: SourceLocation })[];
    readonly truncated: boolean;
}

// The custom requests, each declared once with its types for the server and the extension host.

/** Behind "MARVEL: Trace Intervention", the effects view and the preview's trace mode. */
export const TraceRequest = new RequestType<TraceRequestParams, TraceView, void>('marvel/trace');

/** The interventions of a document's model, for the trace quick pick. */
export const InterventionsRequest = new RequestType<ModelRequestParams, InterventionSummary[], void>('marvel/interventions');

/** Every feedback loop of a document's model (bounded), for the Loops view. */
export const LoopsRequest = new RequestType<ModelRequestParams, LoopsResponse, void>('marvel/loops');
