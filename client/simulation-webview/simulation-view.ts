import type { ChartData, ChartRun } from '../../language/analysis/dynamics/chart-data.js';
import { chartCsv, chartData, chartFactors } from '../../language/analysis/dynamics/chart-data.js';
import type { MatrixRow } from '../../language/analysis/dynamics/intervention-matrix.js';
import { interventionMatrix, interventionUnits } from '../../language/analysis/dynamics/intervention-matrix.js';
import { robustness } from '../../language/analysis/dynamics/robustness.js';
import type { InterventionSetting } from '../../language/analysis/dynamics/simulate.js';
import { scenarioSettings, simulateSettings } from '../../language/analysis/dynamics/simulate.js';
import { ModelGraph } from '../../language/analysis/model-graph.js';
import { layoutChart, renderChart, runColorsOf } from '../../language/diagram/simulation-chart.js';
import { byId, element } from '../webview/dom.js';
import { rasterise } from '../webview/export.js';
import { themeOf, watchTheme } from '../webview/theme.js';
import type { SimulationHostMessage, SimulationViewMessage, SimulationViewState } from '../simulation/messages.js';
import { ChartHover } from './chart-hover.js';
import { MatrixTable } from './matrix-table.js';
import { WhatIfSliders } from './what-if-sliders.js';

/** The part of the API VS Code injects into a webview that this view uses. */
export interface SimulationApi {
    postMessage(message: SimulationViewMessage): void;
    /** The state saved before a window reload, if any. */
    getState(): unknown;
    setState(state: SimulationViewState): void;
}

/** Robustness bands in the view: enough samples for a steady band, few enough to follow a slider. */
const viewSamples = 100;
const viewSeed = 1;
/** Bands wait for this pause in slider moves; the curves themselves follow at once. */
const bandDelayMs = 250;
const whatIfRun = 'what-if';

/**
 * The Simulation view: simulates the model it is given (the dynamics are pure TypeScript),
 * draws the curves with the shared chart renderer, and redraws when the model, a slider, a
 * scenario choice or the theme changes.
 */
export class SimulationView {
    private graph?: ModelGraph;
    private uri = '';
    private version = -1;
    private fileName = '';
    private readonly scenarios = new Set<string>();
    private readonly factors: string[] = [];
    private data?: ChartData;
    private bandTimer?: ReturnType<typeof setTimeout>;
    /** A scenario just saved from the sliders: chosen as soon as the model that holds it arrives. */
    private savedScenario?: string;
    /** The scenario the status line says was saved: an undo that removes it clears the line. */
    private announcedScenario?: string;
    /** The sliders as they were before a window reload: set once the model's interventions are shown. */
    private restoredWhatIf?: readonly InterventionSetting[];
    private restoredBands = false;
    private readonly sliders = new WhatIfSliders(byId('slider-list', HTMLElement), () => this.draw(true));
    private readonly hover = new ChartHover(byId('chart', HTMLElement), byId('hover-rule', HTMLElement), byId('hover-box', HTMLElement));
    private readonly matrix = new MatrixTable(byId('matrix-table', HTMLElement), row => this.showRow(row));

    constructor(private readonly api: SimulationApi) {
        const saved = api.getState();
        if (isViewState(saved)) {
            this.uri = saved.uri;
            saved.scenarios.forEach(id => this.scenarios.add(id));
            this.factors.push(...saved.factors);
            this.restoredWhatIf = saved.whatIf;
            this.restoredBands = saved.bands;
        }
    }

    start(): void {
        byId('samples', HTMLInputElement).checked = this.restoredBands;
        window.addEventListener('message', (event: MessageEvent<SimulationHostMessage>) => this.receive(event.data));
        byId('samples', HTMLInputElement).addEventListener('change', () => this.draw(false));
        byId('factor-picker', HTMLSelectElement).addEventListener('change', event => {
            const select = event.target as HTMLSelectElement;
            if (select.value && !this.factors.includes(select.value)) {
                this.factors.push(select.value);
                this.draw(false);
            }
            select.value = '';
        });
        byId('reset-sliders', HTMLButtonElement).addEventListener('click', () => this.sliders.reset());
        byId('save-scenario', HTMLButtonElement).addEventListener('click', () => this.api.postMessage({ type: 'saveScenario', settings: this.sliders.settings() }));
        byId('export-svg', HTMLButtonElement).addEventListener('click', () => void this.export('svg'));
        byId('export-png', HTMLButtonElement).addEventListener('click', () => void this.export('png'));
        byId('export-csv', HTMLButtonElement).addEventListener('click', () => void this.export('csv'));
        byId('tab-curves', HTMLButtonElement).addEventListener('click', () => this.showTab('curves'));
        byId('tab-matrix', HTMLButtonElement).addEventListener('click', () => this.showTab('matrix'));
        byId('matrix-run', HTMLButtonElement).addEventListener('click', () => this.runMatrix());
        watchTheme(document.body, () => this.draw(false));
        window.addEventListener('resize', () => this.draw(false));
        this.api.postMessage({ type: 'ready' });
    }

