import type { DiagramFactorSummary } from '../../../language/protocol/diagram-protocol.js';
import { interventionOrder } from '../../../language/protocol/trace-protocol.js';
import { byId, element } from '../dom.js';

export interface TraceControlActions {
    trace(from: string): void;
    leave(): void;
    traceSelected(): void;
}

/**
 * The toolbar's trace controls: a list of the model's interventions (picking one traces it,
 * "no trace" leaves trace mode) and "Trace selected" for the intervention selected in the diagram.
 */
export class TraceControls {
    private readonly select = byId('trace-select', HTMLSelectElement);
    private readonly traceThis = byId('trace-this', HTMLButtonElement);
    private current = '';

    constructor(actions: TraceControlActions) {
        this.select.addEventListener('change', () => {
            const from = this.select.value;
            if (from === '') {
                actions.leave();
            } else {
                actions.trace(from);
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

    /** "Trace selected" works on a selected intervention; disabled, its tooltip says how to get one. */
    showSelection(isIntervention: boolean): void {
        this.traceThis.disabled = !isIntervention;
        this.traceThis.title = isIntervention
            ? 'Trace the selected intervention: its paths to the KPIs and the loops they touch'
            : 'Click an intervention in the diagram to trace it with this button, or pick one in the Trace list';
    }
}
