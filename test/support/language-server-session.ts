import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { CodeLens, CompletionItem, CompletionList, ConfigurationParams, Definition, Diagnostic, Hover, InitializeResult, LocationLink, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
    CodeLensRefreshRequest, CodeLensRequest, CompletionRequest, ConfigurationRequest, DefinitionRequest, DidChangeConfigurationNotification, DidChangeTextDocumentNotification,
    DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest
} from 'vscode-languageserver-protocol';

/** One `textDocument/publishDiagnostics` the server sent, with when it arrived (performance.now()). */
export interface Publication {
    readonly uri: string;
    readonly diagnostics: readonly Diagnostic[];
    readonly atMs: number;
}

/** What the editor answers to `workspace/configuration`, by section: `{ marvel: { codeLens: { robustnessSamples: 500 } } }`. */
export type EditorSettings = Readonly<Record<string, unknown>>;

/**
 * The bundled language server (out/server.cjs) over stdio, driven the way an editor drives it:
 * for the benchmark's latency figures and for protocol tests that need many requests in flight.
 * Every publication of diagnostics is recorded in arrival order, and every request to refresh
 * the code lenses counted.
 */
export class LanguageServerSession {
    readonly publications: Publication[] = [];
    /** How many times the server asked the editor to request the code lenses again. */
    codeLensRefreshes = 0;
    private settings: EditorSettings = {};
    private readonly versions = new Map<string, number>();
    private readonly listeners: Array<() => void> = [];
    private readonly exited: Promise<void>;

    private constructor(private readonly child: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {
        this.exited = new Promise(resolve => child.once('exit', () => resolve()));
        connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
            this.publications.push({ uri: params.uri, diagnostics: params.diagnostics, atMs: performance.now() });
            this.notify();
        });
        connection.onRequest(ConfigurationRequest.type, (params: ConfigurationParams) => params.items.map(item => item.section !== undefined ? this.settings[item.section] ?? null : null));
        connection.onRequest(CodeLensRefreshRequest.type, () => {
            this.codeLensRefreshes++;
            this.notify();
            return null;
        });
        // An editor that answered nothing to registration requests would stall the server.
        connection.onRequest(() => null);
        connection.listen();
    }

    /**
     * Starts the server on a workspace folder and initializes it as VS Code does. With settings,
     * the editor answers the server's configuration requests with them (else it has none to give).
     */
    static async start(serverBundle: string, folder: string, settings?: EditorSettings): Promise<LanguageServerSession> {
        const child = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
        child.stderr.resume();
        const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
        const session = new LanguageServerSession(child, connection);
        session.settings = settings ?? {};
        const rootUri = pathToFileURL(folder).toString();
        await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'marvel' }],
            capabilities: {
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: { workspaceFolders: true, configuration: settings !== undefined, codeLens: { refreshSupport: true } }
            }
        }) satisfies InitializeResult;
        await connection.sendNotification(InitializedNotification.type, {});
        return session;
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'marvel', version: 1, text } });
    }

    /** Replaces the whole text of an open document. */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    /** Changes the settings as an editor does: the new values in a `workspace/didChangeConfiguration`. */
    async changeSettings(settings: EditorSettings): Promise<void> {
        this.settings = settings;
        await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
    }

    codeLenses(uri: string): Promise<CodeLens[] | null> {
        return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    }

    /** Resolves once the server has asked for the code lenses to be refreshed more than `seen` times; rejects after `timeoutMs`. */
    codeLensRefreshAfter(seen: number, timeoutMs: number): Promise<void> {
        return this.until(() => this.codeLensRefreshes > seen, `no code lens refresh within ${timeoutMs} ms`, timeoutMs);
    }

    hover(uri: string, position: Position): Promise<Hover | null> {
        return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    }

    completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
        return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    }

    definition(uri: string, position: Position): Promise<Definition | LocationLink[] | null> {
        return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position });
    }

    /** Resolves at the first publication from now on that satisfies `accept`; rejects after `timeoutMs`. */
    async nextPublication(accept: (publication: Publication) => boolean, timeoutMs: number): Promise<Publication> {
        const from = this.publications.length;
        let found: Publication | undefined;
        await this.until(() => (found = this.publications.slice(from).find(accept)) !== undefined, `no matching diagnostics within ${timeoutMs} ms`, timeoutMs);
        return found!;
    }

    /** Resolves when `done` holds after a message from the server; rejects with `failure` after `timeoutMs`. */
    private until(done: () => boolean, failure: string, timeoutMs: number): Promise<void> {
        if (done()) {
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const listener = (): void => {
                if (done()) {
                    this.listeners.splice(this.listeners.indexOf(listener), 1);
                    clearTimeout(timer);
                    resolve();
                }
            };
            const timer = setTimeout(() => {
                this.listeners.splice(this.listeners.indexOf(listener), 1);
                reject(new Error(failure));
            }, timeoutMs);
            this.listeners.push(listener);
        });
    }

    private notify(): void {
        for (const listener of [...this.listeners]) {
            listener();
        }
    }

    /** Resolves once no diagnostics have arrived for `quietMs`. */
    async settled(quietMs: number): Promise<void> {
        let count = -1;
        while (count !== this.publications.length) {
            count = this.publications.length;
            await new Promise(resolve => setTimeout(resolve, quietMs));
        }
    }

    /** The diagnostics last published for each URI. */
    latestDiagnostics(): Map<string, readonly Diagnostic[]> {
        return new Map(this.publications.map(p => [p.uri, p.diagnostics]));
    }

    /** Shuts the server down as an editor does; kills it if it does not exit. */
    async stop(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise(resolve => setTimeout(resolve, 5000))]);
            await this.connection.sendNotification(ExitNotification.type);
            await Promise.race([this.exited, new Promise(resolve => setTimeout(resolve, 5000))]);
        } finally {
            this.connection.dispose();
            if (this.child.exitCode === null && this.child.signalCode === null) {
                this.child.kill('SIGKILL');
            }
        }
    }
}

/** Milliseconds an action took. */
export async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const start = performance.now();
    const value = await action();
    return { value, ms: performance.now() - start };
}
