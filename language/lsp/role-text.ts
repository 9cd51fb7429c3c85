import type { Factor } from '../generated/ast.js';
import type { FactorRole } from '../analysis/model-graph.js';
import { roleOf } from '../model/graph-builder.js';

const roleNames: Record<FactorRole, string> = {
    factor: 'factor',
    key: 'key factor',
    indicator: 'indicator',
    intervention: 'intervention',
    kpi: 'KPI'
};

/** "key factor", "KPI (decrease)", "key intervention": how the editor names a declaration's role. */
export function describeRole(factor: Factor): string {
    const role = roleNames[roleOf(factor)];
    if (factor.kind === 'kpi') {
        return factor.direction ? `${role} (${factor.direction})` : role;
    }
    return factor.kind === 'intervention' && factor.key ? `key ${role}` : role;
}
