import type { InterventionSetting } from '../../language/analysis/dynamics/simulate.js';
import type { FactorNode } from '../../language/analysis/model-graph.js';
import { element } from '../webview/dom.js';

/** Adjustment time a slider starts at: the grammar's default for `over`. */
const defaultOver = 1;

interface SliderState {
    level: number;
    over: number;
}

/**
 * One level slider and one adjustment-time slider per intervention. An intervention counts as
 * set once its level leaves its initial level; the settings are what a scenario would say.
 */
export class WhatIfSliders {
    private readonly states = new Map<string, SliderState>();
    private interventions: readonly FactorNode[] = [];

    constructor(private readonly container: HTMLElement, private readonly onChange: () => void) {}

    /** Shows the model's interventions, keeping what was set for those that are still there. */
    show(interventions: readonly FactorNode[]): void {
        this.interventions = interventions;
        for (const id of [...this.states.keys()]) {
            if (!interventions.some(factor => factor.id === id)) {
                this.states.delete(id);
            }
        }
        this.container.replaceChildren(...interventions.map(factor => this.row(factor)));
    }

    /** The settings of the interventions moved away from their initial level, in declaration order. */
    settings(): InterventionSetting[] {
        return this.interventions.flatMap(factor => {
            const state = this.states.get(factor.id);
            return state && state.level !== factor.initial ? [{ factor: factor.id, target: state.level, over: state.over }] : [];
        });
    }

    /** Sets the sliders to exactly these settings (a matrix row), the others back to rest. */
    apply(settings: readonly InterventionSetting[]): void {
        this.states.clear();
        for (const setting of settings) {
            this.states.set(setting.factor, { level: setting.target, over: setting.over });
        }
        this.show(this.interventions);
        this.onChange();
    }

    reset(): void {
        this.apply([]);
    }

    private row(factor: FactorNode): HTMLElement {
        const state = this.states.get(factor.id) ?? { level: factor.initial, over: defaultOver };
        const row = element('div', 'slider');
        row.dataset.factor = factor.id;
        row.classList.toggle('is-set', state.level !== factor.initial);
        const name = element('span', 'slider-name', factor.label);
        name.title = `${factor.label} (${factor.id}), at rest ${factor.initial}`;
        const level = this.input(`level-${factor.id}`, 0, 1, 0.01, state.level, `Level of ${factor.label}`);
        const over = this.input(`over-${factor.id}`, 0.25, 5, 0.25, state.over, `Adjustment time of ${factor.label}`);
        const levelText = element('output', undefined, format(state.level));
        const overText = element('output', undefined, format(state.over));
        const update = (): void => {
            const next = { level: Number(level.value), over: Number(over.value) };
            this.states.set(factor.id, next);
            levelText.textContent = format(next.level);
            overText.textContent = format(next.over);
            row.classList.toggle('is-set', next.level !== factor.initial);
            this.onChange();
        };
        level.addEventListener('input', update);
        over.addEventListener('input', update);
        row.append(name, labelled('level', `The level ${factor.label} is set to, on the 0\u20131 scale (at rest ${factor.initial})`, level, levelText),
            labelled('over', `The adjustment time: how long ${factor.label} takes to reach its level, in the model's time unit`, over, overText));
        return row;
    }

    private input(name: string, min: number, max: number, step: number, value: number, label: string): HTMLInputElement {
        const input = element('input');
        Object.assign(input, { type: 'range', name, min: String(min), max: String(max), step: String(step), value: String(value) });
        input.setAttribute('aria-label', label);
        return input;
    }
}

function labelled(text: string, meaning: string, input: HTMLInputElement, output: HTMLElement): HTMLElement {
    const row = element('label', 'slider-row');
    row.title = meaning;
    row.append(element('span', undefined, text), input, output);
    return row;
}

function format(value: number): string {
    return String(Number(value.toFixed(2)));
}
