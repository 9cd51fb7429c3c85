import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ModelGraph } from '../../language/analysis/model-graph.js';
import type { MarvelFile } from '../../language/generated/ast.js';
import type { MarvelModuleContext, MarvelServices, MarvelServiceSet } from '../../language/marvel-module.js';
import { createMarvelServices } from '../../language/marvel-module.js';

/**
 * In-memory files in one folder, opened as text documents and built as the language server
 * builds them (`DocumentBuilder.update` with every validation category). The one way tests make
 * a workspace: a one-shot build (`createWorkspace`), edits and closes as an editor makes them,
 * or a fresh folder per call on shared services, so that tests never see each other's names.
 */
export class TestWorkspace {
    private readonly texts = new Map<string, string>();
    private version = 0;

    constructor(readonly serviceSet: MarvelServiceSet = testServices(), readonly folder = 'file:///model') {}

    /** The language's services (the shared ones are `services.shared`). */
    get services(): MarvelServices {
        return this.serviceSet.Marvel;
    }

    uri(name: string): string {
        return `${this.folder}/${name}`;
    }

    /** Opens (or changes) files and lets the builder parse, link and validate them together. */
    async open(files: Readonly<Record<string, string>>): Promise<void> {
        for (const [name, text] of Object.entries(files)) {
            this.setText(name, text);
        }
        await this.services.shared.workspace.DocumentBuilder.update(Object.keys(files).map(name => URI.parse(this.uri(name))), []);
    }

    async edit(name: string, text: string): Promise<void> {
        await this.open({ [name]: text });
    }

    async close(name: string): Promise<void> {
        this.texts.delete(name);
        this.services.shared.workspace.TextDocuments?.delete(this.uri(name));
        await this.services.shared.workspace.DocumentBuilder.update([], [URI.parse(this.uri(name))]);
    }

    text(name: string): string {
        const text = this.texts.get(name);
        if (text === undefined) {
            throw new Error(`no open file '${name}' in ${this.folder}`);
        }
        return text;
    }

    /** The current text of every open file, by name. */
    get files(): Record<string, string> {
        return Object.fromEntries(this.texts);
    }

    document(name: string): LangiumDocument<MarvelFile> {
        const document = this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(this.uri(name)));
        if (!document) {
            throw new Error(`no document '${name}' in ${this.folder}`);
        }
        return document as LangiumDocument<MarvelFile>;
    }

    /** The documents of every open file, by name. */
    get documents(): Record<string, LangiumDocument<MarvelFile>> {
        return Object.fromEntries([...this.texts.keys()].map(name => [name, this.document(name)]));
    }

    private setText(name: string, text: string): void {
        this.texts.set(name, text);
        this.services.shared.workspace.TextDocuments?.set(TextDocument.create(this.uri(name), 'marvel', ++this.version, text));
    }
}

/** Fresh services that validate every category on each update, as `build(…, { validation: true })` does; `context` adds to an in-memory file system. */
export function testServices(context: Omit<MarvelModuleContext, 'fileSystemProvider'> = {}): MarvelServiceSet {
    const services = createMarvelServices({ ...EmptyFileSystem, ...context });
    services.shared.workspace.DocumentBuilder.updateBuildOptions = { validation: true };
    return services;
}

/** Builds and validates several in-memory files under file:///model/ as the language server would. */
export async function createWorkspace(files: Readonly<Record<string, string>>): Promise<TestWorkspace> {
    const workspace = new TestWorkspace();
    await workspace.open(files);
    return workspace;
}

let folderCounter = 0;

/** Files in a folder of their own on shared services: cheaper than fresh services, still isolated by imports. */
export async function createIsolatedWorkspace(services: MarvelServiceSet, files: Readonly<Record<string, string>>): Promise<TestWorkspace> {
    const workspace = new TestWorkspace(services, `file:///isolated/${++folderCounter}`);
    await workspace.open(files);
    return workspace;
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
