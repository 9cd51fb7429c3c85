import type { AstReflection, IndexManager, LangiumDocument, ReferenceInfo, Scope } from 'langium';
import { AstUtils, EMPTY_SCOPE, MultiMapScope, WorkspaceCache } from 'langium';
import type { MarvelServices } from '../marvel-module.js';
import type { ImportResolver } from '../workspace/import-resolver.js';

/**
 * A reference sees the declarations of its own file and of every file it imports,
 * transitively. Files with the same import closure (all files of a ring of imports, say)
 * share one scope per target type and workspace state.
 */
export class MarvelScopeProvider {
    private readonly reflection: AstReflection;
    private readonly indexManager: IndexManager;
    private readonly imports: ImportResolver;
    /** Per import closure (its sorted URIs joined). */
    private readonly scopesByClosure: WorkspaceCache<string, ClosureScopes>;
    /** The same per document, so that resolving a reference costs no closure computation. */
    private readonly scopesByDocument: WorkspaceCache<LangiumDocument, ClosureScopes>;

    constructor(services: MarvelServices) {
        this.reflection = services.shared.AstReflection;
        this.indexManager = services.shared.workspace.IndexManager;
        this.imports = services.workspace.ImportResolver;
        this.scopesByClosure = new WorkspaceCache(services.shared);
        this.scopesByDocument = new WorkspaceCache(services.shared);
    }

    getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        let referenceType: string;
        try {
            referenceType = this.reflection.getReferenceType(context);
        } catch {
            // Completion inside broken text can ask about a property that holds no reference.
            return EMPTY_SCOPE;
        }
        const scopes = this.scopesByDocument.get(document, () => {
            // Sorted, so that every file of a ring shares the scope; a duplicated name (an error
            // anyway) then resolves to the same declaration from every file.
            const closure = [...this.imports.importClosure(document)].sort();
            return this.scopesByClosure.get(closure.join(' '), () => ({ closure, byType: new Map() }));
        });
        let scope = scopes.byType.get(referenceType);
        if (!scope) {
            scope = new MultiMapScope(scopes.closure.flatMap(uri => this.indexManager.allElements(referenceType, new Set([uri])).toArray()));
            scopes.byType.set(referenceType, scope);
        }
        return scope;
    }
}

interface ClosureScopes {
    readonly closure: readonly string[];
    readonly byType: Map<string, Scope>;
}
