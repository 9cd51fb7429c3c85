import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, UriUtils } from 'langium';
import type { URI } from 'vscode-uri';
import type { MarvelFile } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';

/**
 * A change in one file can change the diagnostics of every file of its model (a factor
 * elsewhere becomes unconnected, a KPI loses its last intervention). Langium relinks only
 * files that reference the changed one, so this marks the rest of the model for
 * revalidation too; they are not relinked, only validated again.
 *
 * Files that import a changed file, directly or through others, are relinked: what they
 * can see may have changed (the changed file's own imports, say). The linker redoes only
 * what needs it.
 *
 * The model is the one before the change (the changed file is not parsed yet) joined with
 * the models the change may connect it to: a file the new text imports names that file,
 * so every loaded file whose name occurs in the new text counts. After a deletion, which
 * is rare, every file is validated again.
 */
export function registerModelRevalidation(shared: LangiumSharedCoreServices, services: MarvelServices): void {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const textDocuments = shared.workspace.TextDocuments;
    const imports = services.workspace.ImportResolver;
    const resolve = imports.resolveImport.bind(imports);
    builder.onUpdate((changed: URI[], deleted: URI[]) => {
        const touched = new Set([...changed, ...deleted].map(uri => uri.toString()));
        const newTexts = changed.map(uri => textDocuments?.get(uri.toString())?.getText()).filter((text): text is string => text !== undefined)
            // An escaped character in an import path still leaves the file name in place.
            .map(text => text.replaceAll('\\', ''));
        // The changed files and those importing one of them (also when it is not loaded yet).
        const changeSources = new Set(touched);
        for (const document of documents.all) {
            if (importsAny(document, touched, resolve)) {
                changeSources.add(document.uri.toString());
            }
        }
        const connected: LangiumDocument[] = [];
        const importers = new Set<string>();
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (touched.has(uri)) {
                connected.push(document);
            } else if (changeSources.has(uri) || (hasTree(document) && imports.importClosure(document).some(u => changeSources.has(u)))) {
                importers.add(uri);
                connected.push(document);
            } else if (newTexts.some(text => text.includes(UriUtils.basename(document.uri)))) {
                connected.push(document);
            }
        }
        // A deleted file is gone already, and with it what it connected: everything counts then.
        const affected = deleted.length > 0
            ? new Set(documents.all.map(document => document.uri.toString()))
            : new Set(connected.flatMap(document => hasTree(document) ? imports.modelDocuments(document) : [document.uri.toString()]));
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (touched.has(uri)) {
                continue;
            }
            if (importers.has(uri)) {
                builder.resetToState(document, DocumentState.ComputedScopes);
            } else if (affected.has(uri)) {
                builder.resetToState(document, DocumentState.IndexedReferences);
            }
        }
    });
}

/** A document that has been parsed at least once (a new one is an empty placeholder until its first build). */
function hasTree(document: LangiumDocument): boolean {
    return (document.parseResult?.value as MarvelFile | undefined)?.$type === 'MarvelFile';
}

function importsAny(document: LangiumDocument, uris: ReadonlySet<string>, resolve: MarvelResolve): boolean {
    const root = document.parseResult?.value as MarvelFile | undefined;
    return (root?.imports ?? []).some(node => {
        const target = resolve(node);
        return target !== undefined && uris.has(target.toString());
    });
}

type MarvelResolve = (node: MarvelFile['imports'][number]) => URI | undefined;
