import type { AstNode, CommentProvider, LangiumDocument, Reference } from 'langium';
import { GrammarUtils } from 'langium';
import type { Attribute, Category, Factor, MarvelFile, Relation, Scenario } from '../generated/ast.js';
import { isCategory, isFactor, isRelation, isScenario } from '../generated/ast.js';
import { defaultInitialLevel } from '../analysis/model-graph.js';
import type { CategoryNode, FactorNode, FactorRole, IncompleteRelation, ModelGraphData, RelationEdge, ScenarioNode, SourceLocation, SpeedClass, StrengthClass } from '../analysis/model-graph.js';
import { forEachStatement } from './marvel-ast-walk.js';
import type { RelationScales } from '../analysis/relation-scales.js';
import { defaultRelationScales } from '../analysis/relation-scales.js';

/**
 * What one file contributes to its model's graph, with references as resolved by the
 * linker. A fragment stays valid until its file is parsed or linked again, so a model of
 * many files rebuilds only the fragments of the files an edit touched.
 */
export interface GraphFragment {
    readonly name?: string;
    readonly title?: string;
    readonly categories: readonly CategoryNode[];
    readonly factors: readonly FactorNode[];
    readonly relations: readonly FragmentRelation[];
    readonly scenarios: readonly FragmentScenario[];
}

/**
 * A relation clause; an end is undefined when it does not resolve. Its `index` is its place among
 * the fragment's clauses whose ends both resolve (-1 for the others): where the model's graph has
 * the clause at that place too (in a model's first file, unless a name is declared twice), the
 * clause itself is the graph's edge, so a large model does not hold each relation twice.
 */
type FragmentRelation = Omit<RelationEdge, 'source' | 'target'> & { readonly source?: string; readonly target?: string };
type FragmentScenario = Omit<ScenarioNode, 'settings'> & { readonly settings: ReadonlyArray<ScenarioNode['settings'][number] & { readonly resolved: boolean }> };

/** The name a reference stands for, or undefined when it does not resolve. */
export type ReferenceName = (reference: Reference<Factor> | Reference<Category> | undefined) => string | undefined;

/** The name of the declaration the linker resolved a reference to. */
export const linkedName: ReferenceName = reference => reference?.ref?.name;

/**
 * The name as written, for a file that is parsed but not linked (`marvel diff`): whether it is
 * declared is decided when the fragments are assembled, as for every relation end.
 */
export const writtenName: ReferenceName = reference => reference?.$refText || undefined;

/** The fragment of one parsed and linked file (or, with {@link writtenName}, of a parsed one). */
export function buildGraphFragment(document: LangiumDocument<MarvelFile>, comments: CommentProvider, scales: RelationScales = defaultRelationScales, nameOf: ReferenceName = linkedName): GraphFragment {
    const root = document.parseResult.value;
    const uri = document.uri.toString();
    const describe = (node: AstNode): string | undefined => documentationText(comments.getComment(node));
    const categories: CategoryNode[] = [];
    const factors: FactorNode[] = [];
    const relations: FragmentRelation[] = [];
    const scenarios: FragmentScenario[] = [];
    let edgeCount = 0;
    forEachStatement(root, node => {
        if (isCategory(node) && node.name) {
            categories.push(categoryNode(node, uri, describe(node)));
        } else if (isFactor(node) && node.name) {
            factors.push(factorNode(node, uri, describe(node), nameOf));
        } else if (isRelation(node)) {
            for (const clause of relationClauses(node, uri, scales, nameOf, edgeCount)) {
                relations.push(clause);
                edgeCount += clause.index < 0 ? 0 : 1;
            }
        } else if (isScenario(node) && node.name) {
            scenarios.push(scenarioNode(node, uri, nameOf));
        }
    });
    return { name: root.header?.name, title: root.header?.title, categories, factors, relations, scenarios };
}

/**
 * Joins the fragments of a model's files, in model order, into {@link ModelGraphData}. The
 * first declaration of a duplicated name wins; relations whose ends do not resolve are kept
 * aside as incomplete.
 */
