import type { FactorNode, ModelGraph, RelationEdge, SourceLocation } from './model-graph.js';
import { reachableFromAny, reachingAny } from './reachability.js';
import { linkGraphOf } from './tracing/link-graph.js';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

/** A problem that only the whole model graph can reveal. */
export interface ModelFinding {
    readonly code: ModelFindingCode;
    readonly severity: FindingSeverity;
    readonly message: string;
    readonly location: SourceLocation;
    /** For relation findings: the reported relation first, then (for duplicates) the earlier one. */
    readonly relations?: readonly RelationEdge[];
}

export type ModelFindingCode =
    | 'contradictory-relation'
    | 'duplicate-relation'
    | 'self-relation'
    | 'unconnected-factor'
    | 'intervention-without-effect'
    | 'kpi-not-influenced'
    | 'empty-category'
    | 'duplicate-label'
    | 'invalid-scenario';

/** Codes that describe an unfinished model rather than a wrong one; they wait while the text has syntax errors. */
export const completenessCodes: ReadonlySet<ModelFindingCode> = new Set<ModelFindingCode>([
    'unconnected-factor', 'intervention-without-effect', 'kpi-not-influenced', 'empty-category'
]);

/** Runs every graph-level check of the language contract. */
export function checkModel(graph: ModelGraph): ModelFinding[] {
    return [
        ...checkRelationPairs(graph),
        ...checkConnections(graph),
        ...checkCategories(graph),
        ...checkLabels(graph),
        ...checkScenarios(graph)
    ];
}

/** `'Pakkans' (pakkans)`, or just `pakkans` when the label is the identifier. */
export function describeFactor(factor: Pick<FactorNode, 'id' | 'label'>): string {
    return factor.label === factor.id ? `'${factor.id}'` : `'${factor.label}' (${factor.id})`;
}

function checkRelationPairs(graph: ModelGraph): ModelFinding[] {
    const findings: ModelFinding[] = [];
    const selfRelations = new Map<string, RelationEdge[]>();
    for (const relation of graph.relations) {
        if (relation.source === relation.target) {
            findings.push({
                code: 'self-relation',
                severity: 'warning',
                message: `${name(graph, relation.source)} influences itself; a feedback loop needs at least one other factor.`,
                location: relation.targetLocation,
                relations: [relation]
            });
            selfRelations.set(relation.source, [...selfRelations.get(relation.source) ?? [], relation]);
        }
    }
    // The link graph already joins the relations of each pair of different factors.
    const pairs = [...selfRelations.values()].filter(relations => relations.length > 1);
    for (const link of linkGraphOf(graph).repeatedLinks) {
        pairs.push(link.relations.map(index => graph.relations[index]));
    }
    // Pairs in the order the model first states them.
    pairs.sort((a, b) => a[0].index - b[0].index);
    for (const relations of pairs) {
        const [first] = relations;
        const pair = `${name(graph, first.source)} → ${name(graph, first.target)}`;
        const contradictory = relations.some(r => r.sign === '+') && relations.some(r => r.sign === '-');
        if (contradictory) {
            const opposite = new Map<string, RelationEdge[]>([['+', relations.filter(r => r.sign === '-')], ['-', relations.filter(r => r.sign === '+')]]);
            for (const relation of relations.filter(r => r.sign !== '?')) {
                const others = opposite.get(relation.sign)!;
                findings.push({
                    code: 'contradictory-relation',
                    severity: 'error',
                    message: `Contradictory relation ${pair}: declared both '+' and '-'${lineList(others, relation)}. Keep one sign.`,
                    location: relation.targetLocation,
                    relations: [relation]
                });
            }
        }
        const seenSigns = new Map<string, RelationEdge>();
        for (const relation of relations) {
            const earlier = seenSigns.get(relation.sign);
            if (earlier) {
                findings.push({
                    code: 'duplicate-relation',
                    severity: 'warning',
                    message: `Duplicate relation ${pair} with sign '${relation.sign}': already declared at line ${earlier.targetLocation.range.start.line + 1}${fileHint(earlier, relation)}.`,
                    location: relation.targetLocation,
                    relations: [relation, earlier]
                });
            } else {
                seenSigns.set(relation.sign, relation);
            }
        }
    }
    return findings;
}

