import type { LangiumDocument, URI } from 'langium';
import { DocumentState, TextDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { MarvelFile } from '../language/generated/ast.js';
import type { MarvelModuleContext, MarvelServices } from '../language/marvel-module.js';
import { createMarvelServices } from '../language/marvel-module.js';
import type { Timing } from './measure.js';
import { timeAsync } from './measure.js';

export interface SourceFile {
    readonly uri: URI;
    readonly text: string;
}

/** A set of built documents and the services that hold them, as the language server keeps them. */
export interface BenchWorkspace {
    readonly shared: LangiumSharedServices;
    readonly marvel: MarvelServices;
    readonly documents: readonly LangiumDocument<MarvelFile>[];
}

/**
 * Creates the services up front, because the language server does so once at start-up
 * (building the parser takes a while) and that cost is not part of opening a model.
 */
export function createServices(context: MarvelModuleContext): { shared: LangiumSharedServices; marvel: MarvelServices } {
    const { shared, Marvel } = createMarvelServices(context);
    // Services are created lazily; the parser (a grammar analysis of its own) would otherwise be built inside the first timed parse.
    void Marvel.parser.LangiumParser;
    void Marvel.parser.AsyncParser;
    return { shared, marvel: Marvel };
}

/** Parses, indexes, links and validates the files the way the command line and the server do; returns the time taken. */
export async function buildWorkspace(services: { shared: LangiumSharedServices; marvel: MarvelServices }, files: readonly SourceFile[]): Promise<{ workspace: BenchWorkspace; timing: Timing }> {
    const documents: LangiumDocument<MarvelFile>[] = [];
    const timing = await timeAsync(async () => {
        const factory = services.shared.workspace.LangiumDocumentFactory;
        for (const file of files) {
            const document = factory.fromString<MarvelFile>(file.text, file.uri);
            services.shared.workspace.LangiumDocuments.addDocument(document);
            documents.push(document);
        }
        await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    });
    return { workspace: { ...services, documents }, timing };
}

/**
 * Replaces one file's text and rebuilds as the language server does on `didChange`: the new
 * text goes into the open text documents and `DocumentBuilder.update` runs under the workspace
 * lock. Resolves once every document of the workspace is validated again; returns the time taken.
 */
export async function applyEdit(workspace: BenchWorkspace, uri: URI, text: string, version: number): Promise<Timing> {
    const workspaceServices = workspace.shared.workspace;
    const timing = await timeAsync(async () => {
        workspaceServices.TextDocuments.set(TextDocument.create(uri.toString(), 'marvel', version, text));
        await workspaceServices.WorkspaceLock.write(token => workspaceServices.DocumentBuilder.update([uri], [], token));
    });
    const stale = workspaceServices.LangiumDocuments.all.filter(d => d.state < DocumentState.Validated).count();
    if (stale > 0) {
        // A benchmark that stops early would report a flattering time, so this is a failure, not a figure.
        throw new Error(`${stale} document(s) not validated after the edit of ${uri.toString()}`);
    }
    return timing;
}

/** The document currently held for a URI (an edit replaces its AST, not the document). */
export function documentAt(workspace: BenchWorkspace, uri: URI): LangiumDocument<MarvelFile> {
    return workspace.shared.workspace.LangiumDocuments.getDocument(uri) as LangiumDocument<MarvelFile>;
}

export interface DiagnosticCounts {
    readonly errors: number;
    readonly warnings: number;
}

/** Errors and warnings over the workspace: a sanity check that the benchmarked model is a realistic, mostly clean one. */
export function countDiagnostics(workspace: BenchWorkspace): DiagnosticCounts {
    let errors = 0;
    let warnings = 0;
    for (const document of workspace.shared.workspace.LangiumDocuments.all) {
        for (const diagnostic of document.diagnostics ?? []) {
            if (diagnostic.severity === 1) {
                errors++;
            } else if (diagnostic.severity === 2) {
                warnings++;
            }
        }
    }
    return { errors, warnings };
}

/** Factors and relations of the model the root file belongs to, as the analyses see it. */
export function modelSize(workspace: BenchWorkspace, root: LangiumDocument): { factors: number; relations: number } {
    const graph = workspace.marvel.workspace.ModelProvider.getModel(root).graph;
    return { factors: graph.factors.length, relations: graph.relations.length };
}

