import type { LangiumDocument, LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { DocumentState, UriUtils, WorkspaceCache } from 'langium';
import type { URI } from 'vscode-uri';
import type { Import, MarvelFile } from '../generated/ast.js';
import type { FileIdentity } from './file-identity.js';

/**
 * Resolves `import "path"` statements and answers which documents form a model.
 *
 * Two notions matter: the *import closure* of a file (what its names may refer to)
 * and the *model* it belongs to (every file connected to it through imports in either
 * direction: the files analysed together as one graph).
 */
export interface ImportResolver {
    /** The URI an import statement points to, relative to the importing file. */
    resolveImport(importNode: Import): URI | undefined;
    /**
     * The file an import reads: the real file it points to (symbolic links resolved), and
     * only when that is a `.marvel` file, so that a link named `x.marvel` cannot make
     * MARVEL read `/etc/passwd`. Undefined when the import reads nothing.
     */
    importedFile(importNode: Import): URI | undefined;
    /** The loaded document of the file an import points to, if it is loaded (one document per real file). */
    importedDocument(importNode: Import): LangiumDocument<MarvelFile> | undefined;
    /** URIs of the document and every loaded document it imports, transitively, in a stable order. */
    importClosure(document: LangiumDocument): readonly string[];
    /** URIs of every loaded document connected to this one by imports, in a stable order. */
    modelDocuments(document: LangiumDocument): readonly string[];
}

/** The file `import "written"` in the file at `importer` points to. */
export function resolveImportPath(importer: URI, written: string): URI {
    const path = written.replace(/\\/g, '/');
    const base = UriUtils.dirname(importer);
    return path.startsWith('/') ? base.with({ path }) : UriUtils.resolvePath(base, path);
}

export class DefaultImportResolver implements ImportResolver {
    private readonly documents: LangiumDocuments;
    private readonly closures: WorkspaceCache<string, readonly string[]>;
    private readonly models: WorkspaceCache<string, readonly string[]>;
    private readonly documentsByRealFile: WorkspaceCache<'all', ReadonlyMap<string, LangiumDocument>>;
    private readonly realFiles: WorkspaceCache<string, URI>;

    constructor(services: LangiumSharedCoreServices, private readonly fileIdentity: FileIdentity) {
        this.documents = services.workspace.LangiumDocuments;
        // Evicted once every document of a build is parsed, so that answers always describe the current imports.
        this.closures = new WorkspaceCache(services, DocumentState.IndexedContent);
        this.models = new WorkspaceCache(services, DocumentState.IndexedContent);
        this.documentsByRealFile = new WorkspaceCache(services, DocumentState.IndexedContent);
        this.realFiles = new WorkspaceCache(services, DocumentState.IndexedContent);
    }

    resolveImport(importNode: Import): URI | undefined {
        const document = importNode.$container.$document;
        // Relative to where the file really is, as `marvel check` reads it: a file opened through a link imports what its real neighbours are.
        return document && importNode.path ? resolveImportPath(this.realFileOf(document.uri), importNode.path) : undefined;
    }

    importedFile(importNode: Import): URI | undefined {
        const uri = this.resolveImport(importNode);
        const file = uri && this.fileIdentity.realFile(uri);
        return file?.path.endsWith('.marvel') ? file : undefined;
    }

    importedDocument(importNode: Import): LangiumDocument<MarvelFile> | undefined {
        const uri = this.resolveImport(importNode);
        if (!uri) {
            return undefined;
        }
        if (this.documents.hasDocument(uri)) {
            return this.documents.getDocument(uri) as LangiumDocument<MarvelFile>;
        }
        // Reached another way (a symbolic link, a link to the folder): look the file up by what it really is.
        const file = this.importedFile(importNode);
        return file && this.documentsByFile().get(file.toString()) as LangiumDocument<MarvelFile> | undefined;
    }

    /** The real file of a URI, asked of the disk once per build. */
    private realFileOf(uri: URI): URI {
        return this.realFiles.get(uri.toString(), () => this.fileIdentity.realFile(uri));
    }

    /** Loaded documents by their real file; asked only when an import is not found under the path it spells. */
    private documentsByFile(): ReadonlyMap<string, LangiumDocument> {
        return this.documentsByRealFile.get('all', () => {
            const byFile = new Map<string, LangiumDocument>();
            for (const document of this.documents.all) {
                const key = this.realFileOf(document.uri).toString();
                if (!byFile.has(key)) {
                    byFile.set(key, document);
                }
            }
            return byFile;
        });
    }

    importClosure(document: LangiumDocument): readonly string[] {
        const key = document.uri.toString();
        return this.closures.get(key, () => this.walk(document, doc => this.directImports(doc)));
    }

    modelDocuments(document: LangiumDocument): readonly string[] {
        const key = document.uri.toString();
        return this.models.get(key, () => {
            const importers = this.importersByUri();
            const members = this.walk(document, doc => [
                ...this.directImports(doc),
                ...(importers.get(doc.uri.toString()) ?? [])
            ]);
            const sorted = [...members].sort();
            for (const uri of sorted) {
                this.models.set(uri, sorted);
            }
            return sorted;
        });
    }

    private directImports(document: LangiumDocument): LangiumDocument[] {
        const root = document.parseResult?.value as MarvelFile | undefined;
        const imported: LangiumDocument[] = [];
        for (const importNode of root?.imports ?? []) {
            const target = this.importedDocument(importNode);
            if (target) {
                imported.push(target);
            }
        }
        return imported;
    }

    private importersByUri(): Map<string, LangiumDocument[]> {
        const importers = new Map<string, LangiumDocument[]>();
        for (const document of this.documents.all) {
            for (const imported of this.directImports(document)) {
                const key = imported.uri.toString();
                const list = importers.get(key) ?? [];
                list.push(document);
                importers.set(key, list);
            }
        }
        return importers;
    }

    /** Documents reached from `start`, one per real file: a file open through a link and under its real path counts once. */
    private walk(start: LangiumDocument, next: (document: LangiumDocument) => Iterable<LangiumDocument>): string[] {
        const seen = new Set<string>([this.realFileOf(start.uri).toString()]);
        const order = [start.uri.toString()];
        const queue = [start];
        while (queue.length > 0) {
            const current = queue.shift()!;
            for (const neighbour of next(current)) {
                const key = this.realFileOf(neighbour.uri).toString();
                if (!seen.has(key)) {
                    seen.add(key);
                    order.push(neighbour.uri.toString());
                    queue.push(neighbour);
                }
            }
        }
        return order;
    }
}
