import type { LangiumDocument } from 'langium';
import { DocumentState, TextDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createWorkspace } from './support/workspace.js';

const text = (version: number): string => `factor a "A"\nfactor b "B"\na -> +b "edit ${version}"\n`;

/** A workspace of one file, and a way to edit it as the language server does on `didChange`. */
async function editableWorkspace() {
    const ws = await createWorkspace({ 'model.marvel': text(0) });
    const workspace = ws.services.shared.workspace;
    const uri = URI.parse(ws.uri('model.marvel'));
    let version = 0;
    const edit = (): Promise<void> => {
        version++;
        workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'marvel', version, text(version)));
        return workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.update([uri], [], token));
    };
    /** The note of the relation in the tree each phase saw, in order. */
    const seen: Array<{ state: string; note: string | undefined }> = [];
    for (const state of [DocumentState.Parsed, DocumentState.Linked, DocumentState.Validated]) {
        workspace.DocumentBuilder.onDocumentPhase(state, (document: LangiumDocument) => {
            const root = document.parseResult.value as { elements?: Array<{ targets?: Array<{ note?: string }> }> };
            seen.push({ state: DocumentState[state], note: root.elements?.[2]?.targets?.[0]?.note });
        });
    }
    return { workspace, edit, seen, current: () => workspace.LangiumDocuments.getDocument(uri)! };
}

const nextTick = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

describe('a burst of edits', () => {
    test('keystrokes that queued up while the server was busy are built once, together', async () => {
        const { edit, seen, current } = await editableWorkspace();
        // The server reads one message per turn of the event loop.
        const builds = [edit()];
        await nextTick();
        builds.push(edit());
        await nextTick();
        builds.push(edit());
        await Promise.all(builds);
        expect(seen.filter(s => s.state === 'Parsed').map(s => s.note)).toEqual(['edit 3']);
        expect(current().state).toBe(DocumentState.Validated);
    });

    test('a build that has started is linked before a newer edit cancels it, so waiting requests get an answer', async () => {
        const { edit, seen, current, workspace } = await editableWorkspace();
        let newer: Promise<void> | undefined;
        const disposable = workspace.DocumentBuilder.onDocumentPhase(DocumentState.Parsed, () => {
            disposable.dispose();
            // The next keystroke arrives while the first is being built.
            newer = edit();
        });
        const first = edit();
        await first;
        await nextTick();
        await newer;
        const linked = seen.filter(s => s.state === 'Linked').map(s => s.note);
        expect(linked).toEqual(['edit 1', 'edit 2']);
        // The first build's validation was outdated and cancelled; the newest text is validated.
        expect(seen.filter(s => s.state === 'Validated').map(s => s.note)).toEqual(['edit 2']);
        expect(current().state).toBe(DocumentState.Validated);
    });
});
