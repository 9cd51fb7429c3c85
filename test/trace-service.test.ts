import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interventionOrder } from '../language/protocol/trace-protocol.js';
import { TraceService } from '../server/trace/trace-service.js';
import { folderFiles } from './support/preview-diagrams.js';
import { createWorkspace } from './support/workspace.js';

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
