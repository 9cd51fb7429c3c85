import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Browser, Page } from 'playwright-core';
import { CachingElkLayouter } from '../language/diagram/layout-cache.js';
import { LocalPlacer, previewMemory } from '../language/diagram/placement.js';
import type { DiagramResponse } from '../language/protocol/diagram-protocol.js';
import { previewModel } from '../test/support/preview-diagrams.js';
import { render, showFullView, waitForNodes } from '../test/support/preview-page.js';
import { chromiumPath, launchChromium, openPreview } from '../test/support/webview-harness.js';
import { generateModel } from './generate-model.js';
import { median } from './measure.js';
import { ms } from './report.js';

/**
 * What an edit that changes the picture of a 1,000-factor model costs the preview's thread:
 * the time from the host's `render` message to the next frame, in headless Chromium, as the
 * preview redraws now (only the elements whose markup changed are mounted, diagram-mount.ts)
 * against mounting the whole SVG text afresh, as it did before, measured in the same run on
 * the same scenes. Three edits, each from the same first picture: one factor's label a word
 * longer, and a line longer (its box grows, and its category is laid out anew), and one
 * relation added inside a category. The scenes are laid out as the language server's layout
 * worker does it, ELK with its memories, so an edit moves what it would in the editor.
 * In code-server the preview shares the editor's thread: this is how long typing waits.
 *
 * "Before" takes the picture out of the page just before the message, so the preview mounts
 * the new text in full. Style, layout and paint come from a Chromium trace of extra rounds.
 *
 *   node out/bench.cjs --redraw
 */
const factorCount = 1000;
const repeats = 5;
const targetMs = 300;

type Zoom = 'fit' | 'full';

interface RedrawRun {
    readonly ms: number;
    readonly factorsMounted: number;
    readonly relationsMounted: number;
}

interface RedrawFigures {
    readonly zoom: Zoom;
    readonly level: string;
    readonly edit: string;
    readonly now: number;
    readonly before: number;
    readonly factorsMounted: number;
    readonly relationsMounted: number;
    /** Per render: [style and layout, paint], now and before. */
    readonly phases: { readonly now: readonly [number, number]; readonly before: readonly [number, number] };
}

