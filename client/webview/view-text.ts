import type { DiagramView } from '../../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import type { Selection } from './selection.js';
import { counted } from '../../language/text/counted.js';

/** The line above the diagram: which view it is (in diff mode, whether the change is drawn alone) and how much it shows. Plain text, shown with textContent. */
export function describeView(view: DiagramView, diagram: DiagramResponse, changeAlone = false): string {
    const label = (id: string): string => isolated(diagram.factors.find(f => f.id === id)?.label ?? id);
    const category = view.category === undefined ? undefined : isolated(diagram.categories.find(c => c.id === view.category)?.label ?? view.category);
    const parts = [
        category !== undefined ? `Category \u201c${category}\u201d` : undefined,
        view.focus ? `Around \u201c${label(view.focus.factor)}\u201d: ${view.focus.up} up, ${view.focus.down} down` : undefined,
        view.into !== undefined ? `Arrows into \u201c${label(view.into)}\u201d` : undefined,
        view.factors !== undefined ? 'Only what the trace lights up' : undefined,
        changeAlone ? 'Only what changed' : undefined
    ].filter((part): part is string => part !== undefined);
    const scene = diagram.scene;
    const counts = scene ? ` \u2014 ${counted(scene.nodes.length, 'factor')}, ${counted(scene.edges.length, 'relation')}` : '';
    return `${parts.length > 0 ? parts.join(', ') : diagram.title !== undefined ? isolated(diagram.title) : 'Whole model'}${counts}`;
}

/** "Selected: label" or "Selected: source → target"; empty without a selection. */
export function describeSelection(selection: Selection | undefined, diagram: DiagramResponse | undefined): string {
    const label = (id: string): string => isolated(diagram?.scene?.nodes.find(n => n.id === id)?.label ?? id);
    switch (selection?.kind) {
        case 'factor': return `Selected: ${label(selection.id)}`;
        case 'relation': return `Selected: ${label(selection.source)} \u2192 ${label(selection.target)}`;
        default: return '';
    }
}

/**
 * A name from the model set apart from the words around it for the Unicode bidirectional
 * algorithm (first-strong isolate): a title ending in Arabic drew the count after it into its
 * right-to-left run ("… عربي factors, 9 relations" with the number moved).
 */
function isolated(text: string): string {
    return `\u2068${text}\u2069`;
}
