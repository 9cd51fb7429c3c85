import type { AstNode, AstNodeDescription, CstNode, LinkingError, Reference } from 'langium';
import { isAstNode, isLinkingError } from 'langium';

/** What a {@link CompactReference} asks its linker to resolve it. */
export interface ReferenceResolver {
    resolveReference(reference: CompactReference): AstNode | undefined;
}

/**
 * A reference with its getters on the prototype. Langium builds each reference as an object
 * literal with getters of its own, which V8 cannot give a shared shape: about 700 bytes per
 * reference, a quarter of the memory of a large model. This holds the same fields, with the
 * same meaning (`_ref`, `_nodeDescription` as Langium's linker sets them), in about 50.
 */
export class CompactReference implements Reference {
    _ref: AstNode | LinkingError | symbol | undefined = undefined;
    _nodeDescription: AstNodeDescription | undefined = undefined;

    constructor(
        private readonly resolver: ReferenceResolver,
        readonly container: AstNode,
        readonly property: string,
        readonly $refNode: CstNode | undefined,
        readonly $refText: string
    ) {}

    get ref(): AstNode | undefined {
        return isAstNode(this._ref) ? this._ref : this.resolver.resolveReference(this);
    }

    get $nodeDescription(): AstNodeDescription | undefined {
        return this._nodeDescription;
    }

    get error(): LinkingError | undefined {
        return isLinkingError(this._ref) ? this._ref : undefined;
    }
}
