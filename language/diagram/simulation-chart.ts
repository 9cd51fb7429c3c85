import type { ChartData, ChartPanel } from '../analysis/dynamics/chart-data.js';
import { leavesUnitRange } from '../analysis/dynamics/chart-data.js';
import type { ThemeKind } from './diagram-style.js';
import { palettes } from './diagram-style.js';
import { escapeXml } from './svg-escape.js';
import { metricsFontFamily, textWidth } from './text-metrics.js';

/**
 * Draws simulation curves as SVG: one small chart per factor on a grid, all on the same time
 * axis, the runs in the same colours everywhere, the baseline muted and dashed, a KPI's
 * desired side tinted, and levels beyond the 0–1 scale shaded. The same drawing is the
 * Simulation view, its exports and `marvel simulate --plot`; {@link layoutChart} gives the
 * geometry the view needs to read values under the mouse.
 */

export interface ChartOptions {
    readonly theme?: ThemeKind;
    /** Overall width in pixels; the grid gets as many columns as fit. */
    readonly width?: number;
    /** Draw a background rectangle (for files; the view shows the editor's background). */
    readonly background?: boolean;
}

/** Where one panel's plot area is and which values its edges stand for. */
export interface PanelLayout {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly yMin: number;
    readonly yMax: number;
    readonly yTicks: readonly number[];
}

export interface ChartLayout {
    readonly width: number;
    readonly height: number;
    readonly xMax: number;
    readonly xTicks: readonly number[];
    /** The legend's items, row by row: which run, where its swatch starts, its text's baseline. */
    readonly legendRows: readonly (readonly { readonly run: number; readonly x: number; readonly y: number }[])[];
    /** The baseline of the line under the legend that says how to read the panels. */
    readonly readingY: number;
    readonly panels: readonly PanelLayout[];
}

const margin = 16;
const gap = 24;
const minPanelWidth = 360;
const titleHeight = 26;
const legendRowHeight = 20;
const panelTitleHeight = 36;
const plotHeight = 150;
const xAxisHeight = 30;
const yAxisWidth = 48;
const fontSize = 11;
const swatchWidth = 22;

/** Run colours that stay apart for colour-blind readers (Okabe–Ito), lighter on dark backgrounds. */
const runColors: Readonly<Record<ThemeKind, readonly string[]>> = {
    'light': ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7f3c8d', '#3b7d23'],
    'dark': ['#56b4e9', '#ff9f5a', '#3ccf9e', '#e79ac6', '#f0c04a', '#9fd3f7', '#c79bf2', '#8fd16a'],
    'high-contrast': ['#56b4e9', '#ffab40', '#00e676', '#ea80fc', '#ffee58', '#ffffff', '#b388ff', '#b2ff59']
};

/** Each run's colour: the baseline in the theme's muted colour, the others in turn from the run colours. */
export function runColorsOf(runs: readonly { readonly baseline: boolean }[], theme: ThemeKind): string[] {
    let next = 0;
    const colors = runColors[theme];
    return runs.map(run => run.baseline ? palettes[theme].mutedForeground : colors[next++ % colors.length]);
}

export function layoutChart(data: ChartData, width = 960): ChartLayout {
    const legendRows: { run: number; x: number; y: number }[][] = [[]];
    let x = margin;
    data.runs.forEach((run, index) => {
        const itemWidth = swatchWidth + 6 + textWidth(legendLabel(run), fontSize) + 18;
        if (x + itemWidth > width - margin && legendRows.at(-1)!.length > 0) {
            legendRows.push([]);
            x = margin;
        }
        legendRows.at(-1)!.push({ run: index, x, y: titleHeight + legendRows.length * legendRowHeight - 6 });
        x += itemWidth;
    });
    const columns = Math.max(1, Math.floor((width - 2 * margin + gap) / (minPanelWidth + gap)));
    const panelWidth = (width - 2 * margin - (columns - 1) * gap) / columns;
    const readingY = titleHeight + (legendRows.length + 1) * legendRowHeight - 6;
    const gridTop = titleHeight + (legendRows.length + 1) * legendRowHeight + 8;
    const panelHeight = panelTitleHeight + plotHeight + xAxisHeight;
    const xMax = data.times.at(-1) ?? 1;
    const panels = data.panels.map((panel, index) => {
        const column = index % columns;
        const row = Math.floor(index / columns);
        const { min, max, ticks } = niceRange(panelValues(panel));
        return {
            x: margin + column * (panelWidth + gap) + yAxisWidth,
            y: gridTop + row * (panelHeight + gap / 2) + panelTitleHeight,
            width: panelWidth - yAxisWidth - 8,
            height: plotHeight,
            yMin: min,
            yMax: max,
            yTicks: ticks
        };
    });
    const rows = Math.max(1, Math.ceil(data.panels.length / columns));
    return {
        width,
        height: gridTop + rows * (panelHeight + gap / 2) + margin,
        xMax,
        xTicks: niceRange([0, xMax], false).ticks.filter(tick => tick <= xMax + 1e-9),
        legendRows,
        readingY,
        panels
    };
}

