import { byId } from './dom.js';
import type { Selection } from './selection.js';

type ArrowEnd = 'source' | 'target';

/**
 * *Start* and *End* beside a selected arrow (and Home and End in the diagram): an
 * arrow between categories can run across the whole picture, further than any zoom that still
 * reads shows at once, so the user goes to either end of it and back, the arrow staying
 * selected and standing out on the way.
 */
export class ArrowEnds {
    private readonly group = byId('arrow-ends', HTMLSpanElement);
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

    /** Offers the ends of the selection when it is an arrow; `label` names a factor. */
    show(selection: Selection | undefined, label: (id: string) => string): void {
        this.selected = selection?.kind === 'relation' ? selection : undefined;
        this.group.hidden = this.selected === undefined;
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
