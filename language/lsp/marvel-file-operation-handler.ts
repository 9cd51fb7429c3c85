import type { LangiumDocuments, LangiumSharedCoreServices } from 'langium';
import { GrammarUtils, URI, UriUtils } from 'langium';
import type { FileOperationHandler } from 'langium/lsp';
import type { FileOperationOptions, RenameFilesParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { MarvelFile } from '../generated/ast.js';
import { isMarvelFile } from '../generated/ast.js';
import { resolveImportPath } from '../workspace/import-resolver.js';

/**
 * Keeps imports pointing at their files when files or folders are renamed or moved in the
 * editor (the Explorer, a drag): before the rename, every `import "…"` that points into what
 * moves, or that stands in a file that moves, is rewritten to the path that reaches the same
 * file from the new places. Paths keep their style: `./` when they had it, absolute when they were.
 */
export class MarvelFileOperationHandler implements FileOperationHandler {
    readonly fileOperationOptions: FileOperationOptions = {
        willRename: {
            filters: [
                { scheme: 'file', pattern: { glob: '**/*.marvel', matches: 'file' } },
                { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } }
            ]
        }
    };
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumSharedCoreServices) {
        this.documents = services.workspace.LangiumDocuments;
    }

    willRenameFiles(params: RenameFilesParams): WorkspaceEdit | null {
        const moves = params.files.map(file => ({ from: URI.parse(file.oldUri), to: URI.parse(file.newUri) }));
        /** Where a file is after the renames: moved with a renamed file or folder, or where it was. */
        const after = (uri: URI): URI => {
            for (const { from, to } of moves) {
                if (uri.toString() === from.toString()) {
                    return to;
                }
                const folder = from.path.endsWith('/') ? from.path : `${from.path}/`;
                if (uri.scheme === from.scheme && uri.authority === from.authority && uri.path.startsWith(folder)) {
                    return UriUtils.joinPath(to, uri.path.slice(folder.length));
                }
            }
            return uri;
        };
        const changes: Record<string, TextEdit[]> = {};
        for (const document of this.documents.all) {
            const root = document.parseResult.value;
            if (!isMarvelFile(root)) {
                continue;
            }
            const edits = importEdits(root, document.uri, after);
            if (edits.length > 0) {
                changes[document.uri.toString()] = edits;
            }
        }
        return Object.keys(changes).length > 0 ? { changes } : null;
    }
}

function importEdits(file: MarvelFile, importer: URI, after: (uri: URI) => URI): TextEdit[] {
    const edits: TextEdit[] = [];
    const movedImporter = after(importer);
    for (const importNode of file.imports) {
        const written = importNode.path;
        const token = importNode.$cstNode && GrammarUtils.findNodeForProperty(importNode.$cstNode, 'path');
        if (!written || !token) {
            continue;
        }
        const target = resolveImportPath(importer, written);
        const movedTarget = after(target);
        if (movedTarget.toString() === target.toString() && movedImporter.toString() === importer.toString()) {
            continue;
        }
        const path = pathFrom(movedImporter, movedTarget, written);
        if (path !== written.replace(/\\/g, '/')) {
            const quote = token.text.startsWith("'") ? "'" : '"';
            edits.push({ range: token.range, newText: `${quote}${path}${quote}` });
        }
    }
    return edits;
}

/** The path from the file at `importer` to `target`, in the style `written` had. */
function pathFrom(importer: URI, target: URI, written: string): string {
    if (written.startsWith('/')) {
        return target.path;
    }
    const relative = UriUtils.relative(UriUtils.dirname(importer), target);
    return relative.startsWith('../') || !written.startsWith('./') ? relative : `./${relative}`;
}
