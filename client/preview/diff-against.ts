import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiffAgainst } from '../webview/messages.js';

/**
 * What the preview of a diff editor's modified `.marvel` file compares with: its original side.
 * From Source Control that is a `git:` document whose query names the file and the ref (`~`
 * the index, `HEAD`, a commit); its text comes through the editor, and its imports from the
 * same revision. Any other original (two files compared) is read through the editor too, its
 * imports from beside it.
 */
export function diffEditorAgainst(original: vscode.Uri, modified: vscode.Uri): DiffAgainst {
    const name = path.basename(original.path);
    if (original.scheme === 'git') {
        const query = gitQuery(original.query);
        if (query) {
            return { ...revisionOf(query.ref), uri: vscode.Uri.file(query.path).toString(), original: original.toString() };
        }
    }
    const beside = original.scheme === 'file' ? original : modified;
    return { label: name, uri: beside.toString(), original: original.toString() };
}

/** The git extension's ref as a revision git reads: `~` is the index, `~1`…`~3` merge stages (read as text only). */
function revisionOf(ref: string): Pick<DiffAgainst, 'label' | 'revision'> {
    if (ref === '~' || ref === '') {
        return { label: 'the index', revision: '' };
    }
    if (/^~\d$/.test(ref)) {
        return { label: `merge stage ${ref.slice(1)}` };
    }
    return { label: /^[0-9a-f]{40}$/i.test(ref) ? ref.slice(0, 8) : ref, revision: ref };
}

function gitQuery(query: string): { path: string; ref: string } | undefined {
    try {
        const parsed: unknown = JSON.parse(query);
        if (typeof parsed === 'object' && parsed !== null) {
            const { path: file, ref } = parsed as Record<string, unknown>;
            return typeof file === 'string' && typeof ref === 'string' ? { path: file, ref } : undefined;
        }
    } catch {
        // Not the git extension's query: read the document as any other.
    }
    return undefined;
}