export function renderChart(data: ChartData, options: ChartOptions = {}): string {
    const theme = options.theme ?? 'light';
    const palette = palettes[theme];
    const layout = layoutChart(data, options.width);
    const colors = runColorsOf(data.runs, theme);
    const legend = layout.legendRows.flat().map(item => {
        const run = data.runs[item.run];
        return `<g class="chart-legend-item" data-run="${escapeXml(run.id)}">`
            + `<line x1="${item.x}" y1="${item.y - 4}" x2="${item.x + swatchWidth}" y2="${item.y - 4}" stroke="${colors[item.run]}" stroke-width="2.5"${run.baseline ? ' stroke-dasharray="5 3"' : ''}/>`
            + `<text x="${item.x + swatchWidth + 6}" y="${item.y}" fill="${palette.foreground}">${escapeXml(legendLabel(run))}</text></g>`;
    }).join('');
    const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" class="marvel-chart" role="img" aria-label="${escapeXml(data.title)}" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${escapeXml(metricsFontFamily)}" font-size="${fontSize}">`,
        options.background ? `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="${palette.background}"/>` : '',
        `<text class="chart-title" x="${margin}" y="${titleHeight - 8}" font-size="14" font-weight="bold" fill="${palette.foreground}">${escapeXml(fit(data.title, layout.width - 2 * margin, 14))}</text>`,
        `<g class="chart-legend">${legend}</g>`,
        `<text class="chart-reading" x="${margin}" y="${layout.readingY}" fill="${palette.mutedForeground}">${escapeXml(fit(readingOf(data), layout.width - 2 * margin, fontSize))}</text>`,
        ...data.panels.map((panel, index) => renderPanel(panel, layout.panels[index], layout, colors, data, theme)),
        '</svg>'
    ];
    return parts.join('');
}

function renderPanel(panel: ChartPanel, box: PanelLayout, layout: ChartLayout, colors: readonly string[], data: ChartData, theme: ThemeKind): string {
    const palette = palettes[theme];
    const xOf = (time: number): number => box.x + (time / (layout.xMax || 1)) * box.width;
    const yOf = (value: number): number => box.y + box.height - ((value - box.yMin) / (box.yMax - box.yMin)) * box.height;
    const clampY = (value: number): number => Math.min(box.y + box.height, Math.max(box.y, yOf(value)));
    const parts: string[] = [];
    const arrow = panel.direction === 'increase' ? '\u2191 ' : panel.direction === 'decrease' ? '\u2193 ' : '';
    const outside = panel.series.some(series => leavesUnitRange(series.values));
    const subtitle = [
        panel.kpi ? (panel.direction ? `KPI, should ${panel.direction}` : 'KPI without a direction') : 'factor',
        outside ? 'leaves the 0\u20131 scale' : ''
    ].filter(Boolean).join(' \u00b7 ');
    const titleX = box.x - yAxisWidth;
    parts.push(`<text class="chart-panel-title" x="${titleX}" y="${box.y - 20}" font-size="12" font-weight="bold" fill="${palette.foreground}">${escapeXml(fit(arrow + panel.label, box.width + yAxisWidth, 12, 'bold'))}</text>`);
    parts.push(`<text class="chart-panel-subtitle" x="${titleX}" y="${box.y - 6}" fill="${palette.mutedForeground}">${escapeXml(subtitle)}</text>`);
    parts.push(`<rect class="chart-plot" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="${palette.categoryBorder}" stroke-width="1"/>`);
    const start = panel.series[0]?.values[0];
    if (panel.direction && start !== undefined) {
        // The side of the start level the KPI should move to, tinted in the "desired" colour.
        const edge = clampY(start);
        const [top, bottom] = panel.direction === 'increase' ? [box.y, edge] : [edge, box.y + box.height];
        parts.push(`<rect class="chart-desired" x="${box.x}" y="${top}" width="${box.width}" height="${Math.max(0, bottom - top)}" fill="${palette.verdict.desired}" fill-opacity="0.08"/>`);
    }
    for (const [bound, beyond] of [[1, box.yMax], [0, box.yMin]] as const) {
        if ((bound === 1 && box.yMax > 1) || (bound === 0 && box.yMin < 0)) {
            const [a, b] = [clampY(bound), clampY(beyond)].sort((p, q) => p - q);
            parts.push(`<rect class="chart-outside" x="${box.x}" y="${a}" width="${box.width}" height="${b - a}" fill="${palette.mutedForeground}" fill-opacity="0.12"/>`);
            parts.push(`<line x1="${box.x}" y1="${yOf(bound)}" x2="${box.x + box.width}" y2="${yOf(bound)}" stroke="${palette.mutedForeground}" stroke-dasharray="2 3"/>`);
            parts.push(`<text class="chart-outside-label" x="${box.x + box.width - 4}" y="${bound === 1 ? yOf(bound) - 4 : yOf(bound) + 12}" text-anchor="end" fill="${palette.mutedForeground}">${bound === 1 ? 'above 1' : 'below 0'}</text>`);
        }
    }
    for (const tick of box.yTicks) {
        parts.push(`<line x1="${box.x - 4}" y1="${yOf(tick)}" x2="${box.x + box.width}" y2="${yOf(tick)}" stroke="${palette.categoryBorder}" stroke-opacity="0.5"/>`);
        parts.push(`<text x="${box.x - 7}" y="${yOf(tick) + 4}" text-anchor="end" fill="${palette.mutedForeground}">${formatTick(tick)}</text>`);
    }
    for (const tick of layout.xTicks) {
        parts.push(`<line x1="${xOf(tick)}" y1="${box.y + box.height}" x2="${xOf(tick)}" y2="${box.y + box.height + 4}" stroke="${palette.mutedForeground}"/>`);
        parts.push(`<text x="${xOf(tick)}" y="${box.y + box.height + 16}" text-anchor="middle" fill="${palette.mutedForeground}">${formatTick(tick)}</text>`);
    }
    parts.push(`<text x="${box.x + box.width}" y="${box.y + box.height + 28}" text-anchor="end" fill="${palette.mutedForeground}">time</text>`);
    panel.series.forEach((series, index) => {
        if (series.band) {
            const upper = series.band.high.map((value, i) => `${xOf(data.times[i])},${clampY(value)}`);
            const lower = series.band.low.map((value, i) => `${xOf(data.times[i])},${clampY(value)}`).reverse();
            parts.push(`<path class="chart-band" data-run="${escapeXml(series.run)}" d="M${[...upper, ...lower].join('L')}Z" fill="${colors[index]}" fill-opacity="0.18" stroke="none"/>`);
        }
    });
    panel.series.forEach((series, index) => {
        if (series.values.length === 0) {
            return;
        }
        const baseline = data.runs[index].baseline;
        const points = series.values.map((value, i) => `${round(xOf(data.times[i]))},${round(clampY(value))}`).join('L');
        parts.push(`<path class="chart-series${baseline ? ' chart-baseline' : ''}" data-run="${escapeXml(series.run)}" data-factor="${escapeXml(panel.factor)}" d="M${points}" fill="none" stroke="${colors[index]}" stroke-width="${baseline ? 1.5 : 2}"${baseline ? ' stroke-dasharray="5 3"' : ''} stroke-linejoin="round"/>`);
    });
    return `<g class="chart-panel" data-factor="${escapeXml(panel.factor)}">${parts.join('')}</g>`;
}

function legendLabel(run: ChartData['runs'][number]): string {
    return run.divergedAt !== undefined ? `${run.label} (runs away at t = ${formatTick(run.divergedAt)})` : run.label;
}

function panelValues(panel: ChartPanel): number[] {
    return panel.series.flatMap(series => [...series.values, ...series.band?.low ?? [], ...series.band?.high ?? []]).filter(Number.isFinite);
}

/** A range around the values with round ticks; a flat curve gets a small range around its level. */
function niceRange(values: readonly number[], padFlat = true): { min: number; max: number; ticks: number[] } {
    let low = values.length > 0 ? Math.min(...values) : 0;
    let high = values.length > 0 ? Math.max(...values) : 1;
    if (padFlat && high - low < 0.05) {
        const middle = (low + high) / 2;
        low = middle - 0.05;
        high = middle + 0.05;
    }
    const step = niceStep((high - low) / 4);
    const min = Math.floor(low / step + 1e-9) * step;
    const max = Math.ceil(high / step - 1e-9) * step;
    const ticks: number[] = [];
    for (let tick = min; tick <= max + step / 2; tick += step) {
        ticks.push(Number(tick.toPrecision(12)));
    }
    return { min, max: max > min ? max : min + step, ticks };
}

function niceStep(rough: number): number {
    const power = 10 ** Math.floor(Math.log10(rough || 1));
    const fraction = rough / power;
    return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
}

function formatTick(value: number): string {
    return String(Number(value.toPrecision(6))).replace('-', '\u2212');
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}

/** The text, shortened with an ellipsis to fit the width. */
function fit(text: string, width: number, size: number, weight: 'normal' | 'bold' = 'normal'): string {
    if (textWidth(text, size, weight) <= width) {
        return text;
    }
    let shortened = text;
    while (shortened.length > 1 && textWidth(`${shortened}\u2026`, size, weight) > width) {
        shortened = shortened.slice(0, -1);
    }
    return `${shortened}\u2026`;
}

/** How to read the panels: what the numbers are, and the bands when there are any. */
function readingOf(data: ChartData): string {
    const banded = data.panels.some(panel => panel.series.some(series => series.band));
    return 'Each factor\'s level on MARVEL\'s 0\u20131 scale over time in the model\'s time unit; tinted: where a KPI should go'
        + (banded ? '; bands: 5\u201395 % of the robustness samples' : '');
}
