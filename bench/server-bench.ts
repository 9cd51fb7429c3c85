import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-protocol';
import { LanguageServerSession, timed } from '../test/support/language-server-session.js';
import { seedExamplePath } from './cases.js';
import { generateModel } from './generate-model.js';
import type { Target } from './report.js';
import { formatTable, ms, targetTable } from './report.js';

/**
 * The language server as an editor meets it: the bundled server (out/server.cjs) over stdio.
 * Times the first completion after opening a file, hover, completion and definition while the
 * user types 40 edits a second (issue 9, items 7 and 18), and edit → diagnostics and completion
 * in a model of 5,000 factors (item 20). It reports; it never fails on a slow figure.
 *
 *   node --expose-gc out/bench.cjs --server
 */
const editsPerSecond = 40;
const burstMs = 8_000;
/** One request (hover, completion, definition in turn) this often during the burst. */
const requestEveryMs = 75;
const largeEdits = 20;
const largeCompletions = 20;

export async function runServerBench(log: (line: string) => void = console.log): Promise<void> {
    const serverBundle = resolve(dirname(process.argv[1]), 'server.cjs');
    log(`MARVEL language server benchmark (stdio, ${serverBundle})`);
    const seed = await seedFigures(serverBundle);
    const large = await largeModelFigures(serverBundle);
    log('\nRequests on the seed example while typing (40 edits/s for 8 s, a request every 75 ms)');
    log(formatTable(['request', 'answered', 'median', 'p95', 'max'], seed.burst.map(row => [row.kind, `${row.samples.length}`, ms(percentile(row.samples, 50)), ms(percentile(row.samples, 95)), ms(Math.max(...row.samples))])));
    log(`diagnostics published during the burst: ${seed.publications} for ${seed.edits} edits`);
    log('\n5,000 factors, 11 files (one relation\'s sign edited, then completion after "-> +")');
    log(formatTable(['measure', 'samples', 'median', 'p95', 'max'], [
        ['edit → diagnostics of the edited file', ...spread(large.editToDiagnostics)],
        ['completion, nothing typed (all names)', ...spread(large.completionAll)],
        ['completion, two letters typed', ...spread(large.completionTyped)]
    ]));
    log(`files whose diagnostics were published per edit: ${large.filesPerEdit.join(', ')} (of ${large.files})`);
    const targets: Target[] = [
        { what: 'seed example: first completion after opening a file', limitMs: 300, measured: wall(seed.firstCompletionMs) },
        ...seed.burst.map(row => ({ what: `seed example: ${row.kind} while typing (p95)`, limitMs: 200, measured: wall(percentile(row.samples, 95)) })),
        { what: '5,000 factors: edit → diagnostics (p95)', limitMs: 300, measured: wall(percentile(large.editToDiagnostics, 95)) },
        { what: '5,000 factors: completion (p95, nothing typed)', limitMs: 100, measured: wall(percentile(large.completionAll, 95)) }
    ];
    log('\nTargets');
    log(targetTable(targets));
}

interface SeedFigures {
    readonly firstCompletionMs: number;
    readonly burst: ReadonlyArray<{ kind: string; samples: number[] }>;
    readonly edits: number;
    readonly publications: number;
}

async function seedFigures(serverBundle: string): Promise<SeedFigures> {
    const path = seedExamplePath();
    const uri = pathToFileURL(path).toString();
    const text = readFileSync(path, 'utf8');
    const session = await LanguageServerSession.start(serverBundle, dirname(path));
    try {
        const completionAt = positionAfter(text, '-> +');
        await session.open(uri, text);
        const first = await timed(() => session.completion(uri, completionAt));
        await session.settled(500);
        const hoverAt = positionAfter(text, '-> +', 1);
        const definitionAt = positionAfter(text, '-> -', 1);
        const requests: Array<{ kind: string; send: () => Promise<unknown>; samples: number[] }> = [
            { kind: 'hover', send: () => session.hover(uri, hoverAt), samples: [] },
            { kind: 'completion', send: () => session.completion(uri, completionAt), samples: [] },
            { kind: 'definition', send: () => session.definition(uri, definitionAt), samples: [] }
        ];
        const publicationsBefore = session.publications.length;
        const typed = typingSteps(text, '\nvoedingsbodem -> +slachtoffers (strength: weak) "typed in the benchmark"\n');
        const pending: Array<Promise<void>> = [];
        const start = Date.now();
        let edits = 0;
        let nextRequest = start;
        let turn = 0;
        while (Date.now() - start < burstMs) {
            await session.change(uri, typed[edits % typed.length]);
            edits++;
            if (Date.now() >= nextRequest) {
                const request = requests[turn++ % requests.length];
                pending.push(timed(request.send).then(({ ms: taken }) => {
                    request.samples.push(taken);
                }));
                nextRequest += requestEveryMs;
            }
            await sleepUntil(start + edits * (1000 / editsPerSecond));
        }
        await Promise.all(pending);
        await session.settled(500);
        return { firstCompletionMs: first.ms, burst: requests, edits, publications: session.publications.length - publicationsBefore };
    } finally {
        await session.stop();
    }
}

