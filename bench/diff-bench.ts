import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { processContext } from '../server/cli/command.js';
import { DiagramRequest } from '../language/protocol/diagram-protocol.js';
import { DiffPictureRequest } from '../language/protocol/diff-protocol.js';
import { LanguageServerSession } from '../test/support/language-server-session.js';
import { runDiff } from '../server/cli/diff-command.js';
import { runRender } from '../server/cli/render-command.js';
import { generateModel } from './generate-model.js';
import type { Timing } from './measure.js';
import { peakRssMb, timeAsync } from './measure.js';
import { formatTable, ms } from './report.js';
import { seedExamplePath } from './cases.js';

/**
 * `npm run bench -- --diff`: times `marvel diff` (issue 11, item 9: 20,000 factors under 5 s) and
 * the diff picture, `marvel render NEW --diff OLD` (item 2–3: seed example under 1 s, 1,000
 * factors under 3 s), on generated models and the seed example, each with one relation's sign
 * flipped, in a child process per case so that its peak memory is its own; and the same picture
 * in the preview's diff mode: the language server's `marvel/diffPicture` answer once the preview
 * has drawn the model (the per-category layouts cached), as when diff mode is entered. It
 * reports; it never fails.
 *
 *   node --expose-gc out/bench.cjs --diff [--only seed,20000]
 *   node --expose-gc out/bench.cjs --diff-case 20000      one case in this process, figures as a JSON line
 */
const diffCaseIds = ['seed', '1000', '20000'] as const;
const resultMarker = 'DIFF_RESULT ';
const caseLimitMs = 120_000;
const targetsMs: Readonly<Record<string, number>> = { '20000': 5000 };
const pictureTargetsMs: Readonly<Record<string, number>> = { seed: 1000, '1000': 3000 };

interface DiffCaseResult {
    readonly id: string;
    readonly factors: number;
    readonly diff: Timing;
    /** `marvel render NEW --diff OLD -o change.svg`, the default scope; only where the picture has a target. */
    readonly picture?: Timing;
    readonly pictureSummary?: string;
    /** The preview's `marvel/diffPicture` request, the whole model in view, after the preview drew the model. */
    readonly preview?: Timing;
    readonly previewSummary?: string;
    readonly peakRssMb: number;
    readonly exitCode: number;
    readonly summary: string;
}

export function runDiffBench(only: readonly string[] | undefined, log: (line: string) => void = console.log): void {
    log(`MARVEL diff benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map(l => l.toFixed(2)).join(' ')}`);
    const results: DiffCaseResult[] = [];
    for (const id of diffCaseIds.filter(id => !only || only.includes(id))) {
        const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--diff-case', id], {
            encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024, timeout: caseLimitMs
        });
        const last = (child.stdout ?? '').split('\n').filter(line => line.startsWith(resultMarker)).at(-1);
        if (last) {
            results.push(JSON.parse(last.slice(resultMarker.length)) as DiffCaseResult);
        } else {
            log(`  case ${id} produced no figures (exit ${child.status ?? child.signal})`);
        }
    }
    log('');
    const target = (limits: Readonly<Record<string, number>>, id: string, timing: Timing | undefined): string =>
        limits[id] === undefined || timing === undefined ? '–' : `< ${ms(limits[id])}${timing.wallMs < limits[id] ? ' ok' : ' MISSED'}`;
    const name = (id: string): string => id === 'seed' ? 'seed example' : `${id} factors`;
    log(formatTable(['model', 'factors', 'marvel diff', 'cpu', 'target', 'peak RSS', 'result'], results.map(r => [
        name(r.id), r.factors.toLocaleString('en-US'), ms(r.diff.wallMs), ms(r.diff.cpuMs), target(targetsMs, r.id, r.diff), `${r.peakRssMb.toFixed(0)} MB`, r.summary
    ])));
    log('');
    log(formatTable(['model', 'render --diff (neighbourhood)', 'cpu', 'target', 'drawn'], results.filter(r => r.picture).map(r => [
        name(r.id), ms(r.picture?.wallMs), ms(r.picture?.cpuMs), target(pictureTargetsMs, r.id, r.picture), r.pictureSummary ?? ''
    ])));
    log('');
    log(formatTable(['model', 'preview diff mode (whole model)', 'target', 'drawn'], results.filter(r => r.preview).map(r => [
        name(r.id), ms(r.preview?.wallMs), target(pictureTargetsMs, r.id, r.preview), r.previewSummary ?? ''
    ])));
    log('cpu: CPU time of the process; well below the wall time means the case waited for a core (see the load average).');
}