    private receive(message: SimulationHostMessage): void {
        switch (message.type) {
            case 'model': {
                const { model } = message;
                const banner = byId('banner', HTMLElement);
                banner.hidden = model.problem === undefined;
                banner.textContent = model.problem ?? '';
                // Versions count per document: only an older answer about the same document is stale.
                if (!model.graph || (model.uri === this.uri && model.version < this.version)) {
                    return;
                }
                this.uri = model.uri;
                this.version = model.version;
                this.fileName = message.fileName;
                this.showModel(new ModelGraph(model.graph));
                break;
            }
            case 'exported':
                this.status(`Saved ${message.path}`);
                break;
            case 'saved':
                this.savedScenario = message.scenario;
                this.announcedScenario = message.scenario;
                this.status(`Saved as scenario '${message.scenario}'`);
                break;
        }
    }

    private showModel(graph: ModelGraph): void {
        this.graph = graph;
        const ids = new Set(graph.scenarios.map(s => s.id));
        for (const id of [...this.scenarios]) {
            if (!ids.has(id)) {
                this.scenarios.delete(id);
            }
        }
        if (this.announcedScenario !== undefined && this.savedScenario === undefined && !ids.has(this.announcedScenario)) {
            this.announcedScenario = undefined;
            this.status('');
        }
        if (this.savedScenario && ids.has(this.savedScenario)) {
            this.scenarios.add(this.savedScenario);
            this.savedScenario = undefined;
            this.sliders.reset();
        }
        this.showScenarios(graph);
        const picker = byId('factor-picker', HTMLSelectElement);
        picker.replaceChildren(element('option', undefined, '— factor —'), ...graph.factors.filter(f => f.kind !== 'kpi').map(factor => {
            const option = element('option', undefined, `${factor.label} (${factor.id})`);
            option.value = factor.id;
            return option;
        }));
        picker.options[0].value = '';
        this.sliders.show(graph.interventions());
        if (this.restoredWhatIf) {
            this.sliders.apply(this.restoredWhatIf.filter(setting => graph.factor(setting.factor)?.kind === 'intervention'));
            this.restoredWhatIf = undefined;
        }
        this.draw(false);
    }

    private showScenarios(graph: ModelGraph): void {
        const list = byId('scenario-list', HTMLElement);
        if (graph.scenarios.length === 0) {
            list.replaceChildren(element('p', 'hint', 'The model declares no scenario.'));
            return;
        }
        list.replaceChildren(...graph.scenarios.map(scenario => {
            const box = element('input');
            box.type = 'checkbox';
            box.value = scenario.id;
            box.checked = this.scenarios.has(scenario.id);
            box.addEventListener('change', () => {
                if (box.checked) {
                    this.scenarios.add(scenario.id);
                } else {
                    this.scenarios.delete(scenario.id);
                }
                this.draw(false);
            });
            const label = element('label');
            label.title = scenario.settings.map(s => `set ${s.factor} to ${s.target} over ${s.over}`).join('\n');
            label.append(box, document.createTextNode(` ${scenario.label}`));
            return label;
        }));
    }

    /** The runs to draw: the resting model, each chosen scenario, and the what-if when a slider is set. */
    private runs(withBands: boolean): ChartRun[] {
        const graph = this.graph!;
        const factors = this.chartFactors();
        const run = (id: string, label: string, settings: readonly InterventionSetting[]): ChartRun => ({
            id, label, result: simulateSettings(graph, settings),
            ...(withBands ? { robustness: robustness(graph, settings, {}, viewSamples, viewSeed, factors) } : {})
        });
        const whatIf = this.sliders.settings();
        return [
            { id: 'rest', label: 'Resting model', baseline: true, result: simulateSettings(graph, []) },
            ...graph.scenarios.filter(s => this.scenarios.has(s.id)).map(s => run(s.id, s.label, scenarioSettings(graph, [s.id]))),
            ...whatIf.length > 0 ? [run(whatIfRun, 'What-if (sliders)', whatIf)] : []
        ];
    }

    private chartFactors(): string[] {
        return chartFactors(this.graph!, this.factors);
    }

    /**
     * Draws the curves at once; robustness bands, which take a hundred runs each, follow
     * after a pause when `fromSlider` (a drag would otherwise stutter).
     */
    private draw(fromSlider: boolean): void {
        if (!this.graph) {
            return;
        }
        const wantBands = byId('samples', HTMLInputElement).checked;
        clearTimeout(this.bandTimer);
        this.render(wantBands && !fromSlider);
        if (wantBands && fromSlider) {
            this.bandTimer = setTimeout(() => this.render(true), bandDelayMs);
        }
        const set = this.sliders.settings().length > 0;
        byId('save-scenario', HTMLButtonElement).disabled = !set;
        byId('reset-sliders', HTMLButtonElement).disabled = !set;
        this.showChips();
        // Every choice ends in a drawing: saved here, the view comes back as it was after a window reload.
        this.api.setState({ uri: this.uri, scenarios: [...this.scenarios], factors: [...this.factors], whatIf: this.sliders.settings(), bands: wantBands });
    }