export function assembleModelGraphData(fragments: readonly GraphFragment[]): ModelGraphData {
    const header = fragments.find(f => f.name !== undefined);
    const factors = firstByName(fragments.flatMap(f => f.factors));
    const categories = firstByName(fragments.flatMap(f => f.categories));
    const relations: RelationEdge[] = [];
    const incompleteRelations: IncompleteRelation[] = [];
    for (const clause of fragments.flatMap(f => f.relations)) {
        const source = clause.source !== undefined && factors.has(clause.source) ? clause.source : undefined;
        const target = clause.target !== undefined && factors.has(clause.target) ? clause.target : undefined;
        if (source !== undefined && target !== undefined) {
            relations.push(isEdgeAt(clause, relations.length) ? clause : relationEdge(clause, relations.length, source, target));
        } else {
            incompleteRelations.push({ source, target, location: clause.location });
        }
    }
    const scenarios = [...firstByName(fragments.flatMap(f => f.scenarios)).values()].map(scenario => ({
        ...scenario,
        settings: scenario.settings.filter(s => s.resolved && factors.has(s.factor)).map(({ resolved: _resolved, ...setting }) => setting)
    }));
    return {
        name: header?.name,
        title: header?.title,
        factors: [...factors.values()],
        categories: [...categories.values()],
        relations,
        scenarios,
        incompleteRelations
    };
}

/** Written out field by field: on models with tens of thousands of relations, object spread is measurably slower. */
function relationEdge(clause: FragmentRelation, index: number, source: string, target: string): RelationEdge {
    return {
        index,
        source,
        target,
        sign: clause.sign,
        strength: clause.strength,
        strengthClass: clause.strengthClass,
        speedClass: clause.speedClass,
        delay: clause.delay,
        explicitDelay: clause.explicitDelay,
        note: clause.note,
        location: clause.location,
        targetLocation: clause.targetLocation
    };
}

/** Whether the clause can be the graph's edge at this index: it is there in its fragment too, with both ends (the model declares them, as the caller checked). */
function isEdgeAt(clause: FragmentRelation, index: number): clause is RelationEdge {
    return clause.index === index && clause.source !== undefined && clause.target !== undefined;
}

function firstByName<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
    const byName = new Map<string, T>();
    for (const item of items) {
        if (!byName.has(item.id)) {
            byName.set(item.id, item);
        }
    }
    return byName;
}

/** The largest size of a number in a model: beyond it sums and products in an analysis could overflow. */
export const largestModelNumber = 1e12;

/** Whether a number written in a model can be used: finite (`1e309` is not) and at most {@link largestModelNumber} in size. */
export function isUsableNumber(value: number): boolean {
    return Number.isFinite(value) && Math.abs(value) <= largestModelNumber;
}

/** The number, if there is one and it can be used; a number flagged `invalid-attribute` never reaches an analysis. */
function usableNumber(value: number | undefined): number | undefined {
    return value !== undefined && isUsableNumber(value) ? value : undefined;
}

/** A strength, speed or delay: usable and not negative (a negative one is flagged `invalid-attribute`). */
function usableSize(value: number | undefined): number | undefined {
    const usable = usableNumber(value);
    return usable !== undefined && usable >= 0 ? usable : undefined;
}

/** An adjustment time: usable and above 0 (any other is flagged `invalid-scenario`). */
function usableDuration(value: number | undefined): number | undefined {
    const usable = usableNumber(value);
    return usable !== undefined && usable > 0 ? usable : undefined;
}

/** The text a declaration is drawn and described with: its label, or its name where the label is missing or blank. */
export function shownLabel(node: { readonly name: string; readonly label?: string }): string {
    return node.label !== undefined && node.label.trim() !== '' ? node.label : node.name;
}

/** The colours a category may have: `#rgb` or `#rrggbb`. */
export function isHexColor(value: string): boolean {
    return /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value);
}

function categoryNode(node: Category, uri: string, description: string | undefined): CategoryNode {
    return {
        id: node.name,
        label: shownLabel(node),
        // A colour flagged `invalid-color` never reaches a picture: `url(…)` in a fill would fetch it.
        color: node.color !== undefined && isHexColor(node.color) ? node.color : undefined,
        parent: isCategory(node.$container) ? node.$container.name : undefined,
        description,
        location: locate(node, uri),
        nameLocation: locateProperty(node, 'name', uri)
    };
}

function factorNode(node: Factor, uri: string, description: string | undefined, nameOf: ReferenceName): FactorNode {
    return {
        id: node.name,
        label: shownLabel(node),
        kind: node.kind,
        role: roleOf(node),
        key: node.key,
        direction: node.direction,
        category: isCategory(node.$container) ? node.$container.name : nameOf(node.category),
        initial: usableNumber(node.initial) ?? defaultInitialLevel,
        description,
        location: locate(node, uri),
        nameLocation: locateProperty(node, 'name', uri)
    };
}

