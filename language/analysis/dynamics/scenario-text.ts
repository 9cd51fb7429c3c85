import type { ModelGraph } from '../model-graph.js';
import type { InterventionSetting } from './simulate.js';

/**
 * A `scenario` block for settings made in the Simulation view, in the formatter's canonical
 * layout, under a name no declaration of the model uses yet.
 */
export function scenarioBlock(graph: ModelGraph, settings: readonly InterventionSetting[], label: string): { readonly id: string; readonly text: string } {
    const taken = new Set([...graph.factors.map(f => f.id), ...graph.categories.map(c => c.id), ...graph.scenarios.map(s => s.id)]);
    let id = 'whatIf';
    for (let n = 2; taken.has(id); n++) {
        id = `whatIf${n}`;
    }
    const lines = settings.map(setting => `    set ${setting.factor} to ${decimal(setting.target)} over ${decimal(setting.over)}\n`);
    return { id, text: `scenario ${id} "${label.replace(/["\\]/g, '')}" {\n${lines.join('')}}\n` };
}

/** The text to append to a file's text so that the block stands after one blank line. */
export function appendedBlock(fileText: string, block: string): string {
    const ending = fileText.length === 0 ? '' : fileText.endsWith('\n\n') ? '' : fileText.endsWith('\n') ? '\n' : '\n\n';
    return ending + block;
}

/** A level or time as the grammar's decimal (the sliders give no negative values): no exponent, at most four decimals. */
function decimal(value: number): string {
    return String(Math.round(value * 10_000) / 10_000);
}
