import type { Direction, FactorKind, FactorRole, Sign, SourceLocation, SpeedClass, StrengthClass } from '../analysis/model-graph.js';
import type { SceneStub } from './category-stubs.js';
import type { KeptPacking } from './part-packing.js';
import type { OverviewScene } from './overview-scene.js';

/**
 * A laid-out diagram: everything the SVG renderer needs, in absolute coordinates.
 * Plain data, so it can cross a worker or process boundary and be compared in tests.
 */
export interface DiagramScene {
    readonly width: number;
    readonly height: number;
    readonly title?: string;
    /** Outermost first, so drawing in order puts nested categories on top. */
    readonly categories: readonly SceneCategory[];
    readonly nodes: readonly SceneNode[];
    readonly edges: readonly SceneEdge[];
    /** The whole model's categories as boxes with relations aggregated between them (overview-scene.ts). */
    readonly overview?: OverviewScene;
    /** In a category view: the relations to and from other categories, as short labelled stubs (category-stubs.ts). */
    readonly stubs?: readonly SceneStub[];
    /** How its categories were packed: the preview keeps the whole model's across a window reload (KeptPacking). */
    readonly packing?: KeptPacking;
}

export interface ScenePoint { readonly x: number; readonly y: number }

export interface SceneBox {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export interface SceneCategory extends SceneBox {
    readonly id: string;
    readonly label: string;
    readonly color?: string;
    readonly depth: number;
    readonly description?: string;
    readonly location: SourceLocation;
}

export interface SceneNode extends SceneBox {
    readonly id: string;
    readonly label: string;
    /** The label broken into the lines drawn. */
    readonly lines: readonly string[];
    readonly kind: FactorKind;
    readonly role: FactorRole;
    readonly key: boolean;
    readonly direction?: Direction;
    readonly category?: string;
    /** Its category's label, where no area of the category names it (a flow: DiagramView.flow). */
    readonly categoryLabel?: string;
    readonly description?: string;
    readonly location: SourceLocation;
}

export interface SceneEdge {
    /** The relation's index in the model graph. */
    readonly relation: number;
    readonly source: string;
    readonly target: string;
    readonly sign: Sign;
    readonly strength: number;
    readonly strengthClass?: StrengthClass;
    readonly speedClass?: SpeedClass;
    readonly delay: number;
    readonly delayed: boolean;
    readonly note?: string;
    /**
     * The route from the source's border to the target's border: a polyline (routed by ELK
     * inside one category, around the boxes between categories), or, when `curved`, a quadratic
     * curve [start, control, end] for a relation no route was found for.
     */
    readonly points: readonly ScenePoint[];
    readonly curved: boolean;
    /**
     * A relation between boxes in different categories, routed orthogonally around every factor
     * box through the gaps between categories (absent on relations inside one category).
     */
    readonly betweenCategories?: boolean;
    /** Where the sign mark sits, near the arrow head. */
    readonly signAt: ScenePoint;
    readonly location: SourceLocation;
}
