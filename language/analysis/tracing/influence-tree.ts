import type { ModelGraph, Sign } from '../model-graph.js';
import type { TreeBounds } from './bounds.js';
import { defaultTreeBounds } from './bounds.js';
import type { CausalLink } from './link-graph.js';
import { linkGraphOf } from './link-graph.js';
import { requireIndex } from './paths.js';
import { multiplySigns } from './signs.js';

/** `causes`: what influences the root, levels up; `uses`: what the root influences, levels down. */
export type TreeDirection = 'causes' | 'uses';

export interface InfluenceNode {
    readonly id: string;
    /** Levels from the root (0 at the root). */
    readonly depth: number;
    /** The link between this node and its parent: into the parent (causes) or out of it (uses). Absent at the root. */
    readonly link?: CausalLink;
    /**
     * The sign along the branch: for `uses`, how raising the root moves this factor; for
     * `causes`, how raising this factor moves the root. `+` at the root.
     */
    readonly sign: Sign;
    /** The factor appears higher up this branch: a feedback loop closes here, so it is not expanded again. */
    readonly loop: boolean;
    /** Left unexpanded by the depth or node limit although it has further links. */
    readonly more: boolean;
    /** In identifier order. */
    readonly children: readonly InfluenceNode[];
}

export interface InfluenceTree {
    readonly direction: TreeDirection;
    readonly root: InfluenceNode;
    readonly nodeCount: number;
    /** Some node was left unexpanded by the depth or node limit. */
    readonly truncated: boolean;
}

interface MutableNode {
    id: string;
    index: number;
    depth: number;
    link?: CausalLink;
    sign: Sign;
    loop: boolean;
    more: boolean;
    children: MutableNode[];
    parent?: MutableNode;
}

/**
 * The causes tree (the memo's "what influences X") or the uses tree of a factor. A factor may
 * appear on several branches, as in the memo's figures; the tree is built level by level so that
 * when the node limit is reached the nearer levels are complete, and a node gets either all its
 * children or none. Throws when `id` is not a factor of the graph.
 */
export function influenceTree(graph: ModelGraph, id: string, direction: TreeDirection, bounds: Partial<TreeBounds> = {}): InfluenceTree {
    const links = linkGraphOf(graph);
    const { depth: maxDepth, maxNodes } = { ...defaultTreeBounds, ...bounds };
    const neighbours = (index: number): ReadonlyArray<{ index: number; link: CausalLink }> => direction === 'uses'
        ? links.linksFrom(index).map((link, i) => ({ index: links.successors[index][i], link }))
        : links.predecessors[index].map(source => ({ index: source, link: links.link(source, index)! }));
    const rootIndex = requireIndex(links, id);
    const root: MutableNode = { id, index: rootIndex, depth: 0, sign: '+', loop: false, more: false, children: [] };
    let nodeCount = 1;
    let full = false;
    let truncated = false;
    const queue: MutableNode[] = [root];
    for (let head = 0; head < queue.length; head++) {
        const node = queue[head];
        const next = node.loop ? [] : neighbours(node.index);
        if (next.length === 0) {
            continue;
        }
        if (node.depth >= maxDepth || full || nodeCount + next.length > maxNodes) {
            full ||= node.depth < maxDepth;
            node.more = true;
            truncated = true;
            continue;
        }
        for (const { index, link } of next) {
            const child: MutableNode = {
                id: links.ids[index],
                index,
                depth: node.depth + 1,
                link,
                sign: multiplySigns(node.sign, link.sign),
                loop: onBranch(node, index),
                more: false,
                children: [],
                parent: node
            };
            node.children.push(child);
            queue.push(child);
        }
        nodeCount += next.length;
    }
    return { direction, root: freeze(queue), nodeCount, truncated };
}

function onBranch(node: MutableNode | undefined, index: number): boolean {
    for (let current = node; current; current = current.parent) {
        if (current.index === index) {
            return true;
        }
    }
    return false;
}

/**
 * Copies the tree without its internal fields (parent pointers would make it cyclic for JSON),
 * bottom-up over the breadth-first order so that a deep tree needs no deep recursion.
 */
function freeze(breadthFirst: readonly MutableNode[]): InfluenceNode {
    const frozen = new Map<MutableNode, InfluenceNode>();
    for (let i = breadthFirst.length - 1; i >= 0; i--) {
        const node = breadthFirst[i];
        frozen.set(node, {
            id: node.id,
            depth: node.depth,
            ...(node.link ? { link: node.link } : {}),
            sign: node.sign,
            loop: node.loop,
            more: node.more,
            children: node.children.map(child => frozen.get(child)!)
        });
    }
    return frozen.get(breadthFirst[0])!;
}
