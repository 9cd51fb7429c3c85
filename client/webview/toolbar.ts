import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { isWholeModel } from '../../language/diagram/diagram-view.js';
import type { DiagramResponse } from '../../language/protocol/diagram-protocol.js';
import { byId, element } from './dom.js';
import { fillSuggestions } from './find.js';

/** What the toolbar asks the preview to do. */
export interface ToolbarActions {
    find(query: string): void;
    /** Escape in the find box: back to the diagram, nothing selected. */
    leaveFind(): void;
    showCategory(category: string | undefined): void;
    focus(up: number, down: number): void;
    arrowsInto(): void;
    wholeModel(): void;
    zoomIn(): void;
    zoomOut(): void;
    fit(): void;
    zoomToSelection(): void;
    toggleLock(): void;
    export(format: 'svg' | 'png'): void;
}

/** The controls above the diagram; they only report intents and show state. */
export class Toolbar {
    private readonly findInput = byId('find-input', HTMLInputElement);
    private readonly suggestions = byId('find-suggestions', HTMLDataListElement);
    private readonly category = byId('category-select', HTMLSelectElement);
    private readonly up = byId('focus-up', HTMLInputElement);
    private readonly down = byId('focus-down', HTMLInputElement);
    private readonly focusButton = byId('focus-button', HTMLButtonElement);
    private readonly intoButton = byId('into-button', HTMLButtonElement);
    private readonly wholeButton = byId('whole-button', HTMLButtonElement);
    private readonly zoomSelection = byId('zoom-selection', HTMLButtonElement);
    private readonly zoomLevel = byId('zoom-level', HTMLSpanElement);
    private readonly lock = byId('lock-button', HTMLButtonElement);
    private readonly exportSvg = byId('export-svg', HTMLButtonElement);
    private readonly exportPng = byId('export-png', HTMLButtonElement);

    constructor(actions: ToolbarActions) {
        this.findInput.addEventListener('keydown', event => {
            if (event.key === 'Enter') {
                event.preventDefault();
                actions.find(this.findInput.value);
            } else if (event.key === 'Escape') {
                event.preventDefault();
                actions.leaveFind();
            }
        });
        // Picking a suggestion with the mouse fills in a whole name: go there at once.
        this.findInput.addEventListener('input', event => {
            if (!(event instanceof InputEvent) || event.inputType === 'insertReplacementText') {
                actions.find(this.findInput.value);
            }
        });
        this.category.addEventListener('change', () => actions.showCategory(this.category.value || undefined));
        this.focusButton.addEventListener('click', () => actions.focus(steps(this.up), steps(this.down)));
        this.intoButton.addEventListener('click', () => actions.arrowsInto());
        this.wholeButton.addEventListener('click', () => actions.wholeModel());
        byId('zoom-in', HTMLButtonElement).addEventListener('click', () => actions.zoomIn());
        byId('zoom-out', HTMLButtonElement).addEventListener('click', () => actions.zoomOut());
        byId('zoom-fit', HTMLButtonElement).addEventListener('click', () => actions.fit());
        this.zoomSelection.addEventListener('click', () => actions.zoomToSelection());
        this.lock.addEventListener('click', () => actions.toggleLock());
        this.exportSvg.addEventListener('click', () => actions.export('svg'));
        this.exportPng.addEventListener('click', () => actions.export('png'));
        document.addEventListener('keydown', event => {
            // "/" jumps to the find box, as in many viewers, unless the user is typing somewhere.
            if (event.key === '/' && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)) {
                event.preventDefault();
                this.focusFind();
            }
        });
    }

    /** Empties the find box: its text named a factor of the model shown before. */
    clearFind(): void {
        this.findInput.value = '';
    }

    focusFind(): void {
        this.findInput.focus();
        this.findInput.select();
    }

    /** The model's categories and factors, for the filter and the find box; export needs a drawn diagram. */
    showModel(diagram: DiagramResponse, drawn: boolean): void {
        const options = [element('option', undefined, 'Whole model'), ...diagram.categories.map(c => {
            const option = element('option', undefined, c.label);
            option.value = c.id;
            return option;
        })];
        options[0].value = '';
        this.category.replaceChildren(...options);
        fillSuggestions(this.suggestions, diagram.factors);
        this.exportSvg.disabled = !drawn;
        this.exportPng.disabled = !drawn;
    }

    showView(view: DiagramView): void {
        this.category.value = view.category ?? '';
        const whole = isWholeModel(view);
        if (whole && document.activeElement === this.wholeButton) {
            // Disabled, the button would drop the keyboard to the page: the diagram it brought back takes it.
            byId('viewport', HTMLElement).focus();
        }
        this.wholeButton.disabled = whole;
        if (view.focus) {
            this.up.value = String(view.focus.up);
            this.down.value = String(view.focus.down);
        }
    }

    showSelection(hasFactor: boolean, hasAnything: boolean): void {
        this.focusButton.disabled = !hasFactor;
        this.intoButton.disabled = !hasFactor;
        this.zoomSelection.disabled = !hasAnything;
    }

    showZoom(scale: number): void {
        this.zoomLevel.textContent = `${Math.round(scale * 100)}%`;
    }

    showLocked(locked: boolean): void {
        this.lock.setAttribute('aria-pressed', String(locked));
        this.lock.textContent = locked ? 'Locked' : 'Lock';
        this.lock.title = locked
            ? 'Locked to this document; press to follow the active editor again'
            : 'Following the active editor; press to stay on this document';
    }
}

/** A step count from a number box: whole, 0 to 9, whatever was typed. */
function steps(input: HTMLInputElement): number {
    const value = Math.round(Number(input.value));
    return Number.isFinite(value) ? Math.min(9, Math.max(0, value)) : 1;
}
