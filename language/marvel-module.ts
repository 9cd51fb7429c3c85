import type { LangiumSharedCoreServices, Module, PartialLangiumCoreServices } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { MarvelGeneratedModule, MarvelGeneratedSharedModule } from './generated/module.js';
import { MarvelCodeLensProvider } from './lsp/marvel-code-lens-provider.js';
import { MarvelCodeActionProvider } from './lsp/marvel-code-action-provider.js';
import { MarvelCompletionProvider } from './lsp/marvel-completion-provider.js';
import { MarvelDocumentSymbolProvider } from './lsp/marvel-document-symbol-provider.js';
import { MarvelFormatter } from './lsp/marvel-formatter.js';
import { MarvelHoverProvider } from './lsp/marvel-hover-provider.js';
import type { LensRobustness } from './lsp/lens-robustness.js';
import { NoLensRobustness } from './lsp/lens-robustness.js';
import { MarvelFileOperationHandler } from './lsp/marvel-file-operation-handler.js';
import { MarvelWorkspaceSymbolProvider } from './lsp/marvel-workspace-symbol-provider.js';
import { MarvelNodeKindProvider } from './lsp/marvel-node-kind-provider.js';
import { MarvelRenameProvider } from './lsp/marvel-rename-provider.js';
import { MarvelSemanticTokenProvider } from './lsp/marvel-semantic-token-provider.js';
import { MarvelLexer } from './parser/marvel-lexer.js';
import { createMarvelParser } from './parser/marvel-parser.js';
import { MarvelTokenBuilder } from './parser/marvel-token-builder.js';
import { MarvelValueConverter } from './parser/marvel-value-converter.js';
import { MarvelLinker } from './references/marvel-linker.js';
import { MarvelScopeComputation } from './references/marvel-scope-computation.js';
import { MarvelScopeProvider } from './references/marvel-scope-provider.js';
import type { ResolutionEpoch } from './references/resolution-epoch.js';
import { DefaultResolutionEpoch } from './references/resolution-epoch.js';
import { MarvelDocumentValidator } from './validation/marvel-document-validator.js';
import { MarvelValidator, registerValidationChecks } from './validation/marvel-validator.js';
import type { FileIdentity } from './workspace/file-identity.js';
import { LexicalFileIdentity } from './workspace/file-identity.js';
import type { ImportResolver } from './workspace/import-resolver.js';
import { DefaultImportResolver } from './workspace/import-resolver.js';
import type { ModelProvider } from './workspace/model-provider.js';
import { DefaultModelProvider } from './workspace/model-provider.js';
import { MarvelDocumentBuilder } from './workspace/marvel-document-builder.js';
import { MarvelIndexManager } from './workspace/marvel-index-manager.js';
import { MarvelNodeDescriptionProvider } from './workspace/marvel-node-description-provider.js';
import { MarvelReferenceDescriptionProvider } from './workspace/marvel-reference-description-provider.js';
import { registerModelRevalidation } from './workspace/model-revalidation.js';
import { UnreadableFiles } from './workspace/unreadable-files.js';

/** Services MARVEL adds to Langium's. */
export type MarvelAddedServices = {
    workspace: {
        FileIdentity: FileIdentity;
        ImportResolver: ImportResolver;
        ModelProvider: ModelProvider;
        UnreadableFiles: UnreadableFiles;
    };
    references: {
        Linker: MarvelLinker;
        ResolutionEpoch: ResolutionEpoch;
    };
    validation: {
        MarvelValidator: MarvelValidator;
    };
    lsp: {
        LensRobustness: LensRobustness;
    };
};

export type MarvelServices = LangiumServices & MarvelAddedServices;

