import type { DiffReview } from '../analysis/diff/diff-review.js';
import { diffReview } from '../analysis/diff/diff-review.js';
import type { ChangeKind, DiffScope, DiffUnion, ElementChange } from '../analysis/diff/diff-union.js';
import { diffUnion, factorsInScope } from '../analysis/diff/diff-union.js';
import { diffModels } from '../analysis/diff/model-diff.js';
import type { ModelGraph } from '../analysis/model-graph.js';
import type { DiagramScene } from './diagram-scene.js';
import type { DiagramLayoutOptions, ElkLayouter } from './diagram-layout.js';
import { layoutDiagram } from './diagram-layout.js';
import type { ThemeKind } from './diagram-style.js';
import type { DiagramView } from './diagram-view.js';
import { factorsView } from './diagram-view.js';
import { layoutModelDiagram } from './model-diagram.js';
import type { DiagramPlacer } from './placement.js';
import type { DiagramMarks, ElementMark } from './svg-renderer.js';

/**
 * The diff picture: one layout of the union of both models (so nothing jumps between the two
 * states, and a removed factor stands where it stood, among its old neighbours and in its old
 * category), with the change coloured over it — added green, removed red and dashed, changed
 * amber, the rest faded.
 */
export interface DiffPicture {
    readonly scene: DiagramScene;
    readonly marks: DiagramMarks;
}

type MarkedKind = Exclude<ChangeKind, 'unchanged'>;

/** Per theme, colours that read on its background: GitHub's diff colours for light, their dark-theme kin otherwise. */
const changeColors: Readonly<Record<ThemeKind, Readonly<Record<MarkedKind, string>>>> = {
    'light': { added: '#1a7f37', removed: '#cf222e', changed: '#bf8700' },
    'dark': { added: '#3fb950', removed: '#f85149', changed: '#d29922' },
    'high-contrast': { added: '#00e676', removed: '#ff5252', changed: '#ffd740' }
};

export async function layoutDiffPicture(union: DiffUnion, scope: DiffScope, elk: ElkLayouter, theme: ThemeKind = 'light'): Promise<DiffPicture> {
    const graph = scope === 'all' ? union.graph : factorsView(union.graph, factorsInScope(union, scope));
    return { scene: await layoutDiagram(graph, elk), marks: diffMarks(union, theme) };
}

/** The preview's diff picture: the union laid out as the preview lays out a model, in its view, with the change as data. */
export interface DiffView {
    readonly graph: ModelGraph;
    readonly scene: DiagramScene;
    readonly marking: DiffMarking;
    readonly review: DiffReview;
}

export async function layoutDiffView(before: ModelGraph, after: ModelGraph, view: DiagramView, layouter: ElkLayouter | DiagramPlacer, options: DiagramLayoutOptions = {}, scope: DiffScope = 'all'): Promise<DiffView> {
    const diff = diffModels(before, after);
    const union = diffUnion(before, after, diff);
    const shown = scope === 'all' ? view : { ...view, factors: [...factorsInScope(union, scope)].sort() };
    const scene = await layoutModelDiagram(union.graph, shown, layouter, options);
    return { graph: union.graph, scene, marking: diffMarking(union), review: diffReview(diff, union) };
}

export function diffMarks(union: DiffUnion, theme: ThemeKind): DiagramMarks {
    return marksOf(diffMarking(union), theme);
}

/**
 * What each element of the union went through, as plain data (the preview gets it over the
 * wire and colours it in its own theme): changed factors by id, changed relations by index.
 */
export interface DiffMarking {
    readonly factors: Readonly<Record<string, ElementChange>>;
    readonly relations: Readonly<Record<number, ElementChange>>;
    /** Factors drawn as they are: the unchanged ends of changed relations. */
    readonly plain: readonly string[];
}

export function diffMarking(union: DiffUnion): DiffMarking {
    const relations: Record<number, ElementChange> = {};
    union.relationChanges.forEach((change, index) => {
        if (change.kind !== 'unchanged') {
            relations[index] = change;
        }
    });
    return {
        factors: Object.fromEntries([...union.factorChanges].filter(([, change]) => change.kind !== 'unchanged')),
        relations,
        plain: [...factorsInScope(union, 'changed')]
    };
}

/** The marks of a diff in a theme's colours: added green, removed red and dashed, changed amber. */
export function marksOf(marking: DiffMarking, theme: ThemeKind): DiagramMarks {
    const colors = changeColors[theme];
    const mark = (change: ElementChange): ElementMark | undefined => change.kind === 'unchanged' ? undefined : {
        name: change.kind,
        color: colors[change.kind],
        dashed: change.kind === 'removed',
        detail: change.details.length > 0 ? change.details.join('; ') : undefined
    };
    const marked = <K>(entries: ReadonlyArray<readonly [K, ElementChange]>): Map<K, ElementMark> =>
        new Map(entries.flatMap(([key, change]) => {
            const m = mark(change);
            return m ? [[key, m] as const] : [];
        }));
    const kinds: readonly MarkedKind[] = ['added', 'removed', 'changed'];
    return {
        nodes: marked(Object.entries(marking.factors)),
        plain: new Set(marking.plain),
        relations: marked(Object.entries(marking.relations).map(([index, change]) => [Number(index), change] as const)),
        legendTitle: 'Change:',
        legend: kinds.map(kind => ({ name: kind, color: colors[kind], dashed: kind === 'removed' })),
        unmarked: 'unchanged'
    };
}
