/**
 * End-to-end check of the bundled language server (out/server.cjs) over stdio, speaking
 * LSP the way an editor does: open a workspace of two files, see diagnostics, complete,
 * hover, jump across files, fix the problem, send garbage, and shut down cleanly.
 *
 * Every wait has a timeout, so a hung server fails the test instead of blocking it.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type {
    CompletionItem, CompletionList, Definition, Diagnostic, Hover, InitializeResult, Location, LocationLink, LogMessageParams, Position,
    PublishDiagnosticsParams, TextDocumentContentChangeEvent
} from 'vscode-languageserver-protocol';
import {
    CompletionRequest, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest,
    InitializedNotification, InitializeRequest, LogMessageNotification, MessageType, PublishDiagnosticsNotification, ShutdownRequest
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagramRequest } from '../language/protocol/diagram-protocol.js';
import { InterventionsRequest, LoopsRequest, TraceRequest } from '../language/protocol/trace-protocol.js';
import { createWorkspace } from './support/workspace.js';

const projectRoot = process.cwd();
const serverBundle = join(projectRoot, 'out', 'server.cjs');

/** How long any single answer may take; generous for a cold start on a slow machine. */
const answerTimeoutMs = 15_000;

// ---------------------------------------------------------------------------------------------
// The workspace: two files, one importing the other
// ---------------------------------------------------------------------------------------------

const baseText = `// Shared declarations
factor budget "Budget voor handhaving"
kpi slachtoffers "Aantal slachtoffers" decrease

budget -> -slachtoffers
`;

/** The text on disk and after the fix: no errors. */
const mainFixedText = `model main "Hoofdmodel"

import "./base.marvel"

intervention pilot "Pilot mensenhandelvrije gemeente"
factor pakkans "Pakkans van daders"

pilot -> +pakkans, +budget
pakkans -> -slachtoffers
`;

/** What the editor opens: an unknown name and a contradiction with the relation below it. */
const mainBrokenText = `model main "Hoofdmodel"

import "./base.marvel"

intervention pilot "Pilot mensenhandelvrije gemeente"
factor pakkans "Pakkans van daders"

pilot -> +pakkans, +budget
pakkans -> -slachtoffers
pakkans -> +slachtoffers, +onbekend
`;

function positionOf(text: string, needle: string, occurrence = 0, delta = 0): Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) {
            throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
        }
    }
    const offset = index + delta;
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

// ---------------------------------------------------------------------------------------------
// A small editor
// ---------------------------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, label: string, ms = answerTimeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface DiagnosticsWaiter {
    readonly uri: string;
    readonly accept: (diagnostics: readonly Diagnostic[]) => boolean;
    readonly resolve: (diagnostics: readonly Diagnostic[]) => void;
}

class Editor {
    readonly log: LogMessageParams[] = [];
    readonly diagnostics = new Map<string, readonly Diagnostic[]>();
    private readonly waiters: DiagnosticsWaiter[] = [];
    private readonly versions = new Map<string, number>();
    stderr = '';

    constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {
        child.stderr.on('data', (chunk: Buffer) => {
            this.stderr += chunk.toString('utf8');
        });
        connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const waiter of [...this.waiters]) {
                if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
                    this.waiters.splice(this.waiters.indexOf(waiter), 1);
                    waiter.resolve(params.diagnostics);
                }
            }
        });
        connection.onNotification(LogMessageNotification.type, (params: LogMessageParams) => {
            this.log.push(params);
        });
        // The server may ask for configuration or registrations; an editor that answers nothing would stall it.
        connection.onRequest((method: string) => {
            return method === 'workspace/configuration' ? [] : null;
        });
        connection.listen();
    }

    /** Resolves with the first diagnostics of `uri` published after this call that satisfy `accept`. */
    nextDiagnostics(uri: string, accept: (diagnostics: readonly Diagnostic[]) => boolean, label: string): Promise<readonly Diagnostic[]> {
        return withTimeout(new Promise(resolve => this.waiters.push({ uri, accept, resolve })), label);
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'marvel', version: 1, text } });
    }

    async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    }

    hover(uri: string, position: Position, timeoutMs = answerTimeoutMs): Promise<Hover | null> {
        return withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), `hover at ${JSON.stringify(position)}`, timeoutMs);
    }

    completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
        return withTimeout(this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), `completion at ${JSON.stringify(position)}`);
    }

    definition(uri: string, position: Position): Promise<Definition | LocationLink[] | null> {
        return withTimeout(this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }), `definition at ${JSON.stringify(position)}`);
    }

    /** Error-level log lines: what the server's last-resort handlers print for an uncaught exception. */
    errors(): string[] {
        return this.log.filter(m => m.type === MessageType.Error).map(m => m.message);
    }
}

