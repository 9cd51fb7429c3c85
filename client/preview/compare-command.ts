import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MarvelCommand } from '../../language/protocol/commands.js';
import type { DiffAgainst } from '../webview/messages.js';
import type { PreviewManager } from './preview-manager.js';

interface OldSideItem extends vscode.QuickPickItem {
    readonly pick: 'revision' | 'ask' | 'file';
    readonly revision?: string;
}

/** "MARVEL: Compare With…": the preview of a `.marvel` file in diff mode against HEAD, a branch, a revision or another file. */
export function registerCompare(previews: PreviewManager): vscode.Disposable {
    return vscode.commands.registerCommand(MarvelCommand.compareWith, async (uri?: vscode.Uri) => {
        const document = vscode.window.activeTextEditor?.document;
        const target = uri ?? (document?.languageId === 'marvel' ? document.uri : undefined);
        if (!target) {
            void vscode.window.showInformationMessage('Open a .marvel file to compare it.');
            return;
        }
        const against = await pickOldSide(target);
        if (against) {
            previews.showDiff(target, against);
        }
    });
}

async function pickOldSide(target: vscode.Uri): Promise<DiffAgainst | undefined> {
    const folder = path.dirname(target.fsPath);
    const refs = target.scheme === 'file' ? await gitRefs(folder) : undefined;
    const items: OldSideItem[] = [];
    if (refs) {
        items.push(
            { label: 'HEAD', description: 'the last commit', pick: 'revision', revision: 'HEAD' },
            { label: 'Index', description: 'what is staged', pick: 'revision', revision: '' },
            ...refs.map(ref => ({ label: ref.name, description: ref.subject, pick: 'revision' as const, revision: ref.name })),
            { label: 'A revision\u2026', description: 'a commit, a tag, HEAD~2', pick: 'ask' }
        );
    }
    items.push({ label: 'Another .marvel file\u2026', description: refs ? undefined : 'this file is not in a git repository', pick: 'file' });
    const picked = await vscode.window.showQuickPick(items, { title: `Compare ${path.basename(target.fsPath)} with`, placeHolder: 'HEAD, a branch, a revision or another .marvel file', matchOnDescription: true });
    if (!picked) {
        return undefined;
    }
    const asRevision = (revision: string): DiffAgainst => ({ label: revision === '' ? 'the index' : revision, uri: target.toString(), revision });
    switch (picked.pick) {
        case 'revision':
            return asRevision(picked.revision ?? 'HEAD');
        case 'ask': {
            const revision = await vscode.window.showInputBox({
                title: `Compare ${path.basename(target.fsPath)} with a revision`,
                prompt: 'A commit, a tag, a branch or an expression such as HEAD~2',
                validateInput: async value => value.trim() === '' ? undefined : await isCommit(folder, value.trim()) ? undefined : `'${value.trim()}' is no commit of this repository`
            });
            return revision && revision.trim() !== '' ? asRevision(revision.trim()) : undefined;
        }
        case 'file': {
            const files = await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: vscode.Uri.file(folder), filters: { MARVEL: ['marvel'] }, openLabel: 'Compare' });
            // The path within the workspace: two models often share a file name (model.marvel in two folders).
            return files?.[0] ? { label: vscode.workspace.asRelativePath(files[0]), uri: files[0].toString() } : undefined;
        }
    }
}

/** Branches and tags, most recently committed first; undefined when the folder is in no git repository (or git is missing). */
async function gitRefs(folder: string): Promise<Array<{ name: string; subject: string }> | undefined> {
    const listed = await git(folder, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)%09%(subject)', 'refs/heads', 'refs/remotes', 'refs/tags']);
    return listed === undefined ? undefined : listed.split('\n').filter(line => line.trim() !== '').map(line => {
        const [name, ...subject] = line.split('\t');
        return { name, subject: subject.join('\t') };
    }).filter(ref => !ref.name.endsWith('/HEAD'));
}

async function isCommit(folder: string, revision: string): Promise<boolean> {
    return (await git(folder, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])) !== undefined;
}

function git(folder: string, args: readonly string[]): Promise<string | undefined> {
    return new Promise(resolve => execFile('git', args, { cwd: folder, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout)));
}
