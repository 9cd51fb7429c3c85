import { cpus } from 'node:os';
import { headStartFactorLimit } from '../server/diagram/diagram-service.js';
import type { DotFigures, LayoutCaseResult } from './layout-case.js';
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
    lines.push(`Graphviz dot on the same graph (dot -T${dotFormat}, output discarded; nested clusters, the scene's node sizes, every relation an edge; median of up to 3 runs; ${dotVersion ?? 'not installed'}).`);
    lines.push('under boxes: relations drawn under a factor box that is not one of their ends; crossings: pairs of relations whose lines cross; shared lines: pairs that run along each other on one line for more than 8 px (dot\'s from its -Tplain geometry of the first run)');
    if (dotVersion === undefined) {
        lines.push('dot not installed, skipped');
    } else {
        lines.push(formatTable(
            ['model', 'ours: layout+render', 'cpu', 'dot', 'cpu', 'runs', 'ours / dot', 'cpu', 'under boxes: ours', 'dot', 'crossings: ours', 'dot', 'shared lines: ours', 'dot'],
            results.map(r => {
                const ours = total(r);
                const quality = [String(r.quality.underBoxes)];
                if (r.dot === undefined || typeof r.dot === 'string') {
                    return [r.name, ms(ours?.wallMs), ms(ours?.cpuMs), r.dot ?? 'not measured', '–', '0', '–', '–', ...quality, '–', String(r.quality.crossings), '–', String(r.quality.sharedStretches), '–'];
                }
                const dotTime = r.dot.failure ? `> ${ms(r.dot.wallMs)} (${r.dot.failure})` : ms(r.dot.wallMs);
                const ratio = r.dot.failure || ours === undefined ? '–' : `${(ours.wallMs / r.dot.wallMs).toFixed(2)}×`;
                return [r.name, ms(ours?.wallMs), ms(ours?.cpuMs), dotTime, ms(r.dot.cpuMs), String(r.dot.runs), ratio, cpuRatio(r) ?? '–',
                    ...quality, String(r.dot.quality?.underBoxes ?? '–'), String(r.quality.crossings), String(r.dot.quality?.crossings ?? '–'),
                    String(r.quality.sharedStretches), String(r.dot.quality?.sharedStretches ?? '–')];
            })
        ));
        lines.push('', ...usersPayReport(results));
    }
    lines.push('');
    lines.push('Edit → redraw: one relation added (inside one category in the middle file; between two categories in the root file), or a factor added to a category with a relation to it,');
    lines.push('model rebuilt from the text, laid out again through the layout worker\'s caches and memories as the language server does (a category keeps its layout through an added relation;');
    lines.push('a category whose factors changed is laid out again); displacement of the centres of all other factors');
    lines.push(formatTable(
        ['model', 'edit', 'file', 'relation added', 'compared', 'mean', 'median', 'max', 'not moved', 'size before → after', 'layout+render after', 'cpu', 'routes searched again'],
        results.flatMap(r => ([['inside a category', r.stability], ['between categories', r.crossEdit], ['factor added to a category', r.factorEdit]] as const).map(([edit, s]) => {
            if (s === undefined || typeof s === 'string') {
                return [r.name, edit, '–', s ?? 'not measured', '–', '–', '–', '–', '–', '–', '–', '–', '–'];
            }
            return [
                r.name, edit, s.file, `${s.relation.source} -> +${s.relation.target}`, String(s.moved.compared),
                px(s.moved.meanPx), px(s.moved.medianPx), px(s.moved.maxPx), `${(s.moved.unmovedShare * 100).toFixed(0)} %`,
                `${s.sizeBefore} → ${s.sizeAfter}`, ms(s.relayout.wallMs), ms(s.relayout.cpuMs), String(s.rerouted)
            ];
        }))
    ));
    const stopped = results.filter(r => r.stopped).map(r => `  ${r.name}: ${r.stopped}`);
    if (stopped.length > 0) {
        lines.push('', 'Stopped cases', ...stopped);
    }
    const seed = results.find(r => r.name === 'seed example');
    const mid = results.find(r => r.name === '500 factors');
    const thousand = results.find(r => r.name === '1000 factors');
    const editTime = (r: LayoutCaseResult | undefined, edit: 'stability' | 'crossEdit'): Timing | undefined => {
        const figures = r?.[edit];
        return figures === undefined || typeof figures === 'string' ? undefined : figures.relayout;
    };
    const targets: Target[] = [
        { what: 'seed example: layout + render (median)', limitMs: 500, measured: total(seed), missingReason: 'seed example not measured' },
        { what: `${mid ? `${mid.factors} factors, ${mid.relations} relations` : '500 factors'}: layout + render (median)`, limitMs: 3000, measured: total(mid), missingReason: '500-factor model not measured' },
        ...([['seed example', seed, 300], ['1,000 factors', thousand, 1000]] as const).flatMap(([name, r, limitMs]) => ([['inside a category', 'stability'], ['between categories', 'crossEdit']] as const)
            .map(([edit, key]) => ({ what: `${name}: edit ${edit} → layout + render`, limitMs, measured: editTime(r, key), missingReason: `${name} not measured` })))
    ];
    const ratios = results.filter(r => r.dot !== undefined && typeof r.dot !== 'string' && !r.dot.failure && total(r) !== undefined)
        .map(r => `${r.name} ${(total(r)!.wallMs / (r.dot as DotFigures).wallMs).toFixed(2)}× (cpu ${cpuRatio(r) ?? '–'})`);
    lines.push('', `Target: ours / dot ≤ 1.00 from 100 to 2,000 factors (on a loaded machine compare cpu): ${ratios.join(', ') || 'not measured'}`);
    const unmoved = (edit: 'stability' | 'factorEdit'): string => results.flatMap(r => {
        const figures = r[edit];
        return typeof figures === 'object' ? [`${r.name} ${(figures.moved.unmovedShare * 100).toFixed(0)} %`] : [];
    }).join(', ') || 'not measured';
    lines.push(`Target: after an edit inside a category, at least 80 % of the other factors not moved at 500 factors (as before relations were routed between categories): a relation added: ${unmoved('stability')}; a factor added: ${unmoved('factorEdit')}`);
    lines.push('', 'Targets', targetTable(targets));
    lines.push('first (cold): the first layout in a fresh process, before the JIT has compiled ELK; the preview\'s first drawing after the server starts pays it.');
    lines.push('after 20 layouts: layout + render once the process has laid the model out 20 times (cheap cases only), as a preview worker that has redrawn for a while.');
    return lines;
}

