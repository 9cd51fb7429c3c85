import { defaultSimulationSettings } from '../../language/analysis/dynamics/simulate.js';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { DiagramScene } from '../../language/diagram/diagram-scene.js';
import type { FactorBox } from '../../language/exchange/diagram-positions.js';
import { boxesOfScene, maxLaidOutFactors } from '../../language/exchange/diagram-positions.js';
import type { ExportFormat } from '../../language/exchange/formats.js';
import { carriesDynamics, exportFormats, exportModel, formatOfFileName } from '../../language/exchange/formats.js';
import { integerOption, optionValue, parseArguments, positiveNumberOption } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { UsageError } from './input-files.js';
import { writeWholeFile } from './output-file.js';
import { requireScenario } from './simulation-options.js';
import { loadAnalysedModel, singleModelFile, warnAboutErrors } from './trace-command.js';
import { loadDrawing } from './drawing-loader.js';
import { counted } from '../../language/text/counted.js';

export const exportUsage = `marvel export FILE --to ${exportFormats.join('|')} [-o OUT] [--scenario ID]… [--horizon T] [--step DT] [--delay-order N]`;

/** Writes the model in another tool's format: to OUT, or to stdout. */
export async function runExport(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, {
        'to': { value: true, choices: exportFormats },
        'output': { value: true },
        'scenario': { value: true, repeatable: true },
        'horizon': { value: true },
        'step': { value: true },
        'delay-order': { value: true }
    }, { '-o': 'output' });
    const file = singleModelFile(parsed, exportUsage);
    const output = optionValue(parsed, 'output');
    const format = (optionValue(parsed, 'to') ?? (output !== undefined ? formatOfFileName(output) : undefined)) as ExportFormat | undefined;
    if (format === undefined && output !== undefined && /\.(svg|png)$/i.test(output)) {
        throw new UsageError(`'${output}' is a picture, which marvel render draws: marvel render ${file} -o ${output}`);
    }
    if (format === undefined) {
        throw new UsageError(`say which format with --to ${exportFormats.join('|')} (usage: ${exportUsage})`);
    }
    const scenarios = parsed.options.get('scenario') ?? [];
    const dynamicsOptions = ['scenario', 'horizon', 'step', 'delay-order'].filter(name => parsed.options.has(name));
    if (!carriesDynamics(format) && dynamicsOptions.length > 0) {
        throw new UsageError(`--${dynamicsOptions[0]} is for the formats that carry the dynamics (xmile, mdl), not ${format}`);
    }
    const horizon = positiveNumberOption(parsed, 'horizon', defaultSimulationSettings.horizon, 1e6);
    const step = positiveNumberOption(parsed, 'step', defaultSimulationSettings.step, horizon);
    const delayOrder = integerOption(parsed, 'delay-order', defaultSimulationSettings.delayOrder, 1, 10);
    const model = await loadAnalysedModel(file, context.cwd);
    scenarios.forEach(id => requireScenario(model.graph, id));
    const boxes = carriesDynamics(format) ? await diagramBoxes(model.graph) : undefined;
    const text = exportModel(model.graph, format, { scenarios, horizon, step, delayOrder, boxes });
    warnAboutErrors(model, context);
    const exitCode = model.errorCount > 0 ? 1 : 0;
    if (output === undefined) {
        return { output: text, exitCode };
    }
    await writeWholeFile(output, text, context.cwd);
    return { output: `${output}: ${format}, ${counted(model.graph.factors.length, 'factor')}, ${counted(model.graph.relations.length, 'relation')}\n`, exitCode };
}

/** The factors' places in the preview's diagram, or none (a grid) for a model too large to lay out quickly. */
async function diagramBoxes(graph: ModelGraph): Promise<Map<string, FactorBox> | undefined> {
    return graph.factors.length > maxLaidOutFactors ? undefined : boxesOfScene(await drawnScene(graph));
}

/** The preview's layout of the whole model, loaded on demand like every drawing command's (see drawing-loader.ts). */
async function drawnScene(graph: ModelGraph): Promise<DiagramScene> {
    const { ELK, layoutDiagram } = await loadDrawing();
    return layoutDiagram(graph, new ELK());
}
