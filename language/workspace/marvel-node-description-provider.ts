import type { AstNode, AstNodeDescription, AstNodeLocator, DocumentSegment, LangiumCoreServices, LangiumDocument, NameProvider, URI } from 'langium';
import { AstUtils, CstUtils, DefaultAstNodeDescriptionProvider } from 'langium';

/**
 * Describes each declaration for the index with one small object. Langium's description is an
 * object literal with a getter of its own (so V8 keeps it as a dictionary), a closure for that
 * getter, and its path and whole-node segment worked out up front: about 800 bytes per
 * declaration, a tenth of the memory of a large model. This one holds the node and works its
 * path and segments out when asked (they follow from the node, whose tree never changes).
 */
export class MarvelNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    private readonly lookup: DescriptionLookup;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.lookup = { locator: this.astNodeLocator, names: this.nameProvider };
    }

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const named = name ?? this.nameProvider.getName(node);
        if (!named) {
            throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        }
        return new NodeDescription(node, named, (document ?? AstUtils.getDocument(node)).uri, this.lookup);
    }
}

/** The services a description asks for its path and name; one per provider, shared by its descriptions. */
interface DescriptionLookup {
    readonly locator: AstNodeLocator;
    readonly names: NameProvider;
}

class NodeDescription implements AstNodeDescription {
    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly lookup: DescriptionLookup
    ) {}

    get type(): string {
        return this.node.$type;
    }

    get path(): string {
        return this.lookup.locator.getAstNodePath(this.node);
    }

    get nameSegment(): DocumentSegment | undefined {
        return CstUtils.toDocumentSegment(this.lookup.names.getNameNode(this.node) ?? this.node.$cstNode);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return CstUtils.toDocumentSegment(this.node.$cstNode);
    }
}
