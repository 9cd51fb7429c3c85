import type { AstNode, CommentProvider, LangiumDocument } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { Attribute, Category, Factor, MarvelFile, Relation, RelationTarget, Scenario } from '../generated/ast.js';
import { isCategory, isFactor, isRelation, isScenario } from '../generated/ast.js';
import type { CategoryNode, FactorNode, FactorRole, IncompleteRelation, ModelGraphData, RelationEdge, ScenarioNode, SourceLocation, SpeedClass, StrengthClass } from './model-graph.js';
import type { RelationScales } from './relation-scales.js';
import { defaultRelationScales } from './relation-scales.js';

export const defaultInitialLevel = 0.5;

/**
 * Turns the parsed files of one model into {@link ModelGraphData}. The first declaration
 * of a duplicated name wins; relations whose ends do not resolve are left out.
 */
export function buildModelGraphData(documents: readonly LangiumDocument<MarvelFile>[], comments: CommentProvider, scales: RelationScales = defaultRelationScales): ModelGraphData {
    const builder = new GraphDataBuilder(comments, scales);
    // Declarations first, so that relations may point at factors of any file of the model.
    for (const document of documents) {
        builder.addDeclarations(document);
    }
    for (const document of documents) {
        builder.addRelationsAndScenarios(document);
    }
    return builder.result();
}

class GraphDataBuilder {
    private name?: string;
    private title?: string;
    private readonly factors = new Map<string, FactorNode>();
    private readonly categories = new Map<string, CategoryNode>();
    private readonly relations: RelationEdge[] = [];
    private readonly incompleteRelations: IncompleteRelation[] = [];
    private readonly scenarios = new Map<string, ScenarioNode>();

    constructor(private readonly comments: CommentProvider, private readonly scales: RelationScales) {}

    addDeclarations(document: LangiumDocument<MarvelFile>): void {
        const root = document.parseResult.value;
        const uri = document.uri.toString();
        if (root.header && this.name === undefined) {
            this.name = root.header.name;
            this.title = root.header.title;
        }
        for (const node of AstUtils.streamAllContents(root)) {
            if (isCategory(node)) {
                this.addCategory(node, uri);
            } else if (isFactor(node)) {
                this.addFactor(node, uri);
            }
        }
    }

    addRelationsAndScenarios(document: LangiumDocument<MarvelFile>): void {
        const uri = document.uri.toString();
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (isRelation(node)) {
                this.addRelation(node, uri);
            } else if (isScenario(node)) {
                this.addScenario(node, uri);
            }
        }
    }

    result(): ModelGraphData {
        return {
            name: this.name,
            title: this.title,
            factors: [...this.factors.values()],
            categories: [...this.categories.values()],
            relations: this.relations,
            scenarios: [...this.scenarios.values()],
            incompleteRelations: this.incompleteRelations
        };
    }

    private addCategory(node: Category, uri: string): void {
        if (!node.name || this.categories.has(node.name)) {
            return;
        }
        const parent = isCategory(node.$container) ? node.$container.name : undefined;
        this.categories.set(node.name, {
            id: node.name,
            label: node.label ?? node.name,
            color: node.color,
            parent,
            description: this.description(node),
            location: locate(node, uri),
            nameLocation: locateProperty(node, 'name', uri)
        });
    }

    private addFactor(node: Factor, uri: string): void {
        if (!node.name || this.factors.has(node.name)) {
            return;
        }
        const enclosing = isCategory(node.$container) ? node.$container.name : undefined;
        this.factors.set(node.name, {
            id: node.name,
            label: node.label ?? node.name,
            kind: node.kind,
            role: roleOf(node),
            key: node.key,
            direction: node.direction,
            category: enclosing ?? node.category?.ref?.name,
            initial: node.initial ?? defaultInitialLevel,
            description: this.description(node),
            location: locate(node, uri),
            nameLocation: locateProperty(node, 'name', uri)
        });
    }

    private addScenario(node: Scenario, uri: string): void {
        if (!node.name || this.scenarios.has(node.name)) {
            return;
        }
        const settings = node.settings.flatMap(setting => {
            const factor = this.resolved(setting.factor?.ref);
            return factor ? [{
                factor,
                target: setting.value,
                over: setting.duration ?? 1,
                location: locate(setting, uri)
            }] : [];
        });
        this.scenarios.set(node.name, { id: node.name, label: node.label ?? node.name, settings, location: locate(node, uri) });
    }

    private addRelation(node: Relation, uri: string): void {
        const source = this.resolved(node.source?.ref);
        for (const target of node.targets) {
            const targetId = this.resolved(target.target?.ref);
            if (!source || !targetId || !target.sign) {
                this.incompleteRelations.push({ source, target: targetId, location: relationLocation(node, target, uri) });
                continue;
            }
            this.relations.push({
                index: this.relations.length,
                source,
                target: targetId,
                sign: target.sign,
                ...this.attributes(target.attributes),
                note: target.note,
                location: relationLocation(node, target, uri),
                targetLocation: locate(target, uri)
            });
        }
    }

    private attributes(attributes: readonly Attribute[]): Pick<RelationEdge, 'strength' | 'strengthClass' | 'speedClass' | 'delay' | 'explicitDelay'> {
        let strength = this.scales.strength.average;
        let strengthClass: StrengthClass | undefined = 'average';
        let speedClass: SpeedClass | undefined = 'average';
        let delay = this.scales.delay.average;
        let explicitDelay = false;
        for (const attribute of attributes) {
            const level = attribute.$type === 'DelayAttribute' ? undefined : attributeLevel(attribute.very, attribute.level);
            if (attribute.$type === 'StrengthAttribute') {
                if (level && level in this.scales.strength) {
                    strengthClass = level as StrengthClass;
                    strength = this.scales.strength[strengthClass];
                } else if (attribute.value !== undefined) {
                    strengthClass = undefined;
                    strength = attribute.value;
                }
            } else if (attribute.$type === 'SpeedAttribute' && !explicitDelay) {
                if (level && level in this.scales.delay) {
                    speedClass = level as SpeedClass;
                    delay = this.scales.delay[speedClass];
                } else if (attribute.value !== undefined) {
                    speedClass = undefined;
                    delay = attribute.value;
                }
            } else if (attribute.$type === 'DelayAttribute' && attribute.value !== undefined) {
                speedClass = undefined;
                delay = attribute.value;
                explicitDelay = true;
            }
        }
        return { strength, strengthClass, speedClass, delay, explicitDelay };
    }

    /** The graph identifier a resolved reference stands for (a duplicate resolves to the first declaration). */
    private resolved(factor: Factor | undefined): string | undefined {
        return factor?.name && this.factors.has(factor.name) ? factor.name : undefined;
    }

    private description(node: AstNode): string | undefined {
        return documentationText(this.comments.getComment(node));
    }
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
    const body = comment.slice(3, -2)
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

function relationLocation(relation: Relation, target: RelationTarget, uri: string): SourceLocation {
    const start = relation.$cstNode?.range.start ?? emptyRange.start;
    const end = target.$cstNode?.range.end ?? start;
    return { uri, range: { start, end } };
}
