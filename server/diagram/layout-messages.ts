import type { ElkNode } from 'elkjs/lib/elk-api.js';

export interface LayoutTask {
    readonly id: number;
    readonly graph: ElkNode;
}

export type LayoutReply =
    | { readonly id: number; readonly graph: ElkNode }
    | { readonly id: number; readonly error: string };
