import type { DiagramFactorSummary } from '../../../language/protocol/diagram-protocol.js';
import { interventionOrder } from '../../../language/protocol/trace-protocol.js';
import { byId, element } from '../dom.js';

export interface TraceControlActions {
    trace(from: string): void;
    leave(): void;
    traceSelected(): void;
}

/** How long the list waits, after an arrow key moved through it, before it traces what it rests on. */
const keysSettleMs = 400;

/**
 * The toolbar's trace controls: a list of the model's interventions (picking one traces it,
 * "no trace" leaves trace mode) and "Trace selected" for the intervention selected in the diagram.
 * Arrow keys move through the list one intervention at a time, each a change: the list traces
 * the one it rests on (or Enter's), not every one passed, which on a large model took seconds each.
 */
export class TraceControls {
    private readonly select = byId('trace-select', HTMLSelectElement);
    private readonly traceThis = byId('trace-this', HTMLButtonElement);
    private current = '';
    /** A key moved through the list: its change waits for the keys to rest. */
    private movedByKeys = false;
    private resting?: ReturnType<typeof setTimeout>;

    constructor(private readonly actions: TraceControlActions) {
        this.select.addEventListener('keydown', event => {
            if (event.key === 'Enter') {
                this.traceChosenNow();
            } else if (event.key.startsWith('Arrow') || ['Home', 'End', 'PageUp', 'PageDown'].includes(event.key) || event.key.length === 1) {
                // Moves through the list (a letter jumps to the next label that starts with it).
                this.movedByKeys = true;
            }
        });
        this.select.addEventListener('blur', () => {
            this.movedByKeys = false;
            this.traceChosenNow();
        });
        this.select.addEventListener('change', () => {
            clearTimeout(this.resting);
            if (this.movedByKeys) {
                this.movedByKeys = false;
                this.resting = setTimeout(() => this.traceChosen(), keysSettleMs);
            } else {
                this.traceChosen();
            }
        });
        this.traceThis.addEventListener('click', () => actions.traceSelected());
    }

    /** The model's interventions, by label; a traced factor that is not one is listed too. */
    showModel(factors: readonly DiagramFactorSummary[]): void {
        const interventions = factors.filter(f => f.role === 'intervention' || f.id === this.current)
            .sort(interventionOrder);
        const none = element('option', undefined, '\u2014 no trace \u2014');
        none.value = '';
        this.select.replaceChildren(none, ...interventions.map(factor => {
            const option = element('option', undefined, factor.label);
            option.value = factor.id;
            option.title = factor.id;
            return option;
        }));
        this.select.value = this.current;
        this.select.disabled = this.select.options.length <= 1;
    }

    /** The traced factor in the list; one that is not an intervention (traced by the host) is added with its label. */
    showTraced(from: string | undefined, label = from): void {
        this.current = from ?? '';
        if (from !== undefined && ![...this.select.options].some(o => o.value === from)) {
            const option = element('option', undefined, label);
            option.value = from;
            this.select.append(option);
        }
        this.select.value = this.current;
        this.select.disabled = this.select.options.length <= 1;
    }

    /** A change the keys left waiting, now. */
    private traceChosenNow(): void {
        if (this.resting !== undefined) {
            clearTimeout(this.resting);
            this.traceChosen();
        }
    }

    private traceChosen(): void {
        this.resting = undefined;
        const from = this.select.value;
        if (from === '') {
            this.actions.leave();
        } else {
            this.actions.trace(from);
        }
    }

    /** "Trace selected" works on a selected intervention; disabled, its tooltip says how to get one. */
    showSelection(isIntervention: boolean): void {
        this.traceThis.disabled = !isIntervention;
        this.traceThis.title = isIntervention
            ? 'Trace the selected intervention: its paths to the KPIs and the loops they touch'
            : 'Click an intervention in the diagram to trace it with this button, or pick one in the Trace list';
    }
}
