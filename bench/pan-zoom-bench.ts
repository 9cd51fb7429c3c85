import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { GridLayouter } from '../test/support/grid-layouter.js';
import { previewModel } from '../test/support/preview-diagrams.js';
import { render, waitForNodes } from '../test/support/preview-page.js';
import { chromiumPath, launchChromium, openPreview } from '../test/support/webview-harness.js';
import { generateModel } from './generate-model.js';
import { ms } from './report.js';

/**
 * How smoothly the preview zooms a 2,000-factor model (issue "overview", item 6): the time
 * between frames while the view moves, in headless Chromium, as the preview draws now (the
 * level of detail it picks at that zoom, the picture moved as a layer) against how it drew
 * before (everything, drawn again each frame). The layout is a stand-in grid
 * (test/support/grid-layouter.ts): this measures drawing, not layout.
 *
 *   node out/bench.cjs --pan-zoom
 */
const factorCount = 2000;
const frames = 24;
const repeats = 3;
/** One frame at 60 Hz: what "keeps up with the mouse" means. */
const frameTargetMs = 1000 / 60;

interface FrameFigures {
    readonly zoom: string;
    readonly level: string;
    readonly withDetailLevel: number;
    readonly drawingEverything: number;
}

export async function runPanZoomBench(projectRoot: string, log: (line: string) => void = console.log): Promise<void> {
    if (!existsSync(chromiumPath)) {
        log(`pan/zoom benchmark skipped: ${chromiumPath} is missing (apt-get install -y chromium)`);
        return;
    }
    if (!existsSync(path.join(projectRoot, 'out', 'webview.js'))) {
        log('pan/zoom benchmark skipped: out/webview.js is missing (npm run build)');
        return;
    }
    const generated = generateModel(factorCount);
    const model = await previewModel(Object.fromEntries(generated.files.map(f => [f.path, f.text])), generated.files[0].path, new GridLayouter());
    const diagram = await model.diagram(1);
    const scene = diagram.scene!;
    const browser = await launchChromium();
    try {
        const preview = await openPreview(browser, projectRoot, { width: 1280, height: 860 });
        await preview.send(render(diagram));
        await waitForNodes(preview.page, scene.nodes.length);
        const results: FrameFigures[] = [];
        for (const zoom of ['fit', '30%', '60%']) {
            if (zoom === 'fit') {
                await preview.page.click('#zoom-fit');
            } else {
                await preview.page.evaluate(() => document.getElementById('viewport')!.focus());
                while (Number((await preview.page.textContent('#zoom-level'))!.replace('%', '')) < Number(zoom.replace('%', ''))) {
                    await preview.page.keyboard.press('+');
                }
            }
            // Alternated and repeated: the machine is shared, one run alone says little.
            const now: number[] = [];
            const before: number[] = [];
            let level = '';
            for (let round = 0; round < repeats; round++) {
                const current = await preview.page.evaluate(measureFrames, { frames, asBefore: false });
                now.push(current.perFrame);
                level = current.level;
                before.push((await preview.page.evaluate(measureFrames, { frames, asBefore: true })).perFrame);
            }
            results.push({ zoom, level, withDetailLevel: median(now), drawingEverything: median(before) });
        }
        log(`MARVEL pan/zoom benchmark — ${scene.nodes.length} factors, ${scene.edges.length} relations, ${scene.overview?.groups.length ?? 0} categories; headless Chromium, 1280 × 860; load average ${loadavg().map(l => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
        log('time per frame while zooming (target: one frame at 60 Hz, 16.7 ms)');
        log('| zoom | level of detail | now | before (everything, redrawn) | gain |');
        log('|---|---|---|---|---|');
        for (const r of results) {
            const verdict = r.withDetailLevel <= frameTargetMs ? 'within target' : 'over target';
            log(`| ${r.zoom} | ${r.level} | ${ms(r.withDetailLevel)} (${verdict}) | ${ms(r.drawingEverything)} | ${(r.drawingEverything / Math.max(r.withDetailLevel, 0.01)).toFixed(1)}× |`);
        }
    } finally {
        await browser.close();
    }
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs in the page: zooms a little in and out every frame with wheel events over the middle
 * of the viewport, through the preview's own pan and zoom, and returns the mean time between
 * frames: as the preview draws now (its level of detail, the picture moved as a layer), or
 * as it drew before (everything, drawn again every frame).
 */
async function measureFrames({ frames, asBefore }: { frames: number; asBefore: boolean }): Promise<{ level: string; perFrame: number }> {
    const svg = document.querySelector<SVGSVGElement>('#stage svg')!;
    const viewport = document.getElementById('viewport')!;
    const level = viewport.dataset.detail ?? 'full';
    const bounds = viewport.getBoundingClientRect();
    const frame = (): Promise<number> => new Promise(resolve => requestAnimationFrame(resolve));
    const before = document.createElement('style');
    before.textContent = '#stage.moving { will-change: auto; }';
    if (asBefore) {
        document.head.append(before);
        svg.classList.replace(`lod-${level}`, 'lod-full');
    }
    for (let i = 0; i < 4; i++) {
        await frame();
    }
    const start = performance.now();
    for (let i = 0; i < frames; i++) {
        viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 === 0 ? -8 : 8, clientX: bounds.left + bounds.width / 2, clientY: bounds.top + bounds.height / 2, bubbles: true, cancelable: true }));
        await frame();
    }
    const perFrame = (performance.now() - start) / frames;
    if (asBefore) {
        svg.classList.replace('lod-full', `lod-${level}`);
        before.remove();
    }
    // Let the view come to rest before the next run.
    await new Promise(resolve => setTimeout(resolve, 400));
    return { level, perFrame };
}