function scenarioNode(node: Scenario, uri: string, nameOf: ReferenceName): FragmentScenario {
    return {
        id: node.name,
        label: shownLabel(node),
        location: locate(node, uri),
        // A setting whose number is flagged invalid is left out, as if it were not written.
        settings: node.settings.filter(setting => usableNumber(setting.value) !== undefined).map(setting => ({
            factor: nameOf(setting.factor) ?? setting.factor?.$refText ?? '',
            resolved: nameOf(setting.factor) !== undefined,
            target: setting.value,
            over: usableDuration(setting.duration) ?? 1,
            location: locate(setting, uri),
            factorLocation: locateProperty(setting, 'factor', uri)
        }))
    };
}

/**
 * Written out field by field, with the relation's start and each clause's end shared by the two
 * locations that have them: a large model keeps hundreds of thousands of these.
 */
function relationClauses(node: Relation, uri: string, scales: RelationScales, nameOf: ReferenceName, firstIndex: number): FragmentRelation[] {
    const source = nameOf(node.source);
    const start = node.$cstNode?.range.start ?? emptyRange.start;
    let index = firstIndex;
    return node.targets.map(target => {
        const attributes = attributeValues(target.attributes, scales);
        const targetRange = target.$cstNode?.range ?? emptyRange;
        const clauseSource = target.sign ? source : undefined;
        const clauseTarget = target.sign ? nameOf(target.target) : undefined;
        // The same fields in the same order as `relationEdge`, so that a clause used as an edge looks like any other.
        return {
            index: clauseSource !== undefined && clauseTarget !== undefined ? index++ : -1,
            source: clauseSource,
            target: clauseTarget,
            sign: target.sign ?? '?',
            strength: attributes.strength,
            strengthClass: attributes.strengthClass,
            speedClass: attributes.speedClass,
            delay: attributes.delay,
            explicitDelay: attributes.explicitDelay,
            note: target.note,
            // From the source identifier to the end of this clause (the end is the source's own when the clause has no node).
            location: { uri, range: { start, end: target.$cstNode ? targetRange.end : start } },
            targetLocation: { uri, range: targetRange }
        };
    });
}

function attributeValues(attributes: readonly Attribute[], scales: RelationScales): Pick<RelationEdge, 'strength' | 'strengthClass' | 'speedClass' | 'delay' | 'explicitDelay'> {
    let strength = scales.strength.average;
    let strengthClass: StrengthClass | undefined = 'average';
    let speedClass: SpeedClass | undefined = 'average';
    let delay = scales.delay.average;
    let explicitDelay = false;
    for (const attribute of attributes) {
        const level = attribute.$type === 'DelayAttribute' ? undefined : attributeLevel(attribute.very, attribute.level);
        if (attribute.$type === 'StrengthAttribute') {
            if (level && level in scales.strength) {
                strengthClass = level as StrengthClass;
                strength = scales.strength[strengthClass];
            } else if (usableSize(attribute.value) !== undefined) {
                strengthClass = undefined;
                strength = attribute.value!;
            }
        } else if (attribute.$type === 'SpeedAttribute' && !explicitDelay) {
            if (level && level in scales.delay) {
                speedClass = level as SpeedClass;
                delay = scales.delay[speedClass];
            } else if (usableSize(attribute.value) !== undefined) {
                speedClass = undefined;
                delay = attribute.value!;
            }
        } else if (attribute.$type === 'DelayAttribute' && usableSize(attribute.value) !== undefined) {
            speedClass = undefined;
            delay = attribute.value!;
            explicitDelay = true;
        }
    }
    return { strength, strengthClass, speedClass, delay, explicitDelay };
}

/** `very` + `strong` → `very strong`. */
export function attributeLevel(very: boolean, level: string | undefined): string | undefined {
    return level === undefined ? undefined : very ? `very ${level}` : level;
}

export function roleOf(factor: Factor): FactorRole {
    if (factor.kind === 'kpi') {
        return 'kpi';
    }
    if (factor.kind === 'intervention') {
        return 'intervention';
    }
    return factor.key ? 'key' : factor.indicator ? 'indicator' : 'factor';
}

/** The text of a `/** … *\/` comment, without its delimiters and leading stars. */
export function documentationText(comment: string | undefined): string | undefined {
    if (!comment || !comment.startsWith('/**')) {
        return undefined;
    }
    const body = comment.slice(3, comment.endsWith('*/') ? -2 : undefined)
        .split(/\r?\n/)
        .map(line => line.replace(/^\s*\*?\s?/, '').trimEnd())
        .join('\n')
        .trim();
    return body.length > 0 ? body : undefined;
}

const emptyRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function locate(node: AstNode, uri: string): SourceLocation {
    return { uri, range: node.$cstNode?.range ?? emptyRange };
}

export function locateProperty(node: AstNode, property: string, uri: string): SourceLocation {
    const cst = node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : undefined;
    return { uri, range: cst?.range ?? node.$cstNode?.range ?? emptyRange };
}
