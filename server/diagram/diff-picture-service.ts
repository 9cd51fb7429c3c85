import * as path from 'node:path';
import type { LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { layoutDiffView } from '../../language/diagram/diff-picture.js';
import type { DiagramPlacer } from '../../language/diagram/placement.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import type { DiffOldSide, DiffPictureParams, DiffPictureResponse } from '../../language/protocol/diff-protocol.js';
import { DiffModelReader } from '../cli/diff-model-reader.js';
import { revisionSource } from '../cli/git-revision.js';
import { UsageError } from '../cli/input-files.js';
import type { ImportSource } from '../cli/model-workspace.js';
import { diskSource } from '../cli/model-workspace.js';
import { notOpenProblem, validatedDocument } from '../validated-document.js';
import { modelSummary, syntaxProblem } from './diagram-service.js';

/**
 * Answers the preview's `marvel/diffPicture`: both sides read as `marvel diff` reads them (the
 * new one from the editor's texts, the old one from disk or a git revision, each with its
 * imports), the union laid out as the preview lays out a model — per category, in the same
 * layout worker with its caches, so the categories a change left alone cost nothing — and the change.
 */
export class DiffPictureService {
    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly services: MarvelServices,
        /** The preview's layout worker: a change that moves no box (a sign, a strength) reuses its layouts, packings and routes. */
        private readonly placer: DiagramPlacer
    ) {}

    async diffPicture(params: DiffPictureParams, cancelToken?: CancellationToken): Promise<DiffPictureResponse> {
        const uri = URI.parse(params.uri);
        const document = await validatedDocument(this.shared, uri, cancelToken);
        const nothing = { uri: params.uri, categories: [], factors: [] };
        if (!document) {
            return { ...nothing, version: 0, problem: notOpenProblem };
        }
        const version = document.textDocument.version;
        const model = this.services.workspace.ModelProvider.getModel(document);
        if (model.hasSyntaxErrors) {
            return { ...nothing, version, problem: syntaxProblem(this.shared, model.documentUris) };
        }
        // One reader per picture: a file whose text is the same on both sides is parsed once, and nothing outlives the answer.
        const reader = new DiffModelReader();
        const after = await reader.read([{ path: uri.fsPath, displayPath: uri.fsPath, text: document.textDocument.getText() }], uri.fsPath, this.editorSource(path.dirname(uri.fsPath)));
        let before;
        try {
            before = await this.readOldSide(reader, params.old);
        } catch (error) {
            if (error instanceof UsageError) {
                const problem = `Cannot compare with ${params.old.label}: ${error.message}.`;
                return { ...nothing, version, problem, oldProblem: problem };
            }
            throw error;
        }
        const { graph, scene, marking, review } = await layoutDiffView(before.graph, after.graph, params.view, this.placer, { aspectRatio: params.aspectRatio }, params.scope);
        return {
            uri: params.uri,
            version,
            ...modelSummary(graph),
            scene,
            problem: before.errorCount > 0 ? `${params.old.label} has errors; the picture compares with what of it could be read.` : undefined,
            diff: { against: params.old.label, marking, review }
        };
    }

    private async readOldSide(reader: DiffModelReader, old: DiffOldSide): ReturnType<DiffModelReader['read']> {
        const file = URI.parse(old.uri).fsPath;
        if (old.revision === undefined) {
            // Paths in messages are shown relative to the file's folder: the server has no working directory of the user's.
            const source = diskSource(path.dirname(file));
            return reader.read([{ path: file, displayPath: old.label, text: old.text ?? await source.read(file) }], old.label, source);
        }
        const source = revisionSource(old.revision, file);
        return reader.read([{ path: file, displayPath: old.label, text: old.text ?? source.readNow(file) }], old.label, source);
    }

    /** The new side's imports as the editor has them: open files with their unsaved text, the rest from disk. */
    private editorSource(folder: string): ImportSource {
        const disk = diskSource(folder);
        return {
            read: async file => this.shared.workspace.LangiumDocuments.getDocument(URI.file(file))?.textDocument.getText() ?? disk.read(file),
            displayPath: disk.displayPath
        };
    }
}