/** Child side: writes the old and new model to a temporary folder and times one `marvel diff` of them. */
export async function runDiffCase(id: string): Promise<void> {
    const folder = mkdtempSync(path.join(tmpdir(), 'marvel-diff-bench-'));
    try {
        const { files, rootPath, factors } = id === 'seed' ? seedFiles() : generatedFiles(Number(id));
        const changed = flipFirstRelation(files);
        for (const [side, sideFiles] of [['old', files], ['new', changed]] as const) {
            for (const file of sideFiles) {
                const target = path.join(folder, side, file.path);
                mkdirSync(path.dirname(target), { recursive: true });
                writeFileSync(target, file.text);
            }
        }
        let exitCode = 0;
        let output = '';
        const diff = await timeAsync(async () => {
            const result = await runDiff([path.join(folder, 'old', rootPath), path.join(folder, 'new', rootPath)], processContext());
            exitCode = result.exitCode;
            output = result.output;
        });
        const summary = output.split('\n').filter(line => /^(Factors|Relations|Loops|Effects)/.test(line)).join('; ');
        let pictureSummary: string | undefined;
        const picture = pictureTargetsMs[id] === undefined ? undefined : await timeAsync(async () => {
            const result = await runRender([path.join(folder, 'new', rootPath), '--diff', path.join(folder, 'old', rootPath), '-o', path.join(folder, 'change.svg')], processContext());
            pictureSummary = result.output.trim().replace(/^.*?: /, '');
        });
        const preview = pictureTargetsMs[id] === undefined ? undefined : await previewDiff(path.join(folder, 'new'), path.join(folder, 'old'), rootPath);
        const result: DiffCaseResult = { id, factors, diff, picture, pictureSummary, preview: preview?.timing, previewSummary: preview?.summary, peakRssMb: peakRssMb(), exitCode, summary };
        process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

/**
 * The preview's path: the bundled language server opens the new model, draws it as the preview
 * does, then answers `marvel/diffPicture` against the old model's folder; the wall time of that answer.
 */
async function previewDiff(newFolder: string, oldFolder: string, rootPath: string): Promise<{ timing: Timing; summary: string }> {
    const session = await LanguageServerSession.start(path.resolve(path.dirname(process.argv[1]), 'server.cjs'), newFolder);
    try {
        const uri = pathToFileURL(path.join(newFolder, rootPath)).toString();
        await session.open(uri, readFileSync(path.join(newFolder, rootPath), 'utf8'));
        await session.connection.sendRequest(DiagramRequest, { uri, view: {}, aspectRatio: 1.6 });
        const old = { uri: pathToFileURL(path.join(oldFolder, rootPath)).toString(), label: 'old' };
        let summary = '';
        const timing = await timeAsync(async () => {
            const answer = await session.connection.sendRequest(DiffPictureRequest, { uri, view: {}, aspectRatio: 1.6, old });
            summary = answer.diff ? `${answer.diff.review.summary}; ${answer.scene?.nodes.length ?? 0} factors` : answer.problem ?? 'no picture';
        });
        return { timing, summary };
    } finally {
        await session.stop();
    }
}

interface ModelFiles {
    readonly files: ReadonlyArray<{ readonly path: string; readonly text: string }>;
    readonly rootPath: string;
    readonly factors: number;
}

function generatedFiles(factorCount: number): ModelFiles {
    const model = generateModel(factorCount);
    return { files: model.files, rootPath: model.files[0].path, factors: model.factorCount };
}

function seedFiles(): ModelFiles {
    const folder = path.dirname(seedExamplePath());
    const names = ['mensenhandel.marvel', ...readdirSync(folder).filter(name => name.endsWith('.marvel') && name !== 'mensenhandel.marvel').sort()];
    const files = names.map(name => ({ path: name, text: readFileSync(path.join(folder, name), 'utf8') }));
    const factors = files.reduce((sum, file) => sum + (file.text.match(/^\s*(key |indicator )?(factor|intervention|kpi) /gm)?.length ?? 0), 0);
    return { files, rootPath: files[0].path, factors };
}

/** The change under review: the first relation written as `-> +x` in a file becomes `-> -x`. */
function flipFirstRelation(files: ModelFiles['files']): ModelFiles['files'] {
    let done = false;
    return files.map(file => {
        if (done || !/-> \+/.test(file.text)) {
            return file;
        }
        done = true;
        return { ...file, text: file.text.replace('-> +', '-> -') };
    });
}
