import type { ThemeKind } from '../../language/diagram/diagram-style.js';
import { palettes } from '../../language/diagram/diagram-style.js';
import type { DiagramView } from '../../language/diagram/diagram-view.js';
import { overviewFontSize, scaleToFit } from '../../language/diagram/overview-svg.js';
import { renderSvg } from '../../language/diagram/svg-renderer.js';
import type { TraceLighting } from '../../language/diagram/trace-lighting.js';
import { lightingOf } from '../../language/diagram/trace-lighting.js';
import { traceFactor } from '../../language/analysis/tracing/index.js';
import { toTraceView } from '../../language/analysis/tracing/trace-view.js';
import { closestNames } from '../../language/text/closest-names.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { ParsedArguments } from './arguments.js';
import { hasFlag, optionValue, parseArguments } from './arguments.js';
import { readBothSides } from './diff-command.js';
import { diffModels } from '../../language/analysis/diff/model-diff.js';
import { diffSummary } from '../../language/analysis/diff/diff-summary.js';
import type { DiffScope } from '../../language/analysis/diff/diff-union.js';
import { diffUnion } from '../../language/analysis/diff/diff-union.js';
import type { CliContext, CommandResult } from './command.js';
import { readInputFiles, UsageError } from './input-files.js';
import { diskSource, loadWorkspace } from './model-workspace.js';
import { pictureFormat, writePicture } from './output-file.js';
import { analysedModelOf, requireFactor, warnAboutErrors } from './trace-command.js';
import { loadDrawing } from './drawing-loader.js';
import { counted } from '../../language/text/counted.js';

export const renderUsage = 'marvel render FILE -o OUT.svg|OUT.png [--category ID] [--focus ID] [--into ID] [--trace ID [--to ID] [--alone]] [--overview] [--diff OLD [--scope changed|neighbourhood|all]] [--theme light|dark|high-contrast]';

/** An overview file is read whole on a screen: its text is sized to read at this size. */
const overviewReadingWindow = { width: 1600, height: 1000 };

export async function runRender(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        output: { value: true },
        category: { value: true },
        focus: { value: true },
        into: { value: true },
        trace: { value: true },
        to: { value: true },
        diff: { value: true },
        scope: { value: true, choices: ['changed', 'neighbourhood', 'all'] },
        overview: { value: false },
        alone: { value: false },
        theme: { value: true, choices: ['light', 'dark', 'high-contrast'] }
    }, { '-o': 'output' });
    if (parsed.positional.length !== 1) {
        throw new UsageError(`give exactly one model file (usage: ${renderUsage})`);
    }
    const output = optionValue(parsed, 'output');
    if (!output) {
        throw new UsageError(`missing -o OUT.svg or -o OUT.png (usage: ${renderUsage})`);
    }
    pictureFormat(output);
    const theme = (optionValue(parsed, 'theme') ?? 'light') as ThemeKind;
    const drawn = optionValue(parsed, 'diff') !== undefined
        ? await renderDiff(parsed, parsed.positional[0], theme, context)
        : await renderModel(parsed, theme, context);
    await writePicture(output, drawn.svg, context.cwd, drawn.pngScale);
    return { output: `${output}: ${drawn.summary}\n`, exitCode: drawn.exitCode };
}

interface Drawn {
    readonly svg: string;
    /** Pixels a unit of the picture in a PNG; twice its size unless given. */
    readonly pngScale?: number;
    readonly summary: string;
    readonly exitCode: number;
}

