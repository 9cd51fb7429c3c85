import type { IndexManager, LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState } from 'langium';
import type { MarvelFile } from '../generated/ast.js';
import type { ImportResolver } from '../workspace/import-resolver.js';

/**
 * Counts the changes after which a reference into an *unchanged* file may resolve differently:
 * a file's imports change (so import closures change), a file appears or goes, or a file starts
 * to declare a name another file declares too (the scope then holds two candidates). Between
 * two such changes, a reference keeps its target unless that target's own file changed, which
 * lets the linker relink only the references into edited files.
 */
export interface ResolutionEpoch {
    readonly current: number;
}

/** What a file offers to others: where its imports point and which names it declares. */
interface FileInterface {
    readonly imports: string;
    readonly names: ReadonlySet<string>;
}

export class DefaultResolutionEpoch implements ResolutionEpoch {
    private epoch = 0;
    private readonly interfaces = new Map<string, FileInterface>();
    private readonly indexManager: IndexManager;

    constructor(shared: LangiumSharedCoreServices, private readonly imports: ImportResolver) {
        this.indexManager = shared.workspace.IndexManager;
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedContent, document => this.indexed(document));
        shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
            for (const uri of deleted) {
                // A deleted folder arrives as one URI: forget everything below it too.
                const prefix = uri.toString();
                for (const key of [...this.interfaces.keys()].filter(key => key === prefix || key.startsWith(`${prefix}/`))) {
                    this.interfaces.delete(key);
                    this.epoch++;
                }
            }
        });
    }

    get current(): number {
        return this.epoch;
    }

    private indexed(document: LangiumDocument): void {
        const uri = document.uri.toString();
        const root = document.parseResult.value as MarvelFile;
        const current: FileInterface = {
            imports: (root.imports ?? []).map(node => this.imports.resolveImport(node)?.toString() ?? '').join('\n'),
            names: new Set(this.indexManager.allElements(undefined, new Set([uri])).map(description => description.name))
        };
        const previous = this.interfaces.get(uri);
        this.interfaces.set(uri, current);
        if (!previous || previous.imports !== current.imports || this.declaresNewSharedName(uri, previous.names, current.names)) {
            this.epoch++;
        }
    }

    /** Whether a name the file did not declare before is declared by another file as well. */
    private declaresNewSharedName(uri: string, before: ReadonlySet<string>, after: ReadonlySet<string>): boolean {
        const added = [...after].filter(name => !before.has(name));
        if (added.length === 0) {
            return false;
        }
        const addedSet = new Set(added);
        return this.indexManager.allElements().some(description => addedSet.has(description.name) && description.documentUri.toString() !== uri);
    }
}
