import type { HostToWebviewMessage } from './messages.js';
import { isArrayOf, isRecord } from './shape.js';
import { isTraceView } from './trace/guard.js';
import { isDiffAgainst } from './state.js';
import { isDiffChange } from './diff/guard.js';

/**
 * Whether a `message` event carries a message from the extension host. The webview's
 * window receives other posts too (VS Code's own, or anything a bug sends), so the
 * shape is checked before anything is drawn from it.
 */
export function isHostMessage(data: unknown): data is HostToWebviewMessage {
    if (!isRecord(data)) {
        return false;
    }
    switch (data.type) {
        case 'render':
            return isRecord(data.diagram) && typeof data.diagram.uri === 'string' && typeof data.diagram.version === 'number'
                && Array.isArray(data.diagram.categories) && Array.isArray(data.diagram.factors) && (data.diagram.errors === undefined || typeof data.diagram.errors === 'number')
                && isRecord(data.view) && typeof data.locked === 'boolean'
                && (data.diagram.diff === undefined || isDiffChange(data.diagram.diff)) && (data.against === undefined || isDiffAgainst(data.against));
        case 'highlight':
            return typeof data.uri === 'string' && isArrayOf(data.factors, 'string') && isArrayOf(data.relations, 'number');
        case 'exported':
            return typeof data.path === 'string';
        case 'trace':
            return isTraceView(data.trace);
        case 'clearTrace':
            return true;
        case 'showLoop':
            return typeof data.uri === 'string' && isArrayOf(data.relations, 'number') && isArrayOf(data.nodes, 'string');
        default:
            return false;
    }
}
