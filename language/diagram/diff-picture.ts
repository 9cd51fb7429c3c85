import type { ChangeKind, DiffScope, DiffUnion, ElementChange } from '../analysis/diff/diff-union.js';
import { factorsInScope } from '../analysis/diff/diff-union.js';
import type { DiagramScene } from './diagram-scene.js';
import type { ElkLayouter } from './diagram-layout.js';
import { layoutDiagram } from './diagram-layout.js';
import type { ThemeKind } from './diagram-style.js';
import { factorsView } from './diagram-view.js';
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

export function diffMarks(union: DiffUnion, theme: ThemeKind): DiagramMarks {
    const colors = changeColors[theme];
    const mark = (change: ElementChange): ElementMark | undefined => change.kind === 'unchanged' ? undefined : {
        name: change.kind,
        color: colors[change.kind],
        dashed: change.kind === 'removed',
        detail: change.details.length > 0 ? change.details.join('; ') : undefined
    };
    const nodes = new Map<string, ElementMark>();
    for (const [id, change] of union.factorChanges) {
        const marked = mark(change);
        if (marked) {
            nodes.set(id, marked);
        }
    }
    const relations = new Map<number, ElementMark>();
    union.relationChanges.forEach((change, index) => {
        const marked = mark(change);
        if (marked) {
            relations.set(index, marked);
        }
    });
    const kinds: readonly MarkedKind[] = ['added', 'removed', 'changed'];
    return {
        nodes,
        plain: factorsInScope(union, 'changed'),
        relations,
        legendTitle: 'Change:',
        legend: kinds.map(kind => ({ name: kind, color: colors[kind], dashed: kind === 'removed' })),
        unmarked: 'unchanged'
    };
}
