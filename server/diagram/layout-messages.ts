import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Placement, PlacementRequest } from '../../language/diagram/placement.js';

/** A task for the layout worker: an ELK graph to lay out, or a whole diagram to place (placement.ts). */
export type LayoutTask =
    | { readonly id: number; readonly graph: ElkNode }
    | { readonly id: number; readonly placement: PlacementRequest };

export type LayoutReply =
    | { readonly id: number; readonly graph: ElkNode }
    | { readonly id: number; readonly placement: Placement }
    | { readonly id: number; readonly error: string };

/** Posted once by a layout worker when its warm-up is over, and its helpers' too (layout-warm-up.ts). */
export interface WarmedUp {
    readonly warmedUp: true;
}

/** What a layout worker is started with. */
export interface LayoutWorkerData {
    /** Helper workers it starts, which lay out categories beside it (layout-pool.ts); none in a helper. */
    readonly helpers: number;
}