async function renderModel(parsed: ParsedArguments, theme: ThemeKind, context: CliContext): Promise<Drawn> {
    if (optionValue(parsed, 'scope') !== undefined) {
        throw new UsageError(`--scope needs --diff: the old model to compare with (usage: ${renderUsage})`);
    }
    const model = analysedModelOf(await loadWorkspace(await readInputFiles(parsed.positional, context.cwd), diskSource(context.cwd)), parsed.positional[0]);
    const graph = model.graph;
    const chosen: DiagramView = {
        category: knownCategory(graph, optionValue(parsed, 'category')),
        focus: optionValue(parsed, 'focus') !== undefined ? { factor: knownFactor(graph, optionValue(parsed, 'focus')!), up: 2, down: 2 } : undefined,
        into: optionValue(parsed, 'into') !== undefined ? knownFactor(graph, optionValue(parsed, 'into')!) : undefined
    };
    const lighting = traceLighting(graph, optionValue(parsed, 'trace'), optionValue(parsed, 'to'));
    if (hasFlag(parsed, 'alone') && !lighting) {
        throw new UsageError(`--alone draws a trace's paths on their own: give --trace ID (usage: ${renderUsage})`);
    }
    const view: DiagramView = hasFlag(parsed, 'alone') && lighting ? { ...chosen, factors: [...lighting.nodes], flow: true } : chosen;
    const overview = hasFlag(parsed, 'overview');
    if (overview && (view.category !== undefined || view.focus || view.into !== undefined || lighting)) {
        throw new UsageError(`--overview draws the whole model: leave out --category, --focus, --into and --trace (usage: ${renderUsage})`);
    }
    const { ELK, layoutModelDiagram } = await loadDrawing();
    const scene = await layoutModelDiagram(graph, view, new ELK());
    if (overview && !scene.overview) {
        throw new UsageError('--overview needs a model with categories: this one has none');
    }
    const fit = scaleToFit(scene, overviewReadingWindow);
    const svg = renderSvg(scene, {
        palette: palettes[theme], legend: true, background: true, lighting,
        overview: overview ? { mode: 'only', fontSize: overviewFontSize(fit) } : undefined
    });
    const summary = overview && scene.overview
        ? `${scene.overview.groups.length} categories, ${scene.overview.arrows.length} arrows for ${scene.overview.arrows.reduce((sum, a) => sum + a.relations.length, 0)} relations between them`
        : `${counted(scene.nodes.length, 'factor')}, ${counted(scene.edges.length, 'relation')}`;
    // As every command: the picture is drawn from what resolved, with a warning and exit 1 when the model has errors.
    warnAboutErrors(model, context);
    // The overview's text reads when the picture fills the reading window: a PNG at twice that size, not twice the full layout's.
    return { svg, summary, exitCode: model.errorCount > 0 ? 1 : 0, pngScale: overview ? 2 * Math.min(1, fit) : undefined };
}

/** `--diff OLD`: one picture of both models with the change coloured (see language/diagram/diff-picture.ts). */
async function renderDiff(parsed: ParsedArguments, newGiven: string, theme: ThemeKind, context: CliContext): Promise<Drawn> {
    const other = ['category', 'focus', 'into', 'trace', 'to', 'alone', 'overview'].find(option => optionValue(parsed, option) !== undefined);
    if (other !== undefined) {
        throw new UsageError(`--${other} and --diff do not go together: --diff shows the change, chosen by --scope (usage: ${renderUsage})`);
    }
    const { before, after } = await readBothSides(optionValue(parsed, 'diff')!, newGiven, context.cwd);
    warnAboutErrors(before, context);
    warnAboutErrors(after, context);
    const diff = diffModels(before.graph, after.graph);
    const scope = (optionValue(parsed, 'scope') ?? 'neighbourhood') as DiffScope;
    const { ELK, layoutDiffPicture } = await loadDrawing();
    const picture = await layoutDiffPicture(diffUnion(before.graph, after.graph, diff), scope, new ELK(), theme);
    const svg = renderSvg(picture.scene, { palette: palettes[theme], legend: true, background: true, marks: picture.marks });
    return {
        svg,
        summary: `${diffSummary(diff)}; ${counted(picture.scene.nodes.length, 'factor')}, ${counted(picture.scene.edges.length, 'relation')} drawn`,
        exitCode: after.errorCount > 0 ? 1 : 0
    };
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
