import type { LayoutCaseResult } from './layout-case.js';
import { dotFormat } from './layout-case.js';
import type { Timing } from './measure.js';
import type { Target } from './report.js';
import { formatTable, medianTiming, ms, targetTable } from './report.js';

/** The layout benchmark's tables, targets and notes, from whatever figures the cases produced. */
export function layoutReport(results: readonly LayoutCaseResult[], dotVersion: string | undefined): string[] {
    const lines: string[] = [];
    const runCounts = results.map(r => r.runs.length);
    lines.push(`Layout and render (elkjs in-process, as the CLI does it; the server runs the same code in a worker thread). Medians of ${Math.min(...runCounts)}–${Math.max(...runCounts)} runs after one warm-up; cpu = this process, all threads`);
    lines.push(formatTable(
        ['model', 'factors', 'relations', 'categories', 'first (cold)', 'cpu', 'layout', 'cpu', 'render', 'cpu', 'layout+render', 'cpu', 'min – max', 'runs', 'after 20 layouts', 'cpu', 'scene JSON', 'SVG', 'size (px)', 'identical every run'],
        results.map(r => {
            const layout = medianTiming(r.runs.map(run => run.layout));
            const render = medianTiming(r.runs.map(run => run.render));
            const total = medianTiming(r.runs.map(run => run.total));
            const walls = r.runs.map(run => run.total.wallMs);
            return [
                r.name, String(r.factors), String(r.relations), String(r.categories), ms(r.first.wallMs), ms(r.first.cpuMs),
                ms(layout.wallMs), ms(layout.cpuMs), ms(render.wallMs), ms(render.cpuMs), ms(total.wallMs), ms(total.cpuMs),
                walls.length === 0 ? '–' : `${ms(Math.min(...walls))} – ${ms(Math.max(...walls))}`, String(r.runs.length),
                ms(r.steady?.wallMs), ms(r.steady?.cpuMs), `${r.sceneKb.toFixed(0)} KB`, `${r.svgKb.toFixed(0)} KB`, r.size, r.runs.length === 0 ? '–' : r.deterministic ? 'yes' : 'NO'
            ];
        })
    ));
    lines.push('');
    lines.push(`Graphviz dot on the same graph (dot -T${dotFormat}, output discarded; nested clusters, the scene's node sizes, every relation an edge; median of up to 3 runs; ${dotVersion ?? 'not installed'})`);
    if (dotVersion === undefined) {
        lines.push('dot not installed, skipped');
    } else {
        lines.push(formatTable(
            ['model', 'ours: layout+render', 'cpu', 'dot', 'cpu', 'runs', 'ours / dot'],
            results.map(r => {
                const ours = total(r);
                if (r.dot === undefined || typeof r.dot === 'string') {
                    return [r.name, ms(ours?.wallMs), ms(ours?.cpuMs), r.dot ?? 'not measured', '–', '0', '–'];
                }
                const dotTime = r.dot.failure ? `> ${ms(r.dot.wallMs)} (${r.dot.failure})` : ms(r.dot.wallMs);
                const ratio = r.dot.failure || ours === undefined ? '–' : `${(ours.wallMs / r.dot.wallMs).toFixed(1)}×`;
                return [r.name, ms(ours?.wallMs), ms(ours?.cpuMs), dotTime, ms(r.dot.cpuMs), String(r.dot.runs), ratio];
            })
        ));
    }
    lines.push('');
    lines.push('Stability: one relation added in the middle file, model rebuilt from the text, laid out again; displacement of the centres of all other factors');
    lines.push(formatTable(
        ['model', 'file', 'relation added', 'same category', 'compared', 'mean', 'median', 'max', 'not moved', 'size before → after', 'layout+render after'],
        results.map(r => {
            const s = r.stability;
            if (s === undefined || typeof s === 'string') {
                return [r.name, '–', s ?? 'not measured', '–', '–', '–', '–', '–', '–', '–', '–'];
            }
            return [
                r.name, s.file, `${s.relation.source} -> +${s.relation.target}`, s.relation.sameCategory ? 'yes' : 'no', String(s.moved.compared),
                px(s.moved.meanPx), px(s.moved.medianPx), px(s.moved.maxPx), `${(s.moved.unmovedShare * 100).toFixed(0)} %`,
                `${s.sizeBefore} → ${s.sizeAfter}`, ms(s.relayout.wallMs)
            ];
        })
    ));
    const stopped = results.filter(r => r.stopped).map(r => `  ${r.name}: ${r.stopped}`);
    if (stopped.length > 0) {
        lines.push('', 'Stopped cases', ...stopped);
    }
    const seed = results.find(r => r.name === 'seed example');
    const mid = results.find(r => r.name === '500 factors');
    const targets: Target[] = [
        { what: 'seed example: layout + render (median)', limitMs: 500, measured: total(seed), missingReason: 'seed example not measured' },
        { what: `${mid ? `${mid.factors} factors, ${mid.relations} relations` : '500 factors'}: layout + render (median)`, limitMs: 3000, measured: total(mid), missingReason: '500-factor model not measured' }
    ];
    lines.push('', 'Targets', targetTable(targets));
    lines.push('first (cold): the first layout in a fresh process, before the JIT has compiled ELK; the preview\'s first drawing after the server starts pays it.');
    lines.push('after 20 layouts: layout + render once the process has laid the model out 20 times (cheap cases only), as a preview worker that has redrawn for a while.');
    return lines;
}

/** The median layout + render, or undefined when no timed run finished. */
function total(result: LayoutCaseResult | undefined): Timing | undefined {
    return result && result.runs.length > 0 ? medianTiming(result.runs.map(run => run.total)) : undefined;
}

function px(value: number): string {
    return Number.isNaN(value) ? '–' : `${value.toFixed(1)} px`;
}
