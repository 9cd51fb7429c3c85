import type { DiffEntry, DiffLoopEntry, DiffVerdictEntry } from '../../../language/analysis/diff/diff-review.js';
import type { DiffPictureChange } from '../../../language/protocol/diff-protocol.js';
import { byId, element } from '../dom.js';

/** What the panel asks diff mode to do. */
export interface DiffPanelActions {
    /** A change clicked: show it in the diagram and its text in the editor. */
    showChange(entry: DiffEntry): void;
    /** A loop clicked (by its place in the list), or none: every change again. */
    showLoop(index: number | undefined): void;
    showVerdict(entry: DiffVerdictEntry): void;
    /** Draw the change alone, or the whole view again. */
    toggleAlone(): void;
    leave(): void;
}

/**
 * Diff mode's side panel: what the shown model is compared with, the change in one line, then
 * every changed factor and relation, the loops that appear, vanish or change, and the verdicts
 * on KPIs that change. Every string from the model goes in as text.
 */
export class DiffPanel {
    private readonly panel = byId('diff-panel', HTMLElement);
    private readonly resizer = byId('diff-resizer', HTMLDivElement);
    private readonly title = byId('diff-title', HTMLElement);
    private readonly summary = byId('diff-summary', HTMLParagraphElement);
    private readonly body = byId('diff-body', HTMLDivElement);
    private readonly allButton = byId('diff-all', HTMLButtonElement);
    private readonly aloneButton = byId('diff-alone', HTMLButtonElement);
    private change?: DiffPictureChange;
    private loop?: number;

    constructor(private readonly actions: DiffPanelActions) {
        byId('diff-leave', HTMLButtonElement).addEventListener('click', () => actions.leave());
        this.aloneButton.addEventListener('click', () => actions.toggleAlone());
        this.allButton.addEventListener('click', () => actions.showLoop(undefined));
        this.body.addEventListener('click', event => this.onClick(event));
    }

    show(change: DiffPictureChange): void {
        this.change = change;
        this.title.textContent = change.against;
        this.title.title = `Comparing the model with ${change.against}`;
        this.summary.textContent = change.review.summary;
        const { changes, loops, verdicts } = change.review;
        const sections = [
            section(`Changes (${changes.length})`, changes.map((entry, index) => changeButton(entry, index))),
            loops.length > 0 || change.review.loopsTruncated ? loopSection(change.review.loops, change.review.loopsTruncated) : undefined,
            verdicts.length > 0 ? section(`Verdicts on KPIs (${verdicts.length})`, verdicts.map(verdictButton)) : undefined
        ];
        this.body.replaceChildren(...sections.filter(s => s !== undefined));
        this.showFocus(this.loop);
        this.panel.hidden = false;
        this.resizer.hidden = false;
    }

    /** Whether the diagram shows the change alone. */
    showAlone(alone: boolean): void {
        this.aloneButton.setAttribute('aria-pressed', String(alone));
    }

    /** Presses the loop shown alone, if any. */
    showFocus(loop: number | undefined): void {
        this.loop = loop;
        this.allButton.hidden = loop === undefined;
        for (const button of this.body.querySelectorAll<HTMLButtonElement>('button[data-loop]')) {
            button.setAttribute('aria-pressed', String(button.dataset.loop === String(loop)));
        }
    }

    hide(): void {
        this.change = undefined;
        this.panel.hidden = true;
        this.resizer.hidden = true;
        this.body.replaceChildren();
    }

    private onClick(event: MouseEvent): void {
        const button = event.target instanceof Element ? event.target.closest('button') : null;
        const review = this.change?.review;
        if (!button || !review) {
            return;
        }
        const { change, loop, verdict } = button.dataset;
        if (change !== undefined) {
            this.actions.showChange(review.changes[Number(change)]);
        } else if (loop !== undefined) {
            this.actions.showLoop(Number(loop) === this.loop ? undefined : Number(loop));
        } else if (verdict !== undefined) {
            this.actions.showVerdict(review.verdicts[Number(verdict)]);
        }
    }
}

function section(title: string, buttons: readonly HTMLButtonElement[]): HTMLElement {
    const list = element('ul', 'diff-list panel-list');
    for (const button of buttons) {
        const item = element('li');
        item.append(button);
        list.append(item);
    }
    const section = element('section', 'trace-section diff-section');
    section.append(element('h3', 'trace-heading', title), list);
    return section;
}

/** The loops that appear, vanish or change; a bounded search says that it compared only the loops it found. */
function loopSection(loops: DiffPictureChange['review']['loops'], truncated: boolean): HTMLElement {
    const found = section(`Feedback loops (${loops.length})`, loops.map(loopButton));
    if (truncated) {
        const note = loops.length === 0 ? 'None appears, vanishes or changes kind among the loops within the search bounds.' : 'Among the loops within the search bounds.';
        found.append(element('p', 'trace-note', note));
    }
    return found;
}

function changeButton(entry: DiffEntry, index: number): HTMLButtonElement {
    const button = element('button', `diff-change panel-entry diff-${entry.kind}`);
    button.type = 'button';
    button.dataset.change = String(index);
    button.title = entry.kind === 'removed' ? 'Show it in the diagram (it is no longer in the text)' : 'Show it in the diagram and its text in the editor';
    button.append(element('span', `diff-badge diff-${entry.kind}`, entry.kind), element('span', 'trace-reading', entry.text));
    return button;
}

function loopButton(entry: DiffLoopEntry, index: number): HTMLButtonElement {
    const button = element('button', `diff-loop panel-entry diff-loop-${entry.change}`);
    button.type = 'button';
    button.dataset.loop = String(index);
    button.setAttribute('aria-pressed', 'false');
    button.title = 'Show this loop alone';
    button.append(
        element('span', `diff-badge diff-loop-${entry.change} kind-${entry.kind}`, entry.change),
        element('span', 'trace-reading', entry.text)
    );
    return button;
}

function verdictButton(entry: DiffVerdictEntry, index: number): HTMLButtonElement {
    const button = element('button', 'diff-verdict panel-entry');
    button.type = 'button';
    button.dataset.verdict = String(index);
    button.title = 'Show the intervention in the diagram';
    button.append(element('span', 'trace-reading', entry.text));
    return button;
}
