import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Factor, MarvelFile } from '../generated/ast.js';
import { isFactor } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';
import { MarvelCommand } from '../protocol/commands.js';
import type { ModelProvider } from '../workspace/model-provider.js';
import { lensPart } from '../text/effect-text.js';
import type { LensRobustness } from './lens-robustness.js';

/**
 * Above each intervention: its verdict per KPI, e.g. "Aantal slachtoffers: desired · 12 paths | In beeld: mixed, mostly desired · 200+ paths",
 * and when robustness samples are turned on how often each verdict holds ("… · desired in 87 % of 500 samples").
 */
export class MarvelCodeLensProvider implements CodeLensProvider {
    private readonly models: ModelProvider;
    private readonly robustness: LensRobustness;

    constructor(services: MarvelServices) {
        this.models = services.workspace.ModelProvider;
        this.robustness = services.lsp.LensRobustness;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        const model = this.models.getModel(document);
        if (model.hasSyntaxErrors || model.graph.kpis().length === 0) {
            return [];
        }
        const interventions: Factor[] = [];
        for (const node of AstUtils.streamAllContents((document as LangiumDocument<MarvelFile>).parseResult.value)) {
            if (isFactor(node) && node.kind === 'intervention' && node.$cstNode && model.effects.has(node.name)) {
                interventions.push(node);
            }
        }
        const sampling = interventions.length > 0 ? await this.robustness.sample(model, interventions.map(node => node.name)) : { state: 'off' as const };
        return interventions.map(node => {
            const shares = sampling.state === 'ready' ? sampling.shares.get(node.name) : undefined;
            const parts = model.effects.get(node.name)!.map(effect => lensPart(model.graph, effect, shares && { shares: shares.kpis[effect.kpi] ?? {}, kept: shares.kept, drawn: shares.drawn }));
            const title = parts.join(' | ') + (sampling.state === 'skipped' ? ` · ${sampling.reason}` : '');
            return {
                range: node.$cstNode!.range,
                command: { title, command: MarvelCommand.traceIntervention, arguments: [document.uri.toString(), node.name] }
            };
        });
    }
}
