import { describe, expect, it } from 'vitest';
import { SimulationService } from '../server/simulation/simulation-service.js';
import type { TestWorkspace } from './support/workspace.js';
import { createWorkspace } from './support/workspace.js';

/** The service over a workspace whose (folder-less) initialisation is done, as the server's is after start-up. */
async function serviceOf(workspace: TestWorkspace): Promise<SimulationService> {
    await workspace.services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    return new SimulationService(workspace.services.shared, workspace.services);
}

describe('marvel/simulationModel', () => {
    it('hands the view the model graph of the document with its version, or says why not', async () => {
        const workspace = await createWorkspace({
            'main.marvel': 'import "./part.marvel"\nintervention a "A"\na -> +k\nscenario push "Push" {\n    set a to 0.8 over 1\n}\n',
            'part.marvel': 'kpi k "K" increase\n'
        });
        const service = await serviceOf(workspace);
        const answer = await service.model({ uri: workspace.uri('main.marvel') });
        expect(answer.problem).toBeUndefined();
        expect(answer.version).toBe(workspace.documents['main.marvel'].textDocument.version);
        expect(answer.graph?.factors.map(f => f.id)).toEqual(expect.arrayContaining(['a', 'k']));
        expect(answer.graph?.scenarios.map(s => s.id)).toEqual(['push']);
        expect(await service.model({ uri: 'file:///model/absent.marvel' })).toMatchObject({ problem: 'This file is not open in the language server.' });

        const broken = await createWorkspace({ 'main.marvel': 'intervention a "A"\na -> +\n' });
        const problem = await (await serviceOf(broken)).model({ uri: broken.uri('main.marvel') });
        expect(problem.graph).toBeUndefined();
        expect(problem.problem).toBe('main.marvel has a syntax error; the curves show the last version that parsed.');
    });
});
