import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import { byId, element } from './dom.js';
import type { Selection } from './selection.js';
import { describeSelection } from './view-text.js';

type ArrowEnd = 'source' | 'target';

/**
 * The line that names what is selected, with *Start* and *End* beside a selected arrow (and Home
 * and End in the diagram): an arrow between categories can run across the whole picture, further
 * than any zoom that still reads shows at once, so the user goes to either end of it and back,
 * the arrow staying selected. Each name is cut short on its own where the line is narrow, so both
 * ends of an arrow keep a part on screen; the whole text is the tooltip and what a screen reader reads.
 */
export class SelectionLine {
    private readonly text = byId('selection-info', HTMLSpanElement);
    private readonly ends = byId('arrow-ends', HTMLSpanElement);
    private readonly buttons: Readonly<Record<ArrowEnd, HTMLButtonElement>> = {
        source: byId('arrow-start', HTMLButtonElement),
        target: byId('arrow-end', HTMLButtonElement)
    };
    private selected?: Extract<Selection, { kind: 'relation' }>;

    constructor(private readonly showFactor: (id: string) => void) {
        for (const end of ['source', 'target'] as const) {
            this.buttons[end].addEventListener('click', () => this.go(end));
        }
    }

    show(selection: Selection | undefined, diagram: DiagramResponse | undefined): void {
        const label = (id: string): string => diagram?.scene?.nodes.find(n => n.id === id)?.label ?? id;
        // The text as describeSelection words it, names set apart for the bidirectional algorithm, each name a part of its own.
        const name = (id: string): HTMLElement => element('span', 'selection-end', `\u2068${label(id)}\u2069`);
        const words = (text: string): HTMLElement => element('span', undefined, text);
        this.text.title = describeSelection(selection, diagram);
        this.text.replaceChildren(...selection?.kind === 'factor' ? [words('Selected: '), name(selection.id)]
            : selection?.kind === 'relation' ? [words('Selected: '), name(selection.source), words(' \u2192 '), name(selection.target)] : []);
        this.selected = selection?.kind === 'relation' ? selection : undefined;
        this.ends.hidden = this.selected === undefined;
        if (this.selected) {
            this.buttons.source.title = `Show where the arrow starts: ${label(this.selected.source)} (Home)`;
            this.buttons.target.title = `Show where the arrow ends: ${label(this.selected.target)} (End)`;
        }
    }

    /** Home and End in the diagram; whether the key was one of them, with an arrow selected. */
    handleKey(event: KeyboardEvent): boolean {
        const end: ArrowEnd | undefined = event.key === 'Home' ? 'source' : event.key === 'End' ? 'target' : undefined;
        if (!end || !this.selected || event.altKey || event.ctrlKey || event.metaKey) {
            return false;
        }
        this.go(end);
        return true;
    }

    private go(end: ArrowEnd): void {
        if (this.selected) {
            this.showFactor(this.selected[end]);
        }
    }
}
