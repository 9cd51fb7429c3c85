import { EmptyFileSystem } from 'langium';
import { exportFormats, exportModel, importModel } from '../language/exchange/formats.js';
import type { ExportFormat, ImportFormat } from '../language/exchange/formats.js';
import { importedMarvelText } from '../language/exchange/import-text.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import { generatedCase } from './cases.js';
import type { Timing } from './measure.js';
import { median, timeAsync } from './measure.js';
import type { Target } from './report.js';
import { targetTable } from './report.js';

/**
 * `npm run bench -- --exchange` (and the end of the full run): a generated model of 5,000
 * factors exported to every format, and imported back from Kumu JSON, CSV and GraphML (read,
 * made a model and written as `marvel import` does). Target: each under 2 s.
 * The XMILE and Vensim diagrams of so large a model are a grid, as the command line makes them.
 */
const factorCount = 5000;
const limitMs = 2000;
const repetitions = 3;
const roundTripFormats: readonly ImportFormat[] = ['kumu', 'csv', 'graphml'];

export async function runExchangeBench(): Promise<void> {
    const input = generatedCase(factorCount);
    const services = createServices(EmptyFileSystem);
    const { workspace } = await buildWorkspace(services, input.files);
    const graph = services.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
    console.log(`Export and import (${graph.factors.length} factors, ${graph.relations.length} relations; median of ${repetitions})`);
    const targets: Target[] = [];
    const exported = new Map<ExportFormat, string>();
    for (const format of exportFormats) {
        const timing = await medianTiming(() => exported.set(format, exportModel(graph, format)));
        targets.push({ what: `export to ${format} (${megabytes(exported.get(format)!)})`, limitMs, measured: timing });
    }
    for (const format of roundTripFormats) {
        const factors = importModel(exported.get(format)!, format).model.factors.length;
        const timing = await medianTiming(() => importedMarvelText(exported.get(format)!, format));
        targets.push({ what: `import from ${format} (${factors} factors back)`, limitMs, measured: timing });
    }
    console.log(targetTable(targets));
}

async function medianTiming(run: () => unknown): Promise<Timing> {
    const timings: Timing[] = [];
    for (let i = 0; i < repetitions; i++) {
        timings.push(await timeAsync(async () => {
            run();
        }));
    }
    return { wallMs: median(timings.map(t => t.wallMs)), cpuMs: median(timings.map(t => t.cpuMs)) };
}

function megabytes(text: string): string {
    return `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`;
}