export const MarvelModule: Module<MarvelServices, PartialLangiumServices & PartialLangiumCoreServices & MarvelAddedServices> = {
    workspace: {
        FileIdentity: () => new LexicalFileIdentity(),
        ImportResolver: services => new DefaultImportResolver(services.shared, services.workspace.FileIdentity),
        ModelProvider: services => new DefaultModelProvider(services),
        UnreadableFiles: () => new UnreadableFiles(),
        AstNodeDescriptionProvider: services => new MarvelNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new MarvelReferenceDescriptionProvider(services)
    },
    parser: {
        LangiumParser: services => createMarvelParser(services),
        Lexer: services => new MarvelLexer(services),
        TokenBuilder: () => new MarvelTokenBuilder(),
        ValueConverter: () => new MarvelValueConverter()
    },
    references: {
        Linker: services => new MarvelLinker(services),
        ResolutionEpoch: services => new DefaultResolutionEpoch(services.shared, services.workspace.ImportResolver),
        ScopeComputation: services => new MarvelScopeComputation(services),
        ScopeProvider: services => new MarvelScopeProvider(services)
    },
    lsp: {
        CodeActionProvider: services => new MarvelCodeActionProvider(services),
        CodeLensProvider: services => new MarvelCodeLensProvider(services),
        CompletionProvider: services => new MarvelCompletionProvider(services),
        DocumentSymbolProvider: services => new MarvelDocumentSymbolProvider(services),
        Formatter: services => new MarvelFormatter(services),
        HoverProvider: services => new MarvelHoverProvider(services),
        LensRobustness: () => new NoLensRobustness(),
        RenameProvider: services => new MarvelRenameProvider(services),
        SemanticTokenProvider: services => new MarvelSemanticTokenProvider(services),
    },
    validation: {
        DocumentValidator: services => new MarvelDocumentValidator(services),
        MarvelValidator: services => new MarvelValidator(services)
    }
};

/** Shared services MARVEL replaces. */
export const MarvelSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new MarvelDocumentBuilder(services),
        IndexManager: services => new MarvelIndexManager(services)
    },
    lsp: {
        NodeKindProvider: () => new MarvelNodeKindProvider(),
        FileOperationHandler: services => new MarvelFileOperationHandler(services),
        WorkspaceSymbolProvider: services => new MarvelWorkspaceSymbolProvider(services)
    }
};

export interface MarvelServiceSet {
    shared: LangiumSharedServices;
    Marvel: MarvelServices;
}

export interface MarvelModuleContext extends DefaultSharedModuleContext {
    /** Which file a URI names; on disk, its real path. Without it a URI names itself. */
    fileIdentity?: () => FileIdentity;
    /** The files the file system refused to read, shared with it. */
    unreadableFiles?: () => UnreadableFiles;
    /** The language server's robustness sampling for the code lens; without it the lenses carry no shares. */
    lensRobustness?: (services: MarvelServices) => LensRobustness;
}

/** Creates the shared and the MARVEL services; without a connection, for tests and the command line. */
export function createMarvelServices(context: MarvelModuleContext): MarvelServiceSet {
    const shared = inject(createDefaultSharedModule(context), MarvelGeneratedSharedModule, MarvelSharedModule);
    const disk: Module<MarvelServices, { workspace?: Partial<MarvelAddedServices['workspace']> }> = {
        workspace: {
            ...context.fileIdentity ? { FileIdentity: context.fileIdentity } : {},
            ...context.unreadableFiles ? { UnreadableFiles: context.unreadableFiles } : {}
        }
    };
    const lensRobustness: Module<MarvelServices, { lsp?: Partial<MarvelAddedServices['lsp']> }> = context.lensRobustness ? { lsp: { LensRobustness: context.lensRobustness } } : {};
    const Marvel = inject(createDefaultModule({ shared }), MarvelGeneratedModule, MarvelModule, disk, lensRobustness);
    shared.ServiceRegistry.register(Marvel);
    registerValidationChecks(Marvel);
    registerModelRevalidation(shared as LangiumSharedCoreServices, Marvel);
    // Created now, not on first use: it must see every file indexed from the first build on.
    void Marvel.references.ResolutionEpoch;
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Marvel };
}
