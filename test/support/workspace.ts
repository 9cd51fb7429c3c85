import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { MarvelFile } from '../../language/generated/ast.js';
import type { MarvelServices } from '../../language/marvel-module.js';
import { createMarvelServices } from '../../language/marvel-module.js';

export interface TestWorkspace {
    readonly services: MarvelServices;
    /** Documents by file name, as given. */
    readonly documents: Record<string, LangiumDocument<MarvelFile>>;
    uri(name: string): string;
}

/** Builds and validates several in-memory files under file:///model/ as the language server would. */
export async function createWorkspace(files: Record<string, string>): Promise<TestWorkspace> {
    const services = createMarvelServices(EmptyFileSystem).Marvel;
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents: Record<string, LangiumDocument<MarvelFile>> = {};
    for (const [name, text] of Object.entries(files)) {
        const document = factory.fromString<MarvelFile>(text, URI.parse(`file:///model/${name}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        documents[name] = document;
    }
    await services.shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return { services, documents, uri: name => `file:///model/${name}` };
}

/** The model graph of one in-memory file, built as the language server builds it. */
export async function graphOf(text: string): Promise<ModelGraph> {
    const workspace = await createWorkspace({ 'model.marvel': text });
    return workspace.services.workspace.ModelProvider.getModel(workspace.documents['model.marvel']).graph;
}

/** The position of the first occurrence of `marker` in a document's text, plus `shift` characters. */
export function positionOf(document: LangiumDocument, marker: string, shift = 0): Position {
    const offset = document.textDocument.getText().indexOf(marker);
    if (offset < 0) {
        throw new Error(`'${marker}' not found`);
    }
    return document.textDocument.positionAt(offset + shift);
}

/** The text of a document after applying the edits a workspace edit makes to it. */
export function applyEdit(document: LangiumDocument, edit: WorkspaceEdit | undefined | null): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    const text = TextDocument.create(document.uri.toString(), 'marvel', 0, document.textDocument.getText());
    return TextDocument.applyEdits(text, edits);
}
