import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState } from 'langium';
import type { URI } from 'vscode-uri';
import type { MarvelFile } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';

/**
 * A change in one file can change the diagnostics of every file of its model (a factor
 * elsewhere becomes unconnected, a KPI loses its last intervention). Langium relinks only
 * files that reference the changed one, so this marks the rest of the model for
 * revalidation too; they are not relinked, only validated again.
 */
export function registerModelRevalidation(shared: LangiumSharedCoreServices, services: MarvelServices): void {
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const imports = services.workspace.ImportResolver;
    builder.onUpdate((changed: URI[], deleted: URI[]) => {
        const affected = new Set<string>();
        const importers = new Set<string>();
        const touched = new Set([...changed, ...deleted].map(uri => uri.toString()));
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (touched.has(uri) && document.state > DocumentState.Parsed) {
                imports.modelDocuments(document).forEach(u => affected.add(u));
            } else if (importsAny(document, touched, imports.resolveImport.bind(imports))) {
                importers.add(uri);
            }
        }
        for (const document of documents.all) {
            const uri = document.uri.toString();
            if (touched.has(uri)) {
                continue;
            }
            if (importers.has(uri)) {
                // What the file can see changed (an imported file appeared, went or changed): link it again.
                builder.resetToState(document, DocumentState.ComputedScopes);
            } else if (affected.has(uri)) {
                builder.resetToState(document, DocumentState.IndexedReferences);
            }
        }
    });
}

function importsAny(document: LangiumDocument, uris: ReadonlySet<string>, resolve: MarvelResolve): boolean {
    const root = document.parseResult?.value as MarvelFile | undefined;
    return (root?.imports ?? []).some(node => {
        const target = resolve(node);
        return target !== undefined && uris.has(target.toString());
    });
}

type MarvelResolve = (node: MarvelFile['imports'][number]) => URI | undefined;