    private render(withBands: boolean): void {
        const graph = this.graph!;
        const theme = themeOf(document.body);
        const data = chartData(graph, this.runs(withBands), this.chartFactors(), graph.data.title ?? this.fileName);
        const width = this.chartWidth();
        const chart = byId('chart', HTMLElement);
        if (data.panels.length === 0) {
            chart.replaceChildren(element('p', 'empty', 'The model declares no KPI: add a factor\'s curve with Add curve.'));
        } else {
            // The renderer escapes every text from the model: this markup holds no model-made tags.
            chart.innerHTML = renderChart(data, { theme, width });
        }
        this.data = data;
        this.hover.update(data, layoutChart(data, width), runColorsOf(data.runs, theme));
        for (const id of ['export-svg', 'export-png', 'export-csv']) {
            byId(id, HTMLButtonElement).disabled = false;
        }
    }

    /** The chart fills the curves' area; below 300 pixels it scrolls rather than squeezing its labels. */
    private chartWidth(): number {
        return Math.max(300, byId('curves', HTMLElement).clientWidth - 12);
    }

    private showChips(): void {
        byId('factor-chips', HTMLElement).replaceChildren(...this.factors.map(id => {
            const chip = element('button', 'chip', `${this.graph?.labelOf(id) ?? id} ✕`);
            chip.type = 'button';
            chip.title = 'Remove this curve';
            chip.addEventListener('click', () => {
                this.factors.splice(this.factors.indexOf(id), 1);
                this.draw(false);
            });
            return chip;
        }));
    }

    private async export(format: 'svg' | 'png' | 'csv'): Promise<void> {
        if (!this.data) {
            return;
        }
        const svg = renderChart(this.data, { theme: themeOf(document.body), width: this.chartWidth(), background: true });
        try {
            const data = format === 'csv' ? chartCsv(this.data) : format === 'svg' ? svg : await rasterise(svg, 2);
            this.api.postMessage({ type: 'export', format, data });
        } catch (error) {
            this.status(`The ${format.toUpperCase()} could not be made: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    private showTab(tab: 'curves' | 'matrix'): void {
        byId('tab-curves', HTMLButtonElement).setAttribute('aria-selected', String(tab === 'curves'));
        byId('tab-matrix', HTMLButtonElement).setAttribute('aria-selected', String(tab === 'matrix'));
        byId('curves', HTMLElement).hidden = tab !== 'curves';
        byId('matrix', HTMLElement).hidden = tab !== 'matrix';
        // The scenarios and what-if sliders steer the curves; the matrix has its own level and time, and needs the width.
        byId('runs', HTMLElement).hidden = tab === 'matrix';
        if (tab === 'matrix' && byId('matrix-table', HTMLElement).childElementCount === 0) {
            this.runMatrix();
        }
        if (tab === 'curves') {
            this.draw(false);
        }
    }

    private runMatrix(): void {
        const graph = this.graph;
        if (!graph) {
            return;
        }
        const { level, over } = this.matrixSetting();
        this.status('Comparing every intervention and pair…');
        // Let the status paint before the runs hold the thread. Without samples: with them, the
        // seed's 780 runs would hold the view for a minute (`marvel compare --samples` has them).
        setTimeout(() => {
            this.matrix.show(interventionMatrix(graph, interventionUnits(graph, level, over)));
            this.status('');
        }, 0);
    }

    private matrixSetting(): { level: number; over: number } {
        const level = Number(byId('matrix-level', HTMLInputElement).value);
        const over = Number(byId('matrix-over', HTMLInputElement).value);
        return { level: Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0.8, over: Number.isFinite(over) && over > 0 ? over : 1 };
    }

    /** A matrix row's curves: the sliders set to its interventions, on the Curves tab. */
    private showRow(row: MatrixRow): void {
        const { level, over } = this.matrixSetting();
        this.sliders.apply(row.units.map(factor => ({ factor, target: level, over })));
        this.showTab('curves');
    }

    private status(text: string): void {
        byId('status', HTMLElement).textContent = text;
    }
}

function isViewState(value: unknown): value is SimulationViewState {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const state = value as Partial<Record<keyof SimulationViewState, unknown>>;
    const strings = (list: unknown): boolean => Array.isArray(list) && list.every(item => typeof item === 'string');
    const settings = Array.isArray(state.whatIf) && state.whatIf.every((setting: unknown) => typeof setting === 'object' && setting !== null
        && typeof (setting as Record<string, unknown>).factor === 'string' && Number.isFinite((setting as Record<string, unknown>).target) && Number.isFinite((setting as Record<string, unknown>).over));
    return typeof state.uri === 'string' && strings(state.scenarios) && strings(state.factors) && settings && typeof state.bands === 'boolean';
}
