import type { InterventionMatrix, MatrixRow } from '../../language/analysis/dynamics/intervention-matrix.js';
import { element } from '../webview/dom.js';

interface Column {
    readonly title: string;
    readonly tooltip: string;
    readonly value: (row: MatrixRow) => number | string;
    readonly text: (row: MatrixRow) => string;
    readonly className?: (row: MatrixRow) => string;
}

/**
 * The intervention matrix as a sortable table: one row per intervention alone or per pair,
 * per KPI its end value, effect, verdict and (for pairs) synergy, as `marvel compare` reports.
 */
export class MatrixTable {
    private matrix?: InterventionMatrix;
    private sortColumn = 1;
    private descending = false;

    constructor(private readonly container: HTMLElement, private readonly onPick: (row: MatrixRow) => void) {}

    show(matrix: InterventionMatrix): void {
        this.matrix = matrix;
        this.draw();
    }

    private draw(): void {
        const matrix = this.matrix;
        if (!matrix) {
            return;
        }
        const labels = new Map(matrix.units.map(unit => [unit.id, unit.label] as const));
        const columns: Column[] = [
            { title: 'Intervention(s)', tooltip: 'One intervention alone, or a pair', value: row => row.units.map(id => labels.get(id) ?? id).join(' + '), text: row => row.units.map(id => labels.get(id) ?? id).join(' + ') },
            ...matrix.kpis.flatMap((kpi, k): Column[] => {
                const better = kpi.direction === 'decrease' ? -1 : 1;
                return [
                    { title: `${kpi.label}: effect`, tooltip: `End value minus the start (${kpi.direction ? `should ${kpi.direction}` : 'no direction'}); sorted best first`, value: row => -better * row.cells[k].effect, text: row => signed(row.cells[k].effect), className: row => `verdict-${row.cells[k].verdict}` },
                    { title: 'verdict', tooltip: 'The KPI at the horizon against its direction', value: row => row.cells[k].verdict, text: row => row.cells[k].share === undefined ? row.cells[k].verdict : `${row.cells[k].verdict} ${Math.round(row.cells[k].share! * 100)} %`, className: row => `verdict-${row.cells[k].verdict}` },
                    { title: 'synergy', tooltip: 'A pair\'s effect minus the sum of its members\' effects alone', value: row => -better * (row.cells[k].synergy ?? 0), text: row => row.cells[k].synergy === undefined ? '' : signed(row.cells[k].synergy!) }
                ];
            })
        ];
        const rows = [...matrix.singles, ...matrix.pairs].sort((a, b) => {
            const [x, y] = [columns[this.sortColumn].value(a), columns[this.sortColumn].value(b)];
            const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
            return this.descending ? -order : order;
        });
        const table = element('table');
        const head = element('tr');
        columns.forEach((column, index) => {
            const th = element('th', undefined, column.title + (index === this.sortColumn ? (this.descending ? ' ▴' : ' ▾') : ''));
            th.title = column.tooltip;
            th.setAttribute('aria-sort', index === this.sortColumn ? (this.descending ? 'descending' : 'ascending') : 'none');
            th.addEventListener('click', () => {
                this.descending = index === this.sortColumn ? !this.descending : false;
                this.sortColumn = index;
                this.draw();
            });
            head.append(th);
        });
        const body = element('tbody');
        for (const row of rows) {
            const tr = element('tr');
            tr.dataset.units = row.units.join('+');
            tr.title = 'Show these curves';
            for (const column of columns) {
                tr.append(element('td', column.className?.(row), column.text(row)));
            }
            tr.addEventListener('click', () => this.onPick(row));
            body.append(tr);
        }
        const thead = element('thead');
        thead.append(head);
        table.append(thead, body);
        this.container.replaceChildren(table);
    }
}

function signed(value: number): string {
    const rounded = Number(value.toPrecision(4));
    return rounded > 0 ? `+${rounded}` : rounded < 0 ? `\u2212${-rounded}` : '0';
}
