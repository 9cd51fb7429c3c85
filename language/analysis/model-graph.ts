/**
 * The model graph: the one representation of a MARVEL model that every analysis,
 * the diagram and the command line share. Plain, JSON-serialisable data
 * ({@link ModelGraphData}) wrapped by {@link ModelGraph} for indexed access.
 * Nothing here depends on Langium or VS Code.
 */

import { groupBy } from './grouping.js';

export type Sign = '+' | '-' | '?';
export type Direction = 'increase' | 'decrease';
/** What a declaration is: `factor`, `intervention` or `kpi`. */
export type FactorKind = 'factor' | 'intervention' | 'kpi';
/** How the memo draws a factor: ordinary, key (orange), indicator (yellow), intervention (green), KPI. */
/** A factor's starting level for simulation when the model gives none: the middle of the relative scale. */
export const defaultInitialLevel = 0.5;

export type FactorRole = 'factor' | 'key' | 'indicator' | 'intervention' | 'kpi';
export type StrengthClass = 'weak' | 'average' | 'strong' | 'very strong';
export type SpeedClass = 'low' | 'average' | 'high' | 'very high';

/** Zero-based line and character, as in the Language Server Protocol. */
export interface SourcePosition { readonly line: number; readonly character: number }
export interface SourceRange { readonly start: SourcePosition; readonly end: SourcePosition }
export interface SourceLocation { readonly uri: string; readonly range: SourceRange }

export interface FactorNode {
    readonly id: string;
    /** The label, or the identifier when the declaration has none. */
    readonly label: string;
    readonly kind: FactorKind;
    readonly role: FactorRole;
    /** Marked `key` (also true for a `key intervention`). */
    readonly key: boolean;
    /** A KPI's desired direction. */
    readonly direction?: Direction;
    /** Identifier of the innermost category the factor belongs to. */
    readonly category?: string;
    /** Starting level for simulation. */
    readonly initial: number;
    /** Text of the `/** … *\/` comment before the declaration. */
    readonly description?: string;
    /** The whole declaration. */
    readonly location: SourceLocation;
    /** The identifier in the declaration. */
    readonly nameLocation: SourceLocation;
}

export interface CategoryNode {
    readonly id: string;
    readonly label: string;
    readonly color?: string;
    /** Identifier of the enclosing category. */
    readonly parent?: string;
    readonly description?: string;
    readonly location: SourceLocation;
    readonly nameLocation: SourceLocation;
}

export interface RelationEdge {
    /** Position in {@link ModelGraphData.relations}; stable for one graph. */
    readonly index: number;
    readonly source: string;
    readonly target: string;
    readonly sign: Sign;
    /** Numeric strength (from the class, or written as a number). */
    readonly strength: number;
    /** The strength class when one was written or defaulted; absent for a numeric strength. */
    readonly strengthClass?: StrengthClass;
    /** The speed class when no explicit delay was written. */
    readonly speedClass?: SpeedClass;
    /** Delay time τ in model time units (from the speed class, or `delay:`). */
    readonly delay: number;
    /** True when `delay:` was written explicitly. */
    readonly explicitDelay: boolean;
    readonly note?: string;
    /** From the source identifier to the end of this target's clause. */
    readonly location: SourceLocation;
    /** Just this target's clause (`+target (…) "note"`). */
    readonly targetLocation: SourceLocation;
}

/**
 * The text to select for a relation: from its source to its clause where they share a line,
 * else its clause alone (a later target of `a -> +b, -c, …` spread over lines), so that
 * revealing one relation does not select the statement's other targets.
 */
export function relationSelection(relation: Pick<RelationEdge, 'location' | 'targetLocation'>): SourceLocation {
    const { start, end } = relation.location.range;
    return start.line === end.line ? relation.location : relation.targetLocation;
}

export interface ScenarioSetting {
    readonly factor: string;
    readonly target: number;
    readonly over: number;
    /** The whole `set … to …` line. */
    readonly location: SourceLocation;
    /** The factor's name in it. */
    readonly factorLocation: SourceLocation;
}

export interface ScenarioNode {
    readonly id: string;
    readonly label: string;
    readonly settings: readonly ScenarioSetting[];
    readonly location: SourceLocation;
}

export interface ModelGraphData {
    readonly name?: string;
    readonly title?: string;
    /** In declaration order: the model's files in import order, each top to bottom. */
    readonly factors: readonly FactorNode[];
    readonly categories: readonly CategoryNode[];
    readonly relations: readonly RelationEdge[];
    readonly scenarios: readonly ScenarioNode[];
    /** Relations written with an end that does not resolve: not part of the graph, but their known end is mentioned. */
    readonly incompleteRelations?: readonly IncompleteRelation[];
}

export interface IncompleteRelation {
    readonly source?: string;
    readonly target?: string;
    readonly location: SourceLocation;
}

/** Indexed, read-only access to a {@link ModelGraphData}. */
export class ModelGraph {
    private readonly factorsById = new Map<string, FactorNode>();
    private readonly categoriesById = new Map<string, CategoryNode>();
    private readonly outgoingById: ReadonlyMap<string, readonly RelationEdge[]>;
    private readonly incomingById: ReadonlyMap<string, readonly RelationEdge[]>;

    constructor(readonly data: ModelGraphData) {
        for (const factor of data.factors) {
            this.factorsById.set(factor.id, factor);
        }
        for (const category of data.categories) {
            this.categoriesById.set(category.id, category);
        }
        this.outgoingById = groupBy(data.relations, relation => relation.source);
        this.incomingById = groupBy(data.relations, relation => relation.target);
    }

    get factors(): readonly FactorNode[] { return this.data.factors; }
    get categories(): readonly CategoryNode[] { return this.data.categories; }
    get relations(): readonly RelationEdge[] { return this.data.relations; }
    get scenarios(): readonly ScenarioNode[] { return this.data.scenarios; }

    factor(id: string): FactorNode | undefined { return this.factorsById.get(id); }
    category(id: string): CategoryNode | undefined { return this.categoriesById.get(id); }

    /** Relations leaving a factor, in declaration order. */
    outgoing(id: string): readonly RelationEdge[] { return this.outgoingById.get(id) ?? []; }
    /** Relations entering a factor, in declaration order. */
    incoming(id: string): readonly RelationEdge[] { return this.incomingById.get(id) ?? []; }

    interventions(): FactorNode[] { return this.data.factors.filter(f => f.kind === 'intervention'); }
    kpis(): FactorNode[] { return this.data.factors.filter(f => f.kind === 'kpi'); }

    /** The label of a factor or category, or the identifier itself when unknown. */
    labelOf(id: string): string {
        return this.factorsById.get(id)?.label ?? this.categoriesById.get(id)?.label ?? id;
    }

    /** The chain of categories from the outermost to the given one. */
    categoryPath(id: string): CategoryNode[] {
        const path: CategoryNode[] = [];
        const seen = new Set<string>();
        for (let current = this.categoriesById.get(id); current && !seen.has(current.id); current = current.parent ? this.categoriesById.get(current.parent) : undefined) {
            seen.add(current.id);
            path.unshift(current);
        }
        return path;
    }
}
