import type { ChartData } from '../../language/analysis/dynamics/chart-data.js';
import type { ChartLayout } from '../../language/diagram/simulation-chart.js';
import { element } from '../webview/dom.js';

/** Between the rule and the box, px. */
const hoverGap = 10;

/**
 * Reads the values under the mouse: over a panel, a vertical rule at the nearest time and a
 * box with every run's value there. The geometry comes from the renderer's own layout.
 */
export class ChartHover {
    private data?: ChartData;
    private layout?: ChartLayout;
    private colors: readonly string[] = [];

    constructor(private readonly chart: HTMLElement, private readonly rule: HTMLElement, private readonly box: HTMLElement) {
        chart.addEventListener('mousemove', event => this.move(event));
        chart.addEventListener('mouseleave', () => this.hide());
    }

    update(data: ChartData, layout: ChartLayout, colors: readonly string[]): void {
        this.data = data;
        this.layout = layout;
        this.colors = colors;
        this.hide();
    }

    private move(event: MouseEvent): void {
        const { data, layout } = this;
        const svg = this.chart.querySelector('svg');
        if (!data || !layout || !svg || data.times.length === 0) {
            return;
        }
        const bounds = svg.getBoundingClientRect();
        const x = event.clientX - bounds.left;
        const y = event.clientY - bounds.top;
        const index = layout.panels.findIndex(p => x >= p.x && x <= p.x + p.width && y >= p.y && y <= p.y + p.height);
        if (index < 0) {
            this.hide();
            return;
        }
        const panel = layout.panels[index];
        const time = ((x - panel.x) / panel.width) * layout.xMax;
        const step = nearest(data.times, time);
        const offset = svg.getBoundingClientRect().top - this.chart.parentElement!.getBoundingClientRect().top;
        const left = svg.getBoundingClientRect().left - this.chart.parentElement!.getBoundingClientRect().left;
        const ruleX = left + panel.x + (data.times[step] / layout.xMax) * panel.width;
        this.rule.hidden = false;
        this.rule.style.left = `${ruleX}px`;
        this.rule.style.top = `${offset + panel.y}px`;
        this.rule.style.height = `${panel.height}px`;
        const factor = data.panels[index];
        const lines = factor.series.map((series, run) => {
            const line = element('div');
            const swatch = element('span', 'swatch');
            swatch.style.background = this.colors[run];
            const value = series.values[step];
            line.append(swatch, document.createTextNode(`${data.runs[run].label}: ${value === undefined ? '—' : Number(value.toPrecision(4))}`));
            return line;
        });
        this.box.replaceChildren(element('strong', undefined, `${factor.label}, t = ${Number(data.times[step].toPrecision(6))}`), ...lines);
        this.box.hidden = false;
        // Right of the rule, or left of it where the box would run past the visible edge of the charts.
        const container = this.chart.parentElement!;
        const visibleRight = container.scrollLeft + container.clientWidth;
        const width = this.box.offsetWidth;
        const besideRight = ruleX + hoverGap;
        this.box.style.left = `${besideRight + width <= visibleRight ? besideRight : Math.max(container.scrollLeft, ruleX - hoverGap - width)}px`;
        this.box.style.top = `${offset + panel.y}px`;
    }

    private hide(): void {
        this.rule.hidden = true;
        this.box.hidden = true;
    }
}

/** The index of the time closest to `time` (the times are sorted). */
function nearest(times: readonly number[], time: number): number {
    let best = 0;
    for (let i = 1; i < times.length; i++) {
        if (Math.abs(times[i] - time) < Math.abs(times[best] - time)) {
            best = i;
        }
    }
    return best;
}