/** A measured path to a drawing: its wall and cpu time, or why there is none. */
type PathFigure = { readonly wallMs: number; readonly cpuMs: number | undefined } | string | undefined;

/**
 * The layout as users pay for it, each path against the whole `dot -Tsvg` process: in process
 * after warm-up (as above), the preview's first drawing in its warmed layout worker with ELK in
 * one thread and with its helpers, and `marvel render` as a whole process.
 */
function usersPayReport(results: readonly LayoutCaseResult[]): string[] {
    const workers = results.flatMap(r => typeof r.worker === 'object' ? [r.worker] : []);
    const helpers = workers.map(worker => worker.pool?.helpers).find(count => count !== undefined);
    const serverHelpers = workers[0]?.serverHelpers;
    const paths: ReadonlyArray<readonly [string, (r: LayoutCaseResult) => PathFigure]> = [
        ['in process, warm (median)', r => total(r)],
        ['preview worker, 1 thread', r => typeof r.worker === 'object' ? r.worker.single : r.worker],
        ['preview after the head start', r => typeof r.worker === 'object' ? r.worker.afterHeadStart ?? `no head start above ${headStartFactorLimit} factors` : r.worker],
        [`preview worker + ${helpers ?? 0} helper${helpers === 1 ? '' : 's'}`, r => typeof r.worker === 'object' ? r.worker.pool ?? 'no helpers on this machine' : r.worker],
        ['marvel render (process)', r => typeof r.cli === 'object' ? (r.cli.failure ? `failed: ${r.cli.failure}` : r.cli) : r.cli]
    ];
    /** dot's time, or at least its time limit when it was stopped (it then took longer: ours / dot is below the ratio shown). */
    const dotOf = (r: LayoutCaseResult): { wallMs: number; cpuMs: number | undefined; stopped: boolean } | undefined =>
        typeof r.dot !== 'object' || (r.dot.failure && !r.dot.failure.startsWith('stopped')) ? undefined : { wallMs: r.dot.wallMs, cpuMs: r.dot.cpuMs, stopped: r.dot.failure !== undefined };
    const cell = (figure: PathFigure, dot: ReturnType<typeof dotOf>): string => {
        if (figure === undefined || typeof figure === 'string') {
            return figure ?? 'not measured';
        }
        const cpu = figure.cpuMs === undefined ? '' : ` (${ms(figure.cpuMs)})`;
        const below = dot?.stopped ? '< ' : '';
        return dot ? `${ms(figure.wallMs)}${cpu} ${below}${ratio(figure.wallMs, dot.wallMs)}${dot.cpuMs ? ` (${below}${ratio(figure.cpuMs, dot.cpuMs)})` : ''}` : `${ms(figure.wallMs)}${cpu}`;
    };
    const dotCell = (dot: ReturnType<typeof dotOf>): string => dot ? `${dot.stopped ? '> ' : ''}${ms(dot.wallMs)} (${ms(dot.cpuMs)})` : 'not measured';
    const lines = [
        'What users pay against the whole dot -Tsvg process: wall (cpu), and ours / dot wall (cpu); target ≤ 1.00× from 100 to 2,000 factors (on a loaded machine compare cpu).',
        'preview worker: request → placed scene + SVG, the first drawing in a layout worker that has warmed up (fresh worker per run, median of up to 3);',
        'preview after the head start: the same, once the server has laid the model out as its file opened (before any preview; categories cached, packed and routed anew for the panel);',
        'marvel render: the whole process (start, read, build, lay out, draw, write the SVG; the first run writes the code cache of the drawing bundle if missing), median of up to 3.',
        `The language server starts ${serverHelpers ?? '–'} helper worker${serverHelpers === 1 ? '' : 's'} on this machine (${cpus().length} cores; MARVEL_LAYOUT_THREADS sets the threads).`,
        formatTable(['model', 'dot -Tsvg', ...paths.map(([name]) => name)],
            results.map(r => [r.name, dotCell(dotOf(r)), ...paths.map(([, figure]) => cell(figure(r), dotOf(r)))]))
    ];
    const inRange = results.filter(r => r.factors >= 100 && r.factors <= 2000 && r.name !== 'seed example');
    // After the head start the categories come from the worker's cache: what a user pays, but not a full layout against dot's.
    for (const [name, figure] of paths.filter(([name]) => name !== 'preview after the head start')) {
        const verdicts = inRange.flatMap(r => {
            const measured = figure(r);
            const dot = dotOf(r);
            const verdict = (wall: number, cpu: number | undefined): string => `${r.name} ${dot!.stopped ? '< ' : ''}${ratio(wall, dot!.wallMs)} ${wall <= dot!.wallMs ? 'met' : 'MISSED'}${cpu !== undefined && dot!.cpuMs ? ` (cpu ${ratio(cpu, dot!.cpuMs)})` : ''}`;
            return typeof measured === 'object' && dot ? [verdict(measured.wallMs, measured.cpuMs)] : [];
        });
        lines.push(`Target ${name} / dot ≤ 1.00: ${verdicts.join(', ') || 'not measured'}`);
    }
    return lines;
}

function ratio(ours: number | undefined, dot: number): string {
    return ours === undefined ? '–' : `${(ours / dot).toFixed(2)}×`;
}

/** Our cpu time over dot's, when both were measured. */
function cpuRatio(result: LayoutCaseResult): string | undefined {
    const ours = total(result);
    const dot = typeof result.dot === 'object' && !result.dot.failure ? result.dot.cpuMs : undefined;
    return ours === undefined || dot === undefined || dot === 0 ? undefined : `${(ours.cpuMs / dot).toFixed(2)}×`;
}

/** The median layout + render, or undefined when no timed run finished. */
function total(result: LayoutCaseResult | undefined): Timing | undefined {
    return result && result.runs.length > 0 ? medianTiming(result.runs.map(run => run.total)) : undefined;
}

function px(value: number): string {
    return Number.isNaN(value) ? '–' : `${value.toFixed(1)} px`;
}
