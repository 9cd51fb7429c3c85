import type { AstReflection, IndexManager, ReferenceInfo, Scope } from 'langium';
import { AstUtils, MultiMapScope, WorkspaceCache } from 'langium';
import type { MarvelServices } from '../marvel-module.js';
import type { ImportResolver } from '../workspace/import-resolver.js';

/**
 * A reference sees the declarations of its own file and of every file it imports,
 * transitively. One scope per file and target type is built per workspace state.
 */
export class MarvelScopeProvider {
    private readonly reflection: AstReflection;
    private readonly indexManager: IndexManager;
    private readonly imports: ImportResolver;
    private readonly scopes: WorkspaceCache<string, Scope>;

    constructor(services: MarvelServices) {
        this.reflection = services.shared.AstReflection;
        this.indexManager = services.shared.workspace.IndexManager;
        this.imports = services.workspace.ImportResolver;
        this.scopes = new WorkspaceCache(services.shared);
    }

    getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const referenceType = this.reflection.getReferenceType(context);
        return this.scopes.get(`${referenceType} ${document.uri.toString()}`, () => {
            const closure = this.imports.importClosure(document);
            // Own declarations first, then imports nearest first, so a duplicated name resolves to the closest one.
            const elements = closure.flatMap(uri => this.indexManager.allElements(referenceType, new Set([uri])).toArray());
            return new MultiMapScope(elements);
        });
    }
}
