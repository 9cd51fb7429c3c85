import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import { describeFactor } from '../analysis/model-checks.js';
import type { FactorNode, ModelGraph, RelationEdge } from '../analysis/model-graph.js';
import { reachableFrom, reachingAny } from '../analysis/reachability.js';
import { simulate } from '../analysis/dynamics/simulate.js';
import { describeLoop } from '../analysis/tracing/describe.js';
import { findLoops, loopsByFactor } from '../analysis/tracing/loops.js';
import type { Category, Factor, Scenario } from '../generated/ast.js';
import { isCategory, isFactor, isScenario } from '../generated/ast.js';
import type { MarvelServices } from '../marvel-module.js';
import type { ModelProvider } from '../workspace/model-provider.js';
import { code, escapeMarkdown } from '../text/markdown.js';
import { describeRole } from './role-text.js';
import { shownLabel } from '../model/graph-builder.js';

/** How many relations a hover lists in each direction before summarising the rest. */
const relationsShown = 12;

/** Hover on a declaration or a reference: label, role, category, description and relations. */
export class MarvelHoverProvider extends AstNodeHoverProvider {
    private readonly models: ModelProvider;

    constructor(services: MarvelServices) {
        super(services);
        this.models = services.workspace.ModelProvider;
    }

    protected getAstNodeHoverContent(node: AstNode): string | undefined {
        const document = AstUtils.findRootNode(node).$document;
        if (!document) {
            return undefined;
        }
        if (isFactor(node)) {
            return this.factorHover(node, document);
        }
        if (isCategory(node)) {
            return this.categoryHover(node, document);
        }
        return isScenario(node) ? this.scenarioHover(node, document) : undefined;
    }

    private factorHover(node: Factor, document: LangiumDocument): string {
        const graph = this.models.getModel(document).graph;
        const factor = graph.factor(node.name);
        const lines = [`**${escapeMarkdown(shownLabel(node))}** ${code(node.name)} — ${describeRole(node)}`];
        if (!factor || !isDeclaredBy(factor, node, document)) {
            // A duplicated name: the graph holds the first declaration, not this one.
            return lines.join('\n\n');
        }
        if (factor.category) {
            lines.push(`Category: ${graph.categoryPath(factor.category).map(c => escapeMarkdown(c.label)).join(' › ')}`);
        }
        if (factor.description) {
            lines.push(escapeMarkdown(factor.description));
        }
        lines.push(...effectLines(graph, factor));
        // The relations are what a modeller looks for first; the loops through a factor can be dozens.
        lines.push(...relationList('Influenced by', graph.incoming(factor.id), r => r.source, graph));
        lines.push(...relationList('Influences', graph.outgoing(factor.id), r => r.target, graph));
        lines.push(...loopLines(graph, factor.id));
        return lines.join('\n\n');
    }

    private scenarioHover(node: Scenario, document: LangiumDocument): string {
        return scenarioLines(node, this.models.getModel(document).graph).join('\n');
    }

    private categoryHover(node: Category, document: LangiumDocument): string {
        const graph = this.models.getModel(document).graph;
        const members = graph.factors.filter(f => f.category && graph.categoryPath(f.category).some(c => c.id === node.name));
        const lines = [`**${escapeMarkdown(shownLabel(node))}** ${code(node.name)} — category`];
        if (node.color) {
            lines.push(`Colour: ${code(node.color)}`);
        }
        lines.push(`${members.length} ${members.length === 1 ? 'factor' : 'factors'}${members.length > 0 ? ': ' + members.slice(0, relationsShown).map(f => escapeMarkdown(f.label)).join(', ') + (members.length > relationsShown ? ', …' : '') : ''}`);
        return lines.join('\n\n');
    }
}