export async function runRedrawBench(projectRoot: string, log: (line: string) => void = console.log): Promise<void> {
    if (!existsSync(chromiumPath)) {
        log(`redraw benchmark skipped: ${chromiumPath} is missing (apt-get install -y chromium)`);
        return;
    }
    if (!existsSync(path.join(projectRoot, 'out', 'webview.js'))) {
        log('redraw benchmark skipped: out/webview.js is missing (npm run build)');
        return;
    }
    const browser = await launchChromium();
    try {
        const preview = await openPreview(browser, projectRoot, { width: 1280, height: 860 });
        const ready = (await preview.posted()).find(message => message.type === 'ready');
        const aspectRatio = ready?.type === 'ready' ? ready.aspectRatio : undefined;
        const { base, edits } = await editedScenes(aspectRatio);
        const scene = base.scene!;
        const page = preview.page;
        await page.evaluate(renders => { (window as unknown as { __renders: unknown }).__renders = renders; }, [render(base), ...edits.map(e => render(e.diagram))]);
        await preview.send(render(base));
        await waitForNodes(page, scene.nodes.length);
        const results: RedrawFigures[] = [];
        let version = 1;
        for (const zoom of ['fit', 'full'] as const) {
            if (zoom === 'full') {
                await showFullView(page);
            }
            const level = await page.evaluate(() => document.getElementById('viewport')!.dataset.detail ?? '');
            for (const [e, edit] of edits.entries()) {
                // The edit's render, then back to the first picture (not measured), so that every run starts from it.
                const round = async <T>(measure: () => Promise<T>): Promise<T> => {
                    const measured = await measure();
                    await page.evaluate(timeRender, { index: 0, version: ++version, remountAll: false });
                    return measured;
                };
                const edited = (remountAll: boolean) => (): Promise<RedrawRun> => page.evaluate(timeRender, { index: e + 1, version: ++version, remountAll });
                const now: RedrawRun[] = [];
                const before: RedrawRun[] = [];
                // Alternated: the machine is shared, and a slow moment should not fall on one side only.
                for (let r = 0; r < repeats; r++) {
                    now.push(await round(edited(false)));
                    before.push(await round(edited(true)));
                }
                const tracedRounds = async (remountAll: boolean): Promise<[number, number]> => {
                    const traced: Array<[number, number]> = [];
                    for (let r = 0; r < 3; r++) {
                        traced.push(await round(() => tracedPhases(browser, page, edited(remountAll))));
                    }
                    return [median(traced.map(t => t[0])), median(traced.map(t => t[1]))];
                };
                const phases = { now: await tracedRounds(false), before: await tracedRounds(true) };
                results.push({
                    zoom, level, edit: edit.description, phases,
                    now: median(now.map(run => run.ms)),
                    before: median(before.map(run => run.ms)),
                    factorsMounted: now[0].factorsMounted,
                    relationsMounted: now[0].relationsMounted
                });
            }
        }
        log(`MARVEL preview redraw benchmark — ${scene.nodes.length} factors, ${scene.edges.length} relations; headless Chromium, 1280 × 860; load average ${loadavg().map(l => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
        log(`time from the host's render message to the next frame, median of ${repeats} (target < ${targetMs} ms); style + layout and paint of the preview's thread per render`);
        log('| zoom (level of detail) | edit | elements mounted anew | now | style + layout, paint | before (all mounted) | style + layout, paint | gain |');
        log('|---|---|---|---|---|---|---|---|');
        for (const r of results) {
            const verdict = r.now < targetMs ? 'within target' : 'over target';
            const phases = ([layout, paint]: readonly [number, number]): string => `${ms(layout)}, ${ms(paint)}`;
            log(`| ${r.zoom} (${r.level}) | ${r.edit} | ${r.factorsMounted} of ${scene.nodes.length} factors, ${r.relationsMounted} relations | ${ms(r.now)} (${verdict}) | ${phases(r.phases.now)} | ${ms(r.before)} | ${phases(r.phases.before)} | ${(r.before / Math.max(r.now, 0.01)).toFixed(1)}× |`);
        }
    } finally {
        await browser.close();
    }
}

interface SceneEdit {
    readonly description: string;
    readonly diagram: DiagramResponse;
}

/** The generated model's diagram, and the diagrams after each edit, laid out one after the other by one placer with its memories. */
async function editedScenes(aspectRatio: number | undefined): Promise<{ base: DiagramResponse; edits: SceneEdit[] }> {
    const generated = generateModel(factorCount);
    const files = Object.fromEntries(generated.files.map(f => [f.path, f.text]));
    const main = generated.files[0].path;
    const placer = new LocalPlacer(new CachingElkLayouter(new ELK()), previewMemory());
    const diagramOf = async (changed: Record<string, string>): Promise<DiagramResponse> =>
        (await previewModel({ ...files, ...changed }, main, placer)).diagram(1, {}, { aspectRatio });
    const model = await previewModel(files, main, placer);
    const base = await model.diagram(1, {}, { aspectRatio });
    const text = files[generated.editPath];
    const declaration = /^(\s*)factor (\w+) "([^"]+)"/m.exec(text);
    if (!declaration) {
        throw new Error(`${generated.editPath} declares no factor with a label`);
    }
    const [line, indent, name, label] = declaration;
    const relabelled = (longer: string): string => text.replace(line, `${indent}factor ${name} "${longer}"`);
    // Two factors of the edited factor's category, declared in the same file, not related yet.
    const category = model.graph.factors.find(f => f.id === name)?.category;
    const related = new Set(model.graph.relations.map(r => `${r.source} ${r.target}`));
    const members = model.graph.factors.filter(f => f.category === category && f.id !== name && new RegExp(`\\bfactor ${f.id}\\b`).test(text));
    const pair = members.flatMap(source => members.map(target => [source.id, target.id] as const))
        .find(([source, target]) => source !== target && !related.has(`${source} ${target}`));
    if (!pair) {
        throw new Error(`no two factors of ${category} are free to relate`);
    }
    return {
        base,
        edits: [
            // As typing leaves it at a pause: the box grows a little, or by a line, which lays out its category anew.
            { description: `label of ${name} a word longer`, diagram: await diagramOf({ [generated.editPath]: relabelled(`${label} herzien`) }) },
            { description: `label of ${name} a line longer`, diagram: await diagramOf({ [generated.editPath]: relabelled(`${label} en de rest van een veel langere omschrijving`) }) },
            { description: `relation ${pair[0]} -> ${pair[1]} added in ${category}`, diagram: await diagramOf({ [generated.editPath]: `${text}\n${pair[0]} -> +${pair[1]}\n` }) }
        ]
    };
}

interface RenderStore {
    __renders: Array<{ diagram: { version: number } }>;
}

/**
 * Runs in the page: posts a stored render message (as a newer version) as the host would and
 * resolves after the next frame, with the time taken and how many factor and relation elements
 * are new in the page. `remountAll` takes the picture out first, so the whole text is mounted.
 */
async function timeRender({ index, version, remountAll }: { index: number; version: number; remountAll: boolean }): Promise<RedrawRun> {
    const message = (window as unknown as RenderStore).__renders[index];
    message.diagram.version = version;
    const shown = new Set(document.querySelectorAll('#stage g.marvel-node, #stage g.marvel-edge'));
    if (remountAll) {
        document.querySelector('#stage svg')?.remove();
    }
    // Heard after the preview's own listener: the frame asked for here is the one that shows the render.
    const framed = new Promise<void>(resolve => window.addEventListener('message', () => requestAnimationFrame(() => setTimeout(resolve, 0)), { once: true }));
    const start = performance.now();
    window.postMessage(message, '*');
    await framed;
    const elapsed = performance.now() - start;
    const isNew = (element: Element): boolean => !shown.has(element);
    return {
        ms: elapsed,
        factorsMounted: [...document.querySelectorAll('#stage g.marvel-node')].filter(isNew).length,
        relationsMounted: [...document.querySelectorAll('#stage g.marvel-edge')].filter(isNew).length
    };
}

interface TraceEvent {
    readonly name: string;
    readonly ph: string;
    readonly pid: number;
    readonly tid: number;
    readonly dur?: number;
    readonly args?: { readonly name?: string };
}

/** Style and layout, and paint, of the page's main thread during `action`, from a Chromium trace. */
async function tracedPhases(browser: Browser, page: Page, action: () => Promise<unknown>): Promise<[number, number]> {
    await browser.startTracing(page, { categories: ['devtools.timeline'] });
    await action();
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const main = traceEvents.find(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const total = (...names: string[]): number => traceEvents
        .filter(e => e.ph === 'X' && names.includes(e.name) && e.pid === main?.pid && e.tid === main?.tid)
        .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    return [total('UpdateLayoutTree', 'Layout'), total('Paint')];
}