function checkConnections(graph: ModelGraph): ModelFinding[] {
    const findings: ModelFinding[] = [];
    const kpiIds = graph.kpis().map(k => k.id);
    const reachesKpi = reachingAny(graph, kpiIds);
    const reachedByIntervention = reachableFromAny(graph, graph.interventions().map(i => i.id));
    // A relation whose other end does not resolve is already reported; its known end is not "unconnected".
    const danglingEnds = new Set((graph.data.incompleteRelations ?? []).flatMap(r => [r.source, r.target]).filter((id): id is string => id !== undefined));
    for (const factor of graph.factors) {
        const connected = graph.outgoing(factor.id).some(r => r.target !== factor.id) || graph.incoming(factor.id).some(r => r.source !== factor.id)
            || danglingEnds.has(factor.id);
        if (factor.kind === 'intervention') {
            if (!reachesKpi.has(factor.id)) {
                findings.push({
                    code: 'intervention-without-effect',
                    severity: 'warning',
                    message: kpiIds.length === 0
                        ? `Intervention ${describeFactor(factor)} reaches no KPI: the model declares no KPI yet.`
                        : `Intervention ${describeFactor(factor)} reaches no KPI: no chain of relations leads from it to ${kpiList(graph)}.`,
                    location: factor.nameLocation
                });
            }
        } else if (factor.kind === 'kpi') {
            if (!reachedByIntervention.has(factor.id)) {
                findings.push({
                    code: 'kpi-not-influenced',
                    severity: 'warning',
                    message: `KPI ${describeFactor(factor)} is not influenced by any intervention${connected ? '' : ', nor by any factor'}.`,
                    location: factor.nameLocation
                });
            }
        } else if (!connected) {
            findings.push({
                code: 'unconnected-factor',
                severity: 'warning',
                message: `Factor ${describeFactor(factor)} has no relations to other factors.`,
                location: factor.nameLocation
            });
        }
    }
    return findings;
}

function checkCategories(graph: ModelGraph): ModelFinding[] {
    const populated = new Set<string>();
    for (const factor of graph.factors) {
        if (factor.category) {
            for (const category of graph.categoryPath(factor.category)) {
                populated.add(category.id);
            }
        }
    }
    return graph.categories.filter(c => !populated.has(c.id)).map(category => ({
        code: 'empty-category' as const,
        severity: 'warning' as const,
        message: `Category ${describeFactor(category)} holds no factors.`,
        location: category.nameLocation
    }));
}

/**
 * Factors drawn with the same text (labels equal but for case and surrounding spaces, a
 * factor without a label showing its name): a reader of the diagram or of an export cannot
 * tell their boxes apart. A hint on each after the first, naming the first.
 */
function checkLabels(graph: ModelGraph): ModelFinding[] {
    const first = new Map<string, FactorNode>();
    const findings: ModelFinding[] = [];
    for (const factor of graph.factors) {
        const key = factor.label.trim().toLowerCase();
        const earlier = key === '' ? undefined : first.get(key);
        if (!earlier) {
            first.set(key, factor);
            continue;
        }
        findings.push({
            code: 'duplicate-label',
            severity: 'hint',
            message: `${describeFactor(factor)} is labelled like ${describeFactor(earlier)} at line ${earlier.nameLocation.range.start.line + 1}${fileHint(earlier, factor)}: their boxes read alike in the diagram.`,
            location: factor.nameLocation
        });
    }
    return findings;
}

/** A factor set twice in one scenario: the memo's scenarios adjust each factor once. Named by label, which only the whole model knows. */
function checkScenarios(graph: ModelGraph): ModelFinding[] {
    const findings: ModelFinding[] = [];
    for (const scenario of graph.scenarios) {
        const seen = new Set<string>();
        for (const setting of scenario.settings) {
            if (seen.has(setting.factor)) {
                findings.push({
                    code: 'invalid-scenario',
                    severity: 'warning',
                    message: `Scenario ${describeFactor(scenario)} sets ${name(graph, setting.factor)} more than once; the last one counts.`,
                    location: setting.factorLocation
                });
            }
            seen.add(setting.factor);
        }
    }
    return findings;
}

function name(graph: ModelGraph, id: string): string {
    const factor = graph.factor(id);
    return factor ? describeFactor(factor) : `'${id}'`;
}

function kpiList(graph: ModelGraph): string {
    return graph.kpis().map(describeFactor).join(', ');
}

function lineList(relations: readonly RelationEdge[], reported: RelationEdge): string {
    const shown = relations.slice(0, 3).map(r => `line ${r.targetLocation.range.start.line + 1}${fileHint(r, reported)}`);
    const more = relations.length > shown.length ? ` and ${relations.length - shown.length} more` : '';
    return shown.length > 0 ? ` (see ${shown.join(', ')}${more})` : '';
}

function fileHint(earlier: Pick<RelationEdge, 'location'>, later: Pick<RelationEdge, 'location'>): string {
    if (earlier.location.uri === later.location.uri) {
        return '';
    }
    const file = earlier.location.uri.split('/').pop() ?? earlier.location.uri;
    return ` of ${decodeURIComponent(file)}`;
}
