import type { URI } from 'langium';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { MarvelFile } from '../language/generated/ast.js';
import type { MarvelServices } from '../language/marvel-module.js';

/**
 * Loads the files a model imports from outside the workspace folders (`import
 * "../shared/base.marvel"` with only a subfolder open), as `marvel check` reads them, so that
 * the editor and the command line give the same diagnostics for the same files. After each
 * build, every import that found no document but names a regular `.marvel` file on disk
 * (the import resolver's rule: real path, real name ending in `.marvel`) is loaded. These
 * files are read once; the editor's file watcher does not see changes outside the workspace.
 * An import of a pipe, device or socket is read once too, so that its importers say why it
 * holds nothing rather than that it cannot be found.
 */
export function registerOutsideImports(shared: LangiumSharedServices, services: MarvelServices): void {
    const imports = services.workspace.ImportResolver;
    const documents = shared.workspace.LangiumDocuments;
    const files = shared.workspace.FileSystemProvider;
    const unreadableFiles = services.workspace.UnreadableFiles;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async built => {
        const missing = new Map<string, { file: URI; importers: URI[] }>();
        for (const document of built) {
            for (const importNode of (document.parseResult.value as MarvelFile).imports ?? []) {
                const file = !imports.importedDocument(importNode) ? imports.importedFile(importNode) : undefined;
                if (file?.scheme === 'file' && !documents.hasDocument(file) && !unreadableFiles.reasonFor(file)) {
                    const entry = missing.get(file.toString()) ?? { file, importers: [] };
                    entry.importers.push(document.uri);
                    missing.set(file.toString(), entry);
                }
            }
        }
        const changed: URI[] = [];
        for (const { file, importers } of missing.values()) {
            const stat = await files.stat(file).catch(() => undefined);
            if (stat?.isFile) {
                changed.push(file);
            } else if (stat && !stat.isDirectory) {
                // A pipe, device or socket: the file system refuses it without waiting and says why; the importers then say it too.
                await files.readFile(file);
                changed.push(...importers);
            }
        }
        if (changed.length > 0) {
            // Not awaited: this runs inside a build, and the new build must wait for it to end.
            void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(changed, [], token));
        }
    });
}
