import type { ChangeShade } from '../../language/analysis/dynamics/change-shading.js';
import { changeShades } from '../../language/analysis/dynamics/change-shading.js';
import type { SimulationResult } from '../../language/analysis/dynamics/simulate.js';
import { simulate } from '../../language/analysis/dynamics/simulate.js';
import type { ModelGraphData } from '../../language/analysis/model-graph.js';
import { ModelGraph } from '../../language/analysis/model-graph.js';
import { byId, element } from './dom.js';
import { isRecord } from './shape.js';
import { paletteOf, watchTheme } from './theme.js';
import type { VsCodeApi } from './vscode-api.js';

/**
 * Fired on the window when the diagram starts or stops being coloured over time (its detail
 * says which): the preview then draws the factors at every zoom, as in trace mode, since the
 * overview's cards have no factors to colour.
 */
export const timeColouringEvent = 'marvel-time-colouring';

/** Time between two steps while playing. */
const playStepMs = 120;

/**
 * The diagram over time: pick a scenario, move the time slider (or play it) and each factor
 * is coloured by how far it has moved since t = 0 — up in the theme's `+` colour, down in its
 * `−` colour, stronger when larger — so the intervention is seen travelling through the model
 * and slow relations lagging. Kept apart from the preview controller: it listens to the same
 * messages, asks the host for the model's graph, and colours whatever diagram is drawn.
 */
export class TimeTravel {
    private readonly bar = element('div', 'time-travel');
    private readonly scenario = element('select');
    private readonly play = element('button', undefined, '\u25b6 Play');
    private readonly slider = element('input');
    private readonly clock = element('output', 'time-clock', 't = 0');
    private readonly up = element('span', 'time-key', '\u25b2 up');
    private readonly down = element('span', 'time-key', '\u25bc down');
    private uri?: string;
    private graph?: ModelGraph;
    private result?: SimulationResult;
    private player?: ReturnType<typeof setInterval>;

    constructor(private readonly api: VsCodeApi) {}

    start(): void {
        this.bar.setAttribute('role', 'group');
        this.bar.setAttribute('aria-label', 'The diagram over time');
        this.scenario.title = 'Colour the factors by how far this scenario has moved them since t = 0';
        this.scenario.append(element('option', undefined, 'Over time: off'));
        this.scenario.options[0].value = '';
        this.play.type = 'button';
        this.play.title = 'Play the scenario from t = 0';
        Object.assign(this.slider, { type: 'range', min: '0', max: '0', step: '1', value: '0', disabled: true });
        this.slider.setAttribute('aria-label', 'Time');
        this.play.disabled = true;
        const legend = element('span', 'time-legend');
        legend.append(this.up, document.createTextNode(' \u00b7 '), this.down, document.createTextNode(' since t = 0, stronger when larger'));
        this.bar.append(this.scenario, this.play, this.slider, this.clock, legend);
        this.bar.classList.add('resting');
        document.body.append(this.bar);
        // The scenarios are asked for when the user comes near the bar, so that the list is filled by the time it opens.
        this.bar.addEventListener('pointerenter', () => this.requestModel());
        this.scenario.addEventListener('focus', () => this.requestModel());
        this.scenario.addEventListener('change', () => this.run());
        this.slider.addEventListener('input', () => this.paint());
        this.play.addEventListener('click', () => this.togglePlay());
        window.addEventListener('message', event => this.onMessage(event.data));
        // The preview redraws its SVG, or the part of it that changed (diagram-mount.ts), on every
        // render, view change or theme switch: colour what is new. Without a course nothing new is coloured.
        new MutationObserver(() => {
            if (this.result) {
                this.paint();
            }
        }).observe(byId('stage', HTMLDivElement), { childList: true, subtree: true });
        watchTheme(document.body, () => this.paint());
    }

