import type { AstNodeDescription, CommentProvider, IndexManager, LangiumDocument, LangiumDocuments } from 'langium';
import { WorkspaceCache } from 'langium';
import type { GraphFragment } from '../model/graph-builder.js';
import { assembleModelGraphData, buildGraphFragment } from '../model/graph-builder.js';
import type { ModelFinding } from '../analysis/model-checks.js';
import { checkModel } from '../analysis/model-checks.js';
import type { KpiEffect } from '../analysis/tracing/effect-summary.js';
import { summarizeInterventionEffects } from '../analysis/tracing/effect-summary.js';
import { ModelGraph } from '../analysis/model-graph.js';
import type { MarvelFile } from '../generated/ast.js';
import { groupBy } from '../analysis/grouping.js';
import type { MarvelServices } from '../marvel-module.js';
import type { MarvelLinker } from '../references/marvel-linker.js';
import { lexicalProblems } from '../validation/lexical-problems.js';
import type { ImportResolver } from './import-resolver.js';

/** One model: the files connected by imports, analysed together. */
export interface MarvelModel {
    /** URIs of the model's files, sorted. */
    readonly documentUris: readonly string[];
    readonly graph: ModelGraph;
    /** Graph-level findings of the whole model, computed once. */
    readonly findings: readonly ModelFinding[];
    /** The findings located in one file. */
    findingsIn(uri: string): readonly ModelFinding[];
    /** Every declaration of the model by name; more than one entry means a duplicate name. */
    readonly declarations: ReadonlyMap<string, readonly AstNodeDescription[]>;
    /** The declarations in one file whose name is declared elsewhere in the model too, each with all its namesakes. */
    duplicatesIn(uri: string): ReadonlyArray<{ readonly declaration: AstNodeDescription; readonly namesakes: readonly AstNodeDescription[] }>;
    /** Every intervention's bounded effect on every KPI (for code lenses and the mixed-effect hint), computed on first use. */
    readonly effects: ReadonlyMap<string, readonly KpiEffect[]>;
    /** True when any file of the model has lexing or parsing errors. */
    readonly hasSyntaxErrors: boolean;
}

/**
 * Builds the {@link MarvelModel} of a document once per workspace state and hands the
 * same instance to every validator, language feature and command that asks.
 */
export interface ModelProvider {
    getModel(document: LangiumDocument): MarvelModel;
}

export class DefaultModelProvider implements ModelProvider {
    private readonly imports: ImportResolver;
    private readonly documents: LangiumDocuments;
    private readonly indexManager: IndexManager;
    private readonly comments: CommentProvider;
    private readonly models: WorkspaceCache<string, MarvelModel>;
    /** Per file: the fragment, with the tree and link generation it was built from (its references may resolve differently in another). */
    private readonly fragments = new WeakMap<LangiumDocument, { root: unknown; generation: number; fragment: GraphFragment }>();
    private readonly linker: MarvelLinker;

    constructor(services: MarvelServices) {
        this.imports = services.workspace.ImportResolver;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexManager = services.shared.workspace.IndexManager;
        this.comments = services.documentation.CommentProvider;
        this.models = new WorkspaceCache(services.shared);
        this.linker = services.references.Linker;
    }

    getModel(document: LangiumDocument): MarvelModel {
        const uris = this.imports.modelDocuments(document);
        return this.models.get(uris[0] ?? document.uri.toString(), () => this.buildModel(document, uris));
    }

    private buildModel(document: LangiumDocument, sortedUris: readonly string[]): MarvelModel {
        const uriSet = new Set(sortedUris);
        const byUri = new Map(this.documents.all.filter(d => uriSet.has(d.uri.toString())).map(d => [d.uri.toString(), d] as const));
        const ordered = this.importOrder(document, sortedUris, byUri);
        const graph = new ModelGraph(assembleModelGraphData(ordered.map(d => this.fragmentOf(d))));
        const indexManager = this.indexManager;
        let findings: readonly ModelFinding[] | undefined;
        let findingsByUri: Map<string, ModelFinding[]> | undefined;
        let declarations: Map<string, AstNodeDescription[]> | undefined;
        let effects: Map<string, KpiEffect[]> | undefined;
        let duplicatesByUri: Map<string, Array<{ declaration: AstNodeDescription; namesakes: readonly AstNodeDescription[] }>> | undefined;
        return {
            documentUris: sortedUris,
            graph,
            get findings() {
                return findings ??= checkModel(graph);
            },
            findingsIn(uri) {
                findingsByUri ??= groupBy(this.findings, f => f.location.uri);
                return findingsByUri.get(uri) ?? [];
            },
            get effects() {
                return effects ??= summarizeInterventionEffects(graph);
            },
            get declarations() {
                return declarations ??= groupBy(indexManager.allElements(undefined, uriSet), d => d.name);
            },
            duplicatesIn(uri) {
                if (!duplicatesByUri) {
                    const duplicates = [...this.declarations.values()].filter(list => list.length > 1)
                        .flatMap(list => list.map(declaration => ({ declaration, namesakes: list })));
                    duplicatesByUri = groupBy(duplicates, d => d.declaration.documentUri.toString());
                }
                return duplicatesByUri.get(uri) ?? [];
            },
            hasSyntaxErrors: ordered.some(d => d.parseResult.lexerErrors.length > 0 || d.parseResult.parserErrors.length > 0 || lexicalProblems(d).length > 0)
        };
    }

    private fragmentOf(document: LangiumDocument<MarvelFile>): GraphFragment {
        const root = document.parseResult.value;
        const generation = this.linker.linkGeneration(document);
        const cached = this.fragments.get(document);
        if (cached && cached.root === root && cached.generation === generation) {
            return cached.fragment;
        }
        const fragment = buildGraphFragment(document, this.comments);
        this.fragments.set(document, { root, generation, fragment });
        return fragment;
    }

    /**
     * Files in import order from the model's root, so that the graph lists declarations the way a
     * reader meets them; files outside that closure follow in name order. The root is a file
     * nobody imports or, when the imports form a ring (each part imports the main file, which
     * imports them all), the file that names the model (`model …`), so that the order — and with
     * it the layout, the exports and the robustness draws — is the same whichever file is read first.
     */
    private importOrder(start: LangiumDocument, sortedUris: readonly string[], byUri: ReadonlyMap<string, LangiumDocument>): LangiumDocument<MarvelFile>[] {
        const imported = new Set<string>();
        for (const document of byUri.values()) {
            for (const uri of this.imports.importClosure(document).slice(1)) {
                imported.add(uri);
            }
        }
        const candidates = sortedUris.map(uri => byUri.get(uri)).filter((d): d is LangiumDocument => d !== undefined);
        const root = candidates.find(d => !imported.has(d.uri.toString()))
            ?? candidates.find(d => (d.parseResult.value as MarvelFile).header !== undefined)
            ?? start;
        const order = new Set(this.imports.importClosure(root));
        for (const uri of sortedUris) {
            order.add(uri);
        }
        return [...order].map(uri => byUri.get(uri)).filter((d): d is LangiumDocument => d !== undefined) as LangiumDocument<MarvelFile>[];
    }
}
