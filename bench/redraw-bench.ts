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
 * the new text in full, as it did at every change before it compared parts; with today's
 * parsing (a template, adopted), which made that full mount faster too (the README gives the
 * figures of the XML parse and copy before it). Every run is traced (Chromium's devtools timeline): the figure is the
 * time the page's main thread works, which in code-server is the editor's; the time to the
 * frame is longer where the compositor is still busy with the last picture's pixels (on its
 * own threads).
 *
 *   node out/bench.cjs --redraw
 */
const factorCount = 1000;
const repeats = 5;
const targetMs = 300;

type Zoom = 'fit' | 'full';

interface RedrawRun {
    /** From the message to the next frame. */
    readonly wall: number;
    /** The page's main thread at work in that time: its tasks, with style, layout and paint. */
    readonly busy: number;
    readonly styleAndLayout: number;
    readonly paint: number;
    readonly factorsMounted: number;
    readonly relationsMounted: number;
}

interface RedrawFigures {
    readonly zoom: Zoom;
    readonly level: string;
    readonly edit: string;
    /** Medians of the runs, as the preview redraws now and as it mounted everything before. */
    readonly now: RedrawRun;
    readonly before: RedrawRun;
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
                const run = async (remountAll: boolean): Promise<RedrawRun> => {
                    await page.evaluate(rememberShown);
                    const measured = await traced(browser, page, () => page.evaluate(timeRender, { index: e + 1, version: ++version, remountAll }));
                    const mounted = await page.evaluate(countMounted);
                    await page.evaluate(timeRender, { index: 0, version: ++version, remountAll: false });
                    return { ...measured, ...mounted };
                };
                const now: RedrawRun[] = [];
                const before: RedrawRun[] = [];
                // Alternated: the machine is shared, and a slow moment should not fall on one side only.
                for (let r = 0; r < repeats; r++) {
                    now.push(await run(false));
                    before.push(await run(true));
                }
                results.push({ zoom, level, edit: edit.description, now: medianRun(now), before: medianRun(before) });
            }
        }
        log(`MARVEL preview redraw benchmark — ${scene.nodes.length} factors, ${scene.edges.length} relations; headless Chromium, 1280 × 860; load average ${loadavg().map(l => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
        log(`the preview's main thread at work for one render message, until the next frame (target < ${targetMs} ms), medians of ${repeats}; in brackets the time to that frame, which also waits for the compositor`);
        log('| zoom (level of detail) | edit | elements mounted anew | now | of which style + layout, paint | before (all mounted) | of which style + layout, paint | gain |');
        log('|---|---|---|---|---|---|---|---|');
        for (const { zoom, level, edit, now, before } of results) {
            const verdict = now.busy < targetMs ? 'within target' : 'over target';
            const phases = (r: RedrawRun): string => `${ms(r.styleAndLayout)}, ${ms(r.paint)}`;
            log(`| ${zoom} (${level}) | ${edit} | ${now.factorsMounted} of ${scene.nodes.length} factors, ${now.relationsMounted} relations | ${ms(now.busy)} (${ms(now.wall)}) ${verdict} | ${phases(now)} | ${ms(before.busy)} (${ms(before.wall)}) | ${phases(before)} | ${(before.busy / Math.max(now.busy, 0.01)).toFixed(1)}× |`);
        }
    } finally {
        await browser.close();
    }
}

function medianRun(runs: readonly RedrawRun[]): RedrawRun {
    const of = (figure: (run: RedrawRun) => number): number => median(runs.map(figure));
    return {
        wall: of(r => r.wall), busy: of(r => r.busy), styleAndLayout: of(r => r.styleAndLayout), paint: of(r => r.paint),
        factorsMounted: runs[0].factorsMounted, relationsMounted: runs[0].relationsMounted
    };
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
    __shown: Set<Element>;
}

/**
 * Runs in the page: posts a stored render message (as a newer version) as the host would and
 * resolves after the next frame, with the time that took. `remountAll` takes the picture out
 * first, so the whole text is mounted.
 */
async function timeRender({ index, version, remountAll }: { index: number; version: number; remountAll: boolean }): Promise<number> {
    const message = (window as unknown as RenderStore).__renders[index];
    message.diagram.version = version;
    if (remountAll) {
        document.querySelector('#stage svg')?.remove();
    }
    // Heard after the preview's own listener: the frame asked for here is the one that shows the render.
    const framed = new Promise<void>(resolve => window.addEventListener('message', () => requestAnimationFrame(() => setTimeout(resolve, 0)), { once: true }));
    const start = performance.now();
    window.postMessage(message, '*');
    await framed;
    return performance.now() - start;
}

/** Runs in the page: remembers the factor and relation elements shown, for {@link countMounted}. */
function rememberShown(): void {
    (window as unknown as RenderStore).__shown = new Set(document.querySelectorAll('#stage g.marvel-node, #stage g.marvel-edge'));
}

/** Runs in the page: how many factor and relation elements are not among those {@link rememberShown} saw. */
function countMounted(): Pick<RedrawRun, 'factorsMounted' | 'relationsMounted'> {
    const shown = (window as unknown as RenderStore).__shown;
    const mounted = (selector: string): number => [...document.querySelectorAll(selector)].filter(element => !shown.has(element)).length;
    return { factorsMounted: mounted('#stage g.marvel-node'), relationsMounted: mounted('#stage g.marvel-edge') };
}

interface TraceEvent {
    readonly name: string;
    readonly ph: string;
    readonly pid: number;
    readonly tid: number;
    readonly ts: number;
    readonly dur?: number;
    readonly args?: { readonly name?: string };
}

/** A render timed in the page (see {@link timeRender}), with what a Chromium trace of it says of the page's main thread. */
async function traced(browser: Browser, page: Page, timed: () => Promise<number>): Promise<Omit<RedrawRun, 'factorsMounted' | 'relationsMounted'>> {
    // The categories of DevTools' Performance panel, whose tasks (RunTask) are the thread's work.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const wall = await timed();
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    const main = traceEvents.find(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const onMain = traceEvents.filter(e => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid).sort((a, b) => a.ts - b.ts);
    const total = (...names: string[]): number => onMain.filter(e => names.includes(e.name)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    // The thread's tasks, each counted once: a task run inside another (a nested loop) is part of it.
    let busy = 0;
    let end = -Infinity;
    for (const task of onMain.filter(e => e.name === 'RunTask')) {
        if (task.ts >= end) {
            busy += (task.dur ?? 0) / 1000;
            end = task.ts + (task.dur ?? 0);
        }
    }
    return { wall, busy, styleAndLayout: total('UpdateLayoutTree', 'Layout'), paint: total('Paint') };
}
