import { EmptyFileSystem, URI } from 'langium';
import type { GraphFragment } from '../../language/model/graph-builder.js';
import { assembleModelGraphData, buildGraphFragment, writtenName } from '../../language/model/graph-builder.js';
import { defaultRelationScales } from '../../language/analysis/relation-scales.js';
import { ModelGraph } from '../../language/analysis/model-graph.js';
import type { MarvelFile } from '../../language/generated/ast.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import { createMarvelServices } from '../../language/marvel-module.js';
import { resolveImportPath } from '../../language/workspace/import-resolver.js';
import type { InputFile } from './input-files.js';
import { UsageError } from './input-files.js';
import type { ImportSource } from './model-workspace.js';
import type { AnalysedModel } from './trace-command.js';

/** What one file text contributes, kept after its syntax tree is dropped. */
interface ReadFile {
    readonly fragment: GraphFragment;
    readonly syntaxErrors: number;
    /** The import paths as written. */
    readonly imports: readonly string[];
}

/**
 * Reads the two sides of `marvel diff` as far as a diff needs them: each file is parsed, never
 * linked or validated, and names are resolved against the declarations of the model's files
 * (names are unique within a model, so the written name is the declaration). A file whose text
 * is the same on both sides (most files of a change) is parsed once. Its errors are the ones
 * this reading sees — syntax, unknown names, duplicate names, unreadable imports,
 * contradictory relations; `marvel check` reports every one.
 */
export class DiffModelReader {
    private readonly services: MarvelServices = createMarvelServices(EmptyFileSystem).Marvel;
    private readonly filesByText = new Map<string, ReadFile>();

    /** The model of the given files (a file, or every file of a directory) with every file they import from `source`. */
    async read(roots: readonly InputFile[], displayPath: string, source: ImportSource): Promise<AnalysedModel> {
        const fragments: GraphFragment[] = [];
        let errorCount = 0;
        const queue = roots.map(root => ({ path: root.path, text: root.text }));
        const seen = new Set(queue.map(file => URI.file(file.path).toString()));
        for (let next = queue.shift(); next; next = queue.shift()) {
            const file = this.readFile(next.path, next.text);
            fragments.push(file.fragment);
            errorCount += file.syntaxErrors;
            for (const imported of file.imports) {
                const uri = resolveImportPath(URI.file(next.path), imported);
                if (seen.has(uri.toString()) || !uri.path.endsWith('.marvel')) {
                    continue;
                }
                seen.add(uri.toString());
                try {
                    queue.push({ path: uri.fsPath, text: await source.read(uri.fsPath) });
                } catch (error) {
                    if (!(error instanceof UsageError)) {
                        throw error;
                    }
                    errorCount++;
                }
            }
        }
        const data = assembleModelGraphData(fragments);
        const graph = new ModelGraph(data);
        errorCount += unresolvedCount(fragments, graph) + duplicateCount(fragments) + contradictionCount(graph);
        return { graph, errorCount, displayPath };
    }

    private readFile(file: string, text: string): ReadFile {
        const known = this.filesByText.get(text);
        if (known) {
            return known;
        }
        const document = this.services.shared.workspace.LangiumDocumentFactory.fromString<MarvelFile>(text, URI.file(file));
        const read: ReadFile = {
            fragment: buildGraphFragment(document, this.services.documentation.CommentProvider, defaultRelationScales, writtenName),
            syntaxErrors: document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length,
            imports: document.parseResult.value.imports.map(i => i.path).filter((p): p is string => typeof p === 'string' && p.length > 0)
        };
        this.filesByText.set(text, read);
        return read;
    }
}

/** Relation ends, scenario settings and `in CATEGORY` that name nothing declared. */
function unresolvedCount(fragments: readonly GraphFragment[], graph: ModelGraph): number {
    const settings = fragments.flatMap(f => f.scenarios).reduce((sum, s) => sum + s.settings.filter(setting => !graph.factor(setting.factor)).length, 0);
    const categories = graph.factors.filter(f => f.category !== undefined && !graph.category(f.category)).length;
    return (graph.data.incompleteRelations?.length ?? 0) + settings + categories;
}

/** Declarations beyond the first of each name. */
function duplicateCount(fragments: readonly GraphFragment[]): number {
    const names = fragments.flatMap(f => [...f.factors, ...f.categories, ...f.scenarios].map(d => d.id));
    return names.length - new Set(names).size;
}

/** Source–target pairs linked with both `+` and `-`. */
function contradictionCount(graph: ModelGraph): number {
    const signs = new Map<string, Set<string>>();
    for (const relation of graph.relations) {
        const key = `${relation.source}\u0000${relation.target}`;
        signs.set(key, (signs.get(key) ?? new Set()).add(relation.sign));
    }
    return [...signs.values()].filter(s => s.has('+') && s.has('-')).length;
}