function hoverText(hover: Hover | null): string {
    if (!hover) {
        return '';
    }
    const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
    return parts.map(part => typeof part === 'string' ? part : part.value).join('\n');
}

function completionLabels(result: CompletionItem[] | CompletionList | null): string[] {
    const items = result === null ? [] : Array.isArray(result) ? result : result.items;
    return items.map(item => item.label);
}

function locations(result: Definition | LocationLink[] | null): Array<{ uri: string; line: number }> {
    const list: Array<Location | LocationLink> = result === null ? [] : Array.isArray(result) ? result : [result];
    return list.map(l => 'targetUri' in l ? { uri: l.targetUri, line: l.targetSelectionRange.start.line } : { uri: l.uri, line: l.range.start.line });
}

/** Diagnostics as comparable lines, in position order. */
function normalized(diagnostics: readonly Diagnostic[]): string {
    return diagnostics.map(d => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)} ${d.message}`).sort().join('\n');
}

/** What a fresh in-process build of the same files reports, by file name. */
async function freshDiagnostics(files: Record<string, string>): Promise<Map<string, string>> {
    const workspace = await createWorkspace(files);
    return new Map(Object.entries(workspace.documents).map(([name, document]) => [name, normalized(document.diagnostics ?? [])]));
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code));
}

// ---------------------------------------------------------------------------------------------
// The session
// ---------------------------------------------------------------------------------------------

describe('language server over stdio', () => {
    let folder: string;
    let editor: Editor;
    let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    let baseUri: string;
    let mainUri: string;

    beforeAll(async () => {
        folder = mkdtempSync(join(tmpdir(), 'marvel-lsp-'));
        mkdirSync(join(folder, 'model'));
        writeFileSync(join(folder, 'model', 'base.marvel'), baseText);
        writeFileSync(join(folder, 'model', 'main.marvel'), mainFixedText);
        baseUri = pathToFileURL(join(folder, 'model', 'base.marvel')).toString();
        mainUri = pathToFileURL(join(folder, 'model', 'main.marvel')).toString();

        const child = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
        exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
        const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        editor = new Editor(child, connection);
    }, 60_000);

    afterAll(async () => {
        editor?.connection.dispose();
        if (editor && editor.child.exitCode === null && editor.child.signalCode === null) {
            editor.child.kill('SIGKILL');
        }
        if (folder) {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    // The steps share one server and run in order, as one editing session does.

    it('initializes with the capabilities an editor relies on', async () => {
        const rootUri = pathToFileURL(folder).toString();
        const result: InitializeResult = await withTimeout(editor.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'marvel-test' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: true },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
                    definition: { linkSupport: false },
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: { workspaceFolders: true, configuration: false }
            }
        }), 'initialize');
        const capabilities = result.capabilities;
        expect(capabilities.hoverProvider).toBeTruthy();
        expect(capabilities.completionProvider).toBeTruthy();
        expect(capabilities.definitionProvider).toBeTruthy();
        expect(capabilities.textDocumentSync).toBeTruthy();
        // Renaming or moving a .marvel file or a folder in the editor asks the server to keep the imports right.
        expect(capabilities.workspace?.fileOperations?.willRename?.filters.map(f => f.pattern.matches)).toEqual(['file', 'folder']);
        await editor.connection.sendNotification(InitializedNotification.type, {});
    });

    it('publishes the problems of an opened document with their contract codes', async () => {
        const published = editor.nextDiagnostics(mainUri, d => codes(d).includes('unresolved-reference'), 'diagnostics of the broken main.marvel');
        await editor.open(mainUri, mainBrokenText);
        const diagnostics = await published;
        expect(codes(diagnostics)).toContain('unresolved-reference');
        expect(codes(diagnostics)).toContain('contradictory-relation');
        const unresolved = diagnostics.find(d => d.code === 'unresolved-reference')!;
        expect(unresolved.range.start).toEqual(positionOf(mainBrokenText, 'onbekend'));
        expect(codes(diagnostics)).not.toContain('syntax');
    });

    it('completes factor names of both files after "-> +"', async () => {
        // Right after the sign of `pilot -> +pakkans`, where a modeller picks a target.
        const result = await editor.completion(mainUri, positionOf(mainBrokenText, '-> +pakkans', 0, '-> +'.length));
        const labels = completionLabels(result);
        expect(labels).toContain('pakkans');
        expect(labels).toContain('pilot');
        // Declared in the imported file.
        expect(labels).toContain('budget');
        expect(labels).toContain('slachtoffers');
        // Keywords that cannot stand after a sign.
        expect(labels).not.toContain('category');
    });

    it('shows a factor\'s label on hover, for a declaration and for a reference into the other file', async () => {
        const declaration = hoverText(await editor.hover(mainUri, positionOf(mainBrokenText, 'pakkans "', 0, 2)));
        expect(declaration).toContain('Pakkans van daders');
        const reference = hoverText(await editor.hover(mainUri, positionOf(mainBrokenText, '-slachtoffers', 0, 3)));
        expect(reference).toContain('Aantal slachtoffers');
    });

    it('goes to the definition in the imported file', async () => {
        const targets = locations(await editor.definition(mainUri, positionOf(mainBrokenText, '+budget', 0, 2)));
        expect(targets).toEqual([{ uri: baseUri, line: positionOf(baseText, 'budget "').line }]);
    });

    it('drops the problems once the text is fixed', async () => {
        const published = editor.nextDiagnostics(mainUri, d => !codes(d).includes('unresolved-reference'), 'diagnostics of the fixed main.marvel');
        await editor.change(mainUri, [{ text: mainFixedText }]);
        const diagnostics = await published;
        expect(codes(diagnostics)).not.toContain('unresolved-reference');
        expect(codes(diagnostics)).not.toContain('contradictory-relation');
        expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    it('answers the custom requests, bound to their types once, for the preview and tracing', async () => {
        const diagram = await withTimeout(editor.connection.sendRequest(DiagramRequest, { uri: mainUri, view: {} }), 'diagram');
        expect(diagram.problem).toBeUndefined();
        expect(diagram.factors.map(f => f.id).sort()).toEqual(['budget', 'pakkans', 'pilot', 'slachtoffers']);
        expect(diagram.scene?.nodes.length).toBe(4);
        const interventions = await withTimeout(editor.connection.sendRequest(InterventionsRequest, { uri: mainUri }), 'interventions');
        expect(interventions.map(i => i.id)).toEqual(['pilot']);
        const trace = await withTimeout(editor.connection.sendRequest(TraceRequest, { uri: mainUri, from: 'pilot' }), 'trace');
        expect(trace.targets.map(t => [t.target, t.verdict])).toEqual([['slachtoffers', 'desired']]);
        const loops = await withTimeout(editor.connection.sendRequest(LoopsRequest, { uri: mainUri }), 'loops');
        expect(loops).toEqual({ loops: [], truncated: false });
    });

    it('keeps up with a burst of edits across both files and settles on what a fresh build reports', async () => {
        await editor.open(baseUri, baseText);
        // The final texts: base renames budget, main follows and contradicts base's relation.
        const finalBase = baseText.replaceAll('budget', 'middelen');
        const finalMain = mainFixedText.replace('+budget', '+middelen') + 'middelen -> +slachtoffers\n';
        const burst: Array<[string, string]> = [];
        for (let i = 0; i < 12; i++) {
            burst.push([baseUri, i % 2 === 0 ? finalBase : `${baseText}factor extra${i} "Extra"\n`]);
            burst.push([mainUri, i % 3 === 0 ? mainBrokenText : `${mainFixedText}pilot -> ${i % 2 === 0 ? '+' : '-'}slachtoffers\n`]);
        }
        // Main settles first, while base still says budget; then only base changes, its lines moving,
        // so main must be relinked into base's newest tree without being edited itself.
        burst.push([baseUri, `// a\n// b\n${baseText}`], [mainUri, finalMain]);
        for (let padding = 5; padding >= 0; padding--) {
            burst.push([baseUri, `${'// padding\n'.repeat(padding)}${finalBase}`]);
        }
        // No waiting between edits: builds are cancelled and restarted as while typing.
        for (const [uri, text] of burst) {
            await editor.change(uri, [{ text }]);
        }
        const expected = await freshDiagnostics({ 'base.marvel': finalBase, 'main.marvel': finalMain });
        expect(expected.get('main.marvel')).toContain('contradictory-relation');
        const shown = (): Map<string, string> => new Map([['base.marvel', normalized(editor.diagnostics.get(baseUri) ?? [])], ['main.marvel', normalized(editor.diagnostics.get(mainUri) ?? [])]]);
        const deadline = Date.now() + answerTimeoutMs;
        while (Date.now() < deadline && JSON.stringify([...shown()]) !== JSON.stringify([...expected])) {
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        expect(shown()).toEqual(expected);
        const targets = locations(await editor.definition(mainUri, positionOf(finalMain, '+middelen', 0, 2)));
        expect(targets).toEqual([{ uri: baseUri, line: positionOf(finalBase, 'middelen "').line }]);

        const restored = editor.nextDiagnostics(mainUri, d => d.every(x => x.severity !== 1), 'diagnostics after restoring both files');
        await editor.change(baseUri, [{ text: baseText }]);
        await editor.change(mainUri, [{ text: mainFixedText }]);
        await restored;
    }, 60_000);

    it('survives garbage edits and still answers a hover', async () => {
        // Deterministic noise: control characters, NUL, lone surrogates, astral characters and grammar fragments.
        let state = 0x2545F491;
        const pieces = ['\u0000', '\uD800', '\uDFFF', '\u{1F600}', '\u202E', '\r', '\n', '{', '}', '(', '"', '/*', '->', '+', 'factor', 'category', '\u0301', 'ÿ'];
        let noise = '';
        for (let i = 0; i < 4000; i++) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            const n = state >>> 0;
            noise += n % 3 === 0 ? pieces[n % pieces.length] : String.fromCharCode(n % 0x3000);
        }
        await editor.change(mainUri, [{ text: noise }]);
        await editor.change(mainUri, [{ text: mainFixedText + 'factor ' + 'x'.repeat(100_000) + '\n' + '{'.repeat(2000) }]);
        // An incremental change whose range lies far outside the document.
        await editor.change(mainUri, [{ range: { start: { line: 1_000_000, character: 5 }, end: { line: 2_000_000, character: 0 } }, text: '}}}"' }]);
        await editor.change(mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\uD83D' }]);
        const hover = await editor.hover(mainUri, { line: 0, character: 1 });
        expect(hover === null || typeof hover === 'object').toBe(true);

        // Back to a valid text: the server must have kept its state and answer as before.
        const published = editor.nextDiagnostics(mainUri, d => !codes(d).includes('syntax'), 'diagnostics after restoring main.marvel');
        await editor.change(mainUri, [{ text: mainFixedText }]);
        await published;
        expect(hoverText(await editor.hover(mainUri, positionOf(mainFixedText, 'pakkans "', 0, 2)))).toContain('Pakkans van daders');
    }, 60_000);

    /** Puts the fixed text back and waits until the server has validated it, so one failing step does not spill into the next. */
    async function restoreMain(label: string): Promise<readonly Diagnostic[]> {
        const published = editor.nextDiagnostics(mainUri, d => !codes(d).includes('syntax'), label);
        await editor.change(mainUri, [{ text: mainFixedText }]);
        return published;
    }

    const deeplyNested = (depth: number): string => `${'category c {\n'.repeat(depth)}factor f\n${'}\n'.repeat(depth)}`;

    it('answers a hover on a document whose parse overflowed the stack', async () => {
        try {
            // 1000 nested categories overflow the parser; the document never reaches the state a hover waits for.
            await editor.change(mainUri, [{ text: deeplyNested(1000) }]);
            // A small text answers in milliseconds; waiting longer would only slow the red run down.
            const hover = await editor.hover(mainUri, { line: 0, character: 1 }, 5000);
            expect(hover === null || typeof hover === 'object').toBe(true);
        } finally {
            await restoreMain('diagnostics after restoring main.marvel from a too deep text');
        }
    }, 60_000);

    it('parses normally again after several edits that overflowed the stack', async () => {
        // Each overflow leaves entries on the shared parser's stack; the next parse must not inherit them.
        for (const depth of [1000, 1001, 1002]) {
            await editor.change(mainUri, [{ text: deeplyNested(depth) }]);
        }
        const diagnostics = await restoreMain('diagnostics after several too deep texts');
        expect(codes(diagnostics)).not.toContain('syntax');
        expect(hoverText(await editor.hover(mainUri, positionOf(mainFixedText, 'pakkans "', 0, 2)))).toContain('Pakkans van daders');
    }, 60_000);

    it('answers a request about an unknown document without dying', async () => {
        const unknown = pathToFileURL(join(folder, 'nowhere', 'unknown.marvel')).toString();
        // An error response is fine; silence or a crash is not.
        await editor.hover(unknown, { line: 0, character: 0 }).catch((error: unknown) => error);
        await editor.completion('untitled:Untitled-1', { line: 0, character: 0 }).catch((error: unknown) => error);
        await editor.definition('file:///no/such/dir/x.txt', { line: 3, character: 3 }).catch((error: unknown) => error);
        expect(hoverText(await editor.hover(mainUri, positionOf(mainFixedText, 'pakkans "', 0, 2)))).toContain('Pakkans van daders');
    });

    it('logged no uncaught exception during the session', () => {
        const uncaught = editor.errors().filter(message => message.includes('MARVEL language server:'));
        expect(uncaught, `stderr: ${editor.stderr.slice(-2000)}`).toEqual([]);
    });

    it('shuts down and exits with code 0', async () => {
        await withTimeout(editor.connection.sendRequest(ShutdownRequest.type), 'shutdown');
        await editor.connection.sendNotification(ExitNotification.type);
        const { code, signal } = await withTimeout(exited, 'process exit after the exit notification');
        expect({ code, signal }).toEqual({ code: 0, signal: null });
    });
});
