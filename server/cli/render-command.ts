import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ThemeKind } from '../../language/diagram/diagram-style.js';
import { palettes } from '../../language/diagram/diagram-style.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { selectView } from '../../language/diagram/diagram-view.js';
import { renderSvg } from '../../language/diagram/svg-renderer.js';
import type { TraceLighting } from '../../language/diagram/trace-lighting.js';
import { lightingOf } from '../../language/diagram/trace-lighting.js';
import { traceFactor } from '../../language/analysis/tracing/index.js';
import { toTraceView } from '../../language/analysis/tracing/trace-view.js';
import { closestNames } from '../../language/lsp/closest-names.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { optionValue, parseArguments } from './arguments.js';
import type { CommandResult } from './command.js';
import { readInputFiles, UsageError } from './input-files.js';
import { loadWorkspace } from './model-workspace.js';
import { svgToPng } from './png.js';
import { requireFactor } from './trace-command.js';

export const renderUsage = 'marvel render FILE -o OUT.svg|OUT.png [--category ID] [--focus ID] [--into ID] [--trace ID [--to ID]] [--theme light|dark|high-contrast]';

export async function runRender(args: readonly string[]): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        output: { value: true },
        category: { value: true },
        focus: { value: true },
        into: { value: true },
        trace: { value: true },
        to: { value: true },
        theme: { value: true, choices: ['light', 'dark', 'high-contrast'] }
    }, { '-o': 'output' });
    if (parsed.positional.length !== 1) {
        throw new UsageError(`give exactly one model file (usage: ${renderUsage})`);
    }
    const output = optionValue(parsed, 'output');
    if (!output) {
        throw new UsageError(`missing -o OUT.svg or -o OUT.png (usage: ${renderUsage})`);
    }
    const format = path.extname(output).toLowerCase();
    if (format !== '.svg' && format !== '.png') {
        throw new UsageError(`cannot tell the format of '${output}': name it .svg or .png`);
    }
    const workspace = await loadWorkspace(await readInputFiles(parsed.positional));
    const graph = workspace.services.workspace.ModelProvider.getModel(workspace.roots[0]).graph;
    const view: DiagramView = {
        category: knownCategory(graph, optionValue(parsed, 'category')),
        focus: optionValue(parsed, 'focus') !== undefined ? { factor: knownFactor(graph, optionValue(parsed, 'focus')!), up: 2, down: 2 } : undefined,
        into: optionValue(parsed, 'into') !== undefined ? knownFactor(graph, optionValue(parsed, 'into')!) : undefined
    };
    const lighting = traceLighting(graph, optionValue(parsed, 'trace'), optionValue(parsed, 'to'));
    const { ELK, layoutDiagram } = await import('./drawing.js');
    const scene = await layoutDiagram(selectView(graph, view), new ELK());
    const theme = (optionValue(parsed, 'theme') ?? 'light') as ThemeKind;
    const svg = renderSvg(scene, { palette: palettes[theme], legend: true, background: true, lighting });
    try {
        await fs.writeFile(output, format === '.svg' ? svg : await svgToPng(svg));
    } catch (error) {
        throw new UsageError(`cannot write '${output}': ${error instanceof Error ? error.message : String(error)}`);
    }
    return { output: `${output}: ${scene.nodes.length} factors, ${scene.edges.length} relations\n`, exitCode: 0 };
}

/** What `--trace` (and `--to`) light up: the paths from the intervention to the KPIs, as the preview's trace mode shows them. */
function traceLighting(graph: ModelGraph, from: string | undefined, to: string | undefined): TraceLighting | undefined {
    if (from === undefined) {
        if (to !== undefined) {
            throw new UsageError(`--to needs --trace: the factor to trace from (usage: ${renderUsage})`);
        }
        return undefined;
    }
    requireFactor(graph, from, '--trace', 'intervention');
    if (to !== undefined) {
        requireFactor(graph, to, '--to', 'kpi');
    }
    return lightingOf(toTraceView('', graph, traceFactor(graph, from, { to })), { kind: 'all' });
}

function knownFactor(graph: ModelGraph, id: string): string {
    if (graph.factor(id)) {
        return id;
    }
    throw new UsageError(`unknown factor '${id}'${suggestion(id, graph.factors.map(f => f.id))}`);
}

function knownCategory(graph: ModelGraph, id: string | undefined): string | undefined {
    if (id === undefined || graph.category(id)) {
        return id;
    }
    throw new UsageError(`unknown category '${id}'${suggestion(id, graph.categories.map(c => c.id))}`);
}

function suggestion(id: string, candidates: readonly string[]): string {
    const close = closestNames(id, candidates);
    return close.length > 0 ? `; did you mean ${close.map(c => `'${c}'`).join(' or ')}?` : '';
}