interface LargeFigures {
    readonly files: number;
    readonly editToDiagnostics: number[];
    readonly filesPerEdit: number[];
    readonly completionAll: number[];
    readonly completionTyped: number[];
}

async function largeModelFigures(serverBundle: string): Promise<LargeFigures> {
    const model = generateModel(5000);
    const folder = mkdtempSync(join(tmpdir(), 'marvel-bench-'));
    try {
        for (const file of model.files) {
            mkdirSync(dirname(join(folder, file.path)), { recursive: true });
            writeFileSync(join(folder, file.path), file.text);
        }
        const text = model.files.find(file => file.path === model.editPath)!.text;
        const uri = pathToFileURL(join(folder, model.editPath)).toString();
        const session = await LanguageServerSession.start(serverBundle, folder);
        try {
            const opened = session.nextPublication(p => p.uri === uri, 120_000);
            await session.open(uri, text);
            await opened;
            await session.settled(1000);
            const signAt = text.indexOf('-> +') + 3;
            const flipped = `${text.slice(0, signAt)}-${text.slice(signAt + 1)}`;
            const editToDiagnostics: number[] = [];
            const filesPerEdit: number[] = [];
            for (let i = 0; i < largeEdits; i++) {
                const from = session.publications.length;
                const published = session.nextPublication(p => p.uri === uri, 60_000);
                const { ms: taken } = await timed(async () => {
                    await session.change(uri, i % 2 === 0 ? flipped : text);
                    await published;
                });
                editToDiagnostics.push(taken);
                await session.settled(300);
                filesPerEdit.push(new Set(session.publications.slice(from).map(p => p.uri)).size);
            }
            const completionAt = positionAfter(text, '-> +');
            const completionAll: number[] = [];
            const completionTyped: number[] = [];
            for (let i = 0; i < largeCompletions; i++) {
                completionAll.push((await timed(() => session.completion(uri, completionAt))).ms);
                completionTyped.push((await timed(() => session.completion(uri, { ...completionAt, character: completionAt.character + 2 }))).ms);
            }
            return { files: model.files.length, editToDiagnostics, filesPerEdit, completionAll, completionTyped };
        } finally {
            await session.stop();
        }
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

/** The texts of typing `line` at the end of `text` one character at a time and deleting it again. */
function typingSteps(text: string, line: string): string[] {
    const steps: string[] = [];
    for (let i = 1; i <= line.length; i++) {
        steps.push(text + line.slice(0, i));
    }
    for (let i = line.length - 1; i >= 0; i--) {
        steps.push(text + line.slice(0, i));
    }
    return steps;
}

/** The position just after the `occurrence`-th (0-based) `needle` in `text`, plus `shift` characters. */
function positionAfter(text: string, needle: string, shift = 0, occurrence = 0): Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
    }
    const offset = index + needle.length + shift;
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) {
        return Number.NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100) - 1)];
}

function spread(samples: readonly number[]): string[] {
    return [`${samples.length}`, ms(percentile(samples, 50)), ms(percentile(samples, 95)), ms(Math.max(...samples))];
}

/** A wall-clock figure for the target table (no CPU time is known for a request answered by another process). */
function wall(valueMs: number): { wallMs: number; cpuMs: number } | undefined {
    return Number.isNaN(valueMs) ? undefined : { wallMs: valueMs, cpuMs: Number.NaN };
}

function sleepUntil(time: number): Promise<void> {
    return new Promise(done => setTimeout(done, Math.max(0, time - Date.now())));
}
