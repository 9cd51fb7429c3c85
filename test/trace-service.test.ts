import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interventionOrder } from '../language/protocol/trace-protocol.js';
import { TraceService } from '../server/trace/trace-service.js';
import { traceFactor } from '../language/analysis/tracing/index.js';
import { toTraceView } from '../language/analysis/tracing/trace-view.js';
import { folderFiles } from './support/preview-diagrams.js';
import { createWorkspace, graphOf } from './support/workspace.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

describe('the language server\'s trace requests', () => {
    it('lists the interventions for the quick pick in the order of the preview\'s Trace list', async () => {
        const workspace = await createWorkspace(folderFiles(path.join(projectRoot, 'examples', 'mensenhandel')));
        // The in-memory workspace has no folders to load; the server waits for that before answering.
        await workspace.services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const service = new TraceService(workspace.services.shared, workspace.services);
        const listed = await service.interventions({ uri: workspace.uri('mensenhandel.marvel') });
        const graph = workspace.services.workspace.ModelProvider.getModel(workspace.documents['mensenhandel.marvel']).graph;
        expect(listed.length).toBe(graph.interventions().length);
        expect(listed.map(i => i.id)).toEqual([...listed].sort(interventionOrder).map(i => i.id));
        // Not the declaration order: the seed declares them by domain.
        expect(listed.map(i => i.id)).not.toEqual(graph.interventions().map(i => i.id));
    });
});

describe('where a traced step or a loop shows its relation', () => {
    it('selects a relation from its source when they share a line, else its clause alone, not the fan-out around it', async () => {
        const graph = await graphOf('kpi k "K" increase\nintervention i "I"\nfactor b "B"\ni -> +b,\n    -k\nb -> +k\n');
        const view = toTraceView('', graph, traceFactor(graph, 'i'));
        const steps = view.targets.flatMap(target => target.paths.flatMap(path => path.steps));
        const toB = steps.find(step => step.target === 'b')!;
        const toK = steps.find(step => step.source === 'i' && step.target === 'k')!;
        expect(toB.location.range).toMatchObject({ start: { line: 3, character: 0 } });
        expect(toB.location.range.end.line).toBe(3);
        // The second target of `i -> +b, -k`, on the next line: its clause, not the statement from `i`.
        expect(toK.location.range.start).toEqual({ line: 4, character: 4 });
        expect(toK.location.range.end.line).toBe(4);
    });
});
