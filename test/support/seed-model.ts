import * as path from 'node:path';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import { repositoryRoot } from './example-files.js';
import { folderFiles } from './preview-diagrams.js';
import { createWorkspace } from './workspace.js';

export const seedFolder = path.join(repositoryRoot, 'examples', 'mensenhandel');
export const seedMain = 'mensenhandel.marvel';

/** The model graph of the seed example, built in memory as the language server builds it. */
export async function seedGraph(): Promise<ModelGraph> {
    const workspace = await createWorkspace(folderFiles(seedFolder));
    return workspace.services.workspace.ModelProvider.getModel(workspace.documents[seedMain]).graph;
}
