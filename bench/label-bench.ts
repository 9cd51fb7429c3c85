import ELK from 'elkjs/lib/elk.bundled.js';
import { EmptyFileSystem, URI } from 'langium';
import { layoutDiagram } from '../language/diagram/diagram-layout.js';
import { palettes } from '../language/diagram/diagram-style.js';
import { renderSvg } from '../language/diagram/svg-renderer.js';
import { buildWorkspace, createServices } from './bench-workspace.js';
import { median, timeAsync } from './measure.js';

/** Label lengths measured: those of issue 9 (14 s, 104 s and > 300 s before wrapping became linear) and one far beyond. */
const labelLengths = [5_000, 10_000, 20_000, 200_000];
const targetMs = 100;

/**
 * `node out/bench.cjs --labels`: the time to lay out and draw a model whose three factors have
 * labels of N characters without a space (the diagram request's work in the language server
 * and `marvel render`'s), next to the target of < 100 ms for any label.
 */
export async function runLabelBench(): Promise<void> {
    console.log(`Labels without a space: layout + SVG of three factors, median of 5 runs (target < ${targetMs} ms for any label)`);
    const services = createServices(EmptyFileSystem);
    for (const length of labelLengths) {
        const label = 'Mensenhandel'.repeat(Math.ceil(length / 12)).slice(0, length);
        const text = `intervention a "${label}"\nkpi k "${label}" decrease\nfactor b "${label}"\na -> +b\nb -> -k\n`;
        const { workspace } = await buildWorkspace(services, [{ uri: URI.parse(`file:///labels/l${length}.marvel`), text }]);
        const graph = workspace.marvel.workspace.ModelProvider.getModel(workspace.documents[0]).graph;
        const elk = new ELK();
        const samples: number[] = [];
        for (let run = 0; run < 6; run++) {
            const timing = await timeAsync(async () => {
                renderSvg(await layoutDiagram(graph, elk), { palette: palettes.light, legend: true, background: true });
            });
            // The first run warms up ELK and the JIT.
            if (run > 0) {
                samples.push(timing.wallMs);
            }
        }
        const figure = median(samples);
        console.log(`  label of ${length.toLocaleString('en')} characters: ${figure.toFixed(1)} ms (target < ${targetMs} ms) ${figure < targetMs ? 'ok' : 'SLOWER'}`);
        workspace.shared.workspace.LangiumDocuments.deleteDocument(workspace.documents[0].uri);
    }
}
