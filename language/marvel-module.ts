import type { LangiumSharedCoreServices, Module, PartialLangiumCoreServices } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import { MarvelGeneratedModule, MarvelGeneratedSharedModule } from './generated/module.js';
import { MarvelTokenBuilder } from './parser/marvel-token-builder.js';
import { MarvelScopeComputation } from './references/marvel-scope-computation.js';
import { MarvelScopeProvider } from './references/marvel-scope-provider.js';
import { MarvelDocumentValidator } from './validation/marvel-document-validator.js';
import { MarvelValidator, registerValidationChecks } from './validation/marvel-validator.js';
import type { ImportResolver } from './workspace/import-resolver.js';
import { DefaultImportResolver } from './workspace/import-resolver.js';
import type { ModelProvider } from './workspace/model-provider.js';
import { DefaultModelProvider } from './workspace/model-provider.js';
import { registerModelRevalidation } from './workspace/model-revalidation.js';

/** Services MARVEL adds to Langium's. */
export type MarvelAddedServices = {
    workspace: {
        ImportResolver: ImportResolver;
        ModelProvider: ModelProvider;
    };
    validation: {
        MarvelValidator: MarvelValidator;
    };
};

export type MarvelServices = LangiumServices & MarvelAddedServices;

export const MarvelModule: Module<MarvelServices, PartialLangiumServices & PartialLangiumCoreServices & MarvelAddedServices> = {
    workspace: {
        ImportResolver: services => new DefaultImportResolver(services.shared),
        ModelProvider: services => new DefaultModelProvider(services)
    },
    parser: {
        TokenBuilder: () => new MarvelTokenBuilder()
    },
    references: {
        ScopeComputation: services => new MarvelScopeComputation(services),
        ScopeProvider: services => new MarvelScopeProvider(services)
    },
    validation: {
        DocumentValidator: services => new MarvelDocumentValidator(services),
        MarvelValidator: services => new MarvelValidator(services)
    }
};

export interface MarvelServiceSet {
    shared: LangiumSharedServices;
    Marvel: MarvelServices;
}

/** Creates the shared and the MARVEL services; without a connection, for tests and the command line. */
export function createMarvelServices(context: DefaultSharedModuleContext): MarvelServiceSet {
    const shared = inject(createDefaultSharedModule(context), MarvelGeneratedSharedModule);
    const Marvel = inject(createDefaultModule({ shared }), MarvelGeneratedModule, MarvelModule);
    shared.ServiceRegistry.register(Marvel);
    registerValidationChecks(Marvel);
    registerModelRevalidation(shared as LangiumSharedCoreServices, Marvel);
    if (!context.connection) {
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Marvel };
}
