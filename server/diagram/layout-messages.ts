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