    private onMessage(data: unknown): void {
        if (!isRecord(data)) {
            return;
        }
        if (data.type === 'render' && isRecord(data.diagram) && typeof data.diagram.uri === 'string') {
            this.uri = data.diagram.uri;
            // The text may have changed: simulate it again while the slider is in use.
            if (this.scenario.value !== '') {
                this.requestModel();
            }
        } else if (data.type === 'simulationModel' && isRecord(data.model) && data.model.uri === this.uri && isRecord(data.model.graph)) {
            this.graph = new ModelGraph(data.model.graph as unknown as ModelGraphData);
            this.showScenarios();
            this.run();
        }
    }

    private requestModel(): void {
        if (this.uri) {
            this.api.postMessage({ type: 'simulationModel', uri: this.uri });
        }
    }

    private showScenarios(): void {
        const chosen = this.scenario.value;
        const options = this.graph!.scenarios.map(s => {
            const option = element('option', undefined, s.label);
            option.value = s.id;
            return option;
        });
        this.scenario.replaceChildren(this.scenario.options[0], ...options);
        this.scenario.value = options.some(o => o.value === chosen) ? chosen : '';
    }

    /** Simulates the chosen scenario (keeping the slider's time) and colours the diagram. */
    private run(): void {
        const id = this.scenario.value;
        this.result = id && this.graph?.scenarios.some(s => s.id === id) ? simulate(this.graph, [id]) : undefined;
        const last = this.result ? this.result.times.length - 1 : 0;
        this.slider.max = String(last);
        this.slider.value = String(Math.min(Number(this.slider.value), last));
        this.slider.disabled = this.play.disabled = !this.result;
        // Off, the bar is only its choice of scenario: the slider and its key mean nothing yet, and a narrow preview needs the room.
        this.bar.classList.toggle('resting', !this.result);
        if (!this.result) {
            this.stopPlaying();
        }
        window.dispatchEvent(new CustomEvent(timeColouringEvent, { detail: this.result !== undefined }));
        this.paint();
    }

    private paint(): void {
        const index = Number(this.slider.value);
        const shades = this.result ? changeShades(this.result, index) : new Map<string, ChangeShade>();
        this.clock.textContent = `t = ${this.result ? Number(this.result.times[index].toPrecision(6)) : 0}`;
        const palette = paletteOf(document.body);
        this.up.style.color = palette.edge['+'];
        this.down.style.color = palette.edge['-'];
        for (const node of document.querySelectorAll<SVGGElement>('#stage g.marvel-node[data-id]')) {
            const shape = node.querySelector<SVGRectElement>(':scope > rect:not([class])');
            const shade = shades.get(node.dataset.id ?? '');
            node.classList.toggle('time-up', shade?.direction === 'up');
            node.classList.toggle('time-down', shade?.direction === 'down');
            if (!shape) {
                continue;
            }
            if (shade) {
                const towards = shade.direction === 'up' ? palette.edge['+'] : palette.edge['-'];
                // From the background rather than the role colour, so that equal changes look equal; at most halfway, so the label stays readable.
                shape.style.fill = mix(palette.background, towards, 0.12 + 0.48 * shade.strength);
            } else {
                shape.style.removeProperty('fill');
            }
        }
    }

    private togglePlay(): void {
        if (this.player !== undefined) {
            this.stopPlaying();
            return;
        }
        if (Number(this.slider.value) >= Number(this.slider.max)) {
            this.slider.value = '0';
        }
        this.play.textContent = '\u275a\u275a Pause';
        this.player = setInterval(() => {
            if (Number(this.slider.value) >= Number(this.slider.max)) {
                this.stopPlaying();
                return;
            }
            this.slider.value = String(Number(this.slider.value) + 1);
            this.paint();
        }, playStepMs);
    }

    private stopPlaying(): void {
        clearInterval(this.player);
        this.player = undefined;
        this.play.textContent = '\u25b6 Play';
    }
}

/** `from` moved a share `amount` of the way to `to` (both `#rrggbb`; anything else gives `to`). */
function mix(from: string, to: string, amount: number): string {
    const parse = (hex: string): number[] | undefined => /^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)) : undefined;
    const a = parse(from);
    const b = parse(to);
    if (!a || !b) {
        return to;
    }
    return `#${a.map((value, i) => Math.round(value + (b[i] - value) * amount).toString(16).padStart(2, '0')).join('')}`;
}
