import type { LangiumDocument, MaybePromise } from 'langium';
import { AstUtils } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { MarvelFile } from '../generated/ast.js';
import { isFactor } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';
import { MarvelCommand } from '../protocol/commands.js';
import type { ModelProvider } from '../workspace/model-provider.js';
import { lensPart } from '../text/effect-text.js';

/** Above each intervention: its verdict per KPI, e.g. "Aantal slachtoffers: desired · 12 paths | In beeld: mixed, mostly desired · 200+ paths". */
export class MarvelCodeLensProvider implements CodeLensProvider {
    private readonly models: ModelProvider;

    constructor(services: MarvelServices) {
        this.models = services.workspace.ModelProvider;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const model = this.models.getModel(document);
        if (model.hasSyntaxErrors || model.graph.kpis().length === 0) {
            return [];
        }
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAllContents((document as LangiumDocument<MarvelFile>).parseResult.value)) {
            if (!isFactor(node) || node.kind !== 'intervention' || !node.$cstNode) {
                continue;
            }
            const effects = model.effects.get(node.name);
            if (!effects) {
                continue;
            }
            lenses.push({
                range: node.$cstNode.range,
                command: {
                    title: effects.map(effect => lensPart(model.graph, effect)).join(' | '),
                    command: MarvelCommand.traceIntervention,
                    arguments: [document.uri.toString(), node.name]
                }
            });
        }
        return lenses;
    }
}