/** A scenario's settings, and where its simulation takes the KPIs (as `marvel simulate --scenario` does). */
function scenarioLines(node: Scenario, graph: ModelGraph): string[] {
    const lines = [`**${escapeMarkdown(shownLabel(node))}** ${code(node.name)} — scenario`];
    for (const setting of node.settings) {
        lines.push(`- ${code(setting.factor?.$refText ?? '?')} to ${setting.value} over ${setting.duration ?? 1}`);
    }
    if (!graph.scenarios.some(s => s.id === node.name) || graph.kpis().length === 0) {
        return lines;
    }
    const result = simulate(graph, [node.name]);
    const end = result.times[result.times.length - 1];
    lines.push('', `Simulated to t = ${end}${result.divergedAt !== undefined ? ` (the levels run away at t = ${result.divergedAt})` : ''}:`);
    for (const kpi of result.kpis) {
        lines.push(`- ${escapeMarkdown(graph.labelOf(kpi.id))}: ${kpi.start.toFixed(2)} → ${kpi.end.toFixed(2)}, ${kpi.verdict === 'none' ? 'no change' : kpi.verdict}`);
    }
    return lines;
}

function isDeclaredBy(factor: FactorNode, node: Factor, document: LangiumDocument): boolean {
    const start = node.$cstNode?.range.start;
    return factor.location.uri === document.uri.toString()
        && start?.line === factor.location.range.start.line
        && start.character === factor.location.range.start.character;
}

function effectLines(graph: ModelGraph, factor: FactorNode): string[] {
    if (factor.kind === 'intervention') {
        const reached = reachableFrom(graph, factor.id);
        const kpis = graph.kpis().filter(k => reached.has(k.id));
        return [kpis.length > 0 ? `Reaches KPIs: ${kpis.map(k => escapeMarkdown(k.label)).join(', ')}` : 'Reaches no KPI.'];
    }
    if (factor.kind === 'kpi') {
        const reaching = reachingAny(graph, [factor.id]);
        const interventions = graph.interventions().filter(i => reaching.has(i.id));
        const goal = factor.direction ? `Desired: ${factor.direction === 'decrease' ? 'lower ↓' : 'higher ↑'}` : 'No desired direction.';
        const by = interventions.length > 0 ? `Influenced by interventions: ${interventions.map(i => escapeMarkdown(i.label)).join(', ')}` : 'No intervention reaches it.';
        return [goal, by];
    }
    return [];
}

const loopsShown = 6;
const kindNames = { reinforcing: 'reinforcing', balancing: 'balancing', unknown: 'sign unknown' } as const;

/** The feedback loops through a factor, shortest first. */
function loopLines(graph: ModelGraph, id: string): string[] {
    const search = findLoops(graph);
    const loops = loopsByFactor(search).get(id) ?? [];
    if (loops.length === 0) {
        return search.truncated ? ['No feedback loop found within the search bounds.'] : [];
    }
    const items = loops.slice(0, loopsShown).map(loop => `- ${code(loop.id)} ${kindNames[loop.kind]}${loop.delayed ? ', delayed' : ''}: ${escapeMarkdown(describeLoop(graph, loop))}`);
    if (loops.length > loopsShown) {
        items.push(`- … and ${loops.length - loopsShown}${search.truncated ? '+' : ''} more`);
    }
    return [`**In feedback loops** (${loops.length}${search.truncated ? '+' : ''})\n${items.join('\n')}`];
}

function relationList(title: string, relations: readonly RelationEdge[], other: (r: RelationEdge) => string, graph: ModelGraph): string[] {
    if (relations.length === 0) {
        return [];
    }
    const items = relations.slice(0, relationsShown).map(relation => {
        const end = graph.factor(other(relation));
        const attributes = [relation.strengthClass ?? `strength ${relation.strength}`, relation.speedClass ? `${relation.speedClass} speed` : `delay ${relation.delay}`]
            .filter(text => text !== 'average' && text !== 'average speed');
        const note = relation.note ? ` — “${escapeMarkdown(relation.note)}”` : '';
        return `- ${code(relation.sign)} ${end ? escapeMarkdown(describeFactor(end)) : code(other(relation))}${attributes.length > 0 ? ` (${attributes.join(', ')})` : ''}${note}`;
    });
    if (relations.length > relationsShown) {
        items.push(`- … and ${relations.length - relationsShown} more`);
    }
    return [`**${title}** (${relations.length})\n${items.join('\n')}`];
}
