import { MarvelCommand } from '../../language/protocol/commands.js';
import * as vscode from 'vscode';
import type { LoopsResponse } from '../../language/protocol/trace-protocol.js';

type Loop = LoopsResponse['loops'][number];
type LoopsItem = { readonly kind: 'group'; readonly name: string; readonly loops: readonly Loop[] } | { readonly kind: 'loop'; readonly loop: Loop } | { readonly kind: 'message'; readonly text: string };

const groups: Array<[Loop['kind'], string]> = [['reinforcing', 'Reinforcing (R)'], ['balancing', 'Balancing (B)'], ['unknown', 'Sign unknown (U)']];

/** The "MARVEL Loops" view: the model's feedback loops by kind; a loop shows alone in the preview. */
export class LoopsTreeProvider implements vscode.TreeDataProvider<LoopsItem> {
    private response?: LoopsResponse;
    private uri?: string;
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChangeTreeData = this.changed.event;

    show(uri: string, response: LoopsResponse): void {
        this.uri = uri;
        this.response = response;
        this.changed.fire();
    }

    getChildren(item?: LoopsItem): LoopsItem[] {
        if (!this.response) {
            return [{ kind: 'message', text: 'Open a .marvel file to list its feedback loops.' }];
        }
        if (!item) {
            const present = groups.map(([kind, name]) => ({ kind: 'group' as const, name, loops: this.response!.loops.filter(l => l.kind === kind) })).filter(g => g.loops.length > 0);
            return present.length > 0 ? present : [{ kind: 'message', text: 'The model has no feedback loops.' }];
        }
        return item.kind === 'group' ? item.loops.map(loop => ({ kind: 'loop', loop })) : [];
    }

    getTreeItem(item: LoopsItem): vscode.TreeItem {
        if (item.kind === 'message') {
            return new vscode.TreeItem(item.text);
        }
        if (item.kind === 'group') {
            const tree = new vscode.TreeItem(item.name, vscode.TreeItemCollapsibleState.Expanded);
            tree.description = `${item.loops.length}${this.response?.truncated ? '+' : ''}`;
            return tree;
        }
        const loop = item.loop;
        const tree = new vscode.TreeItem(`${loop.id}${loop.delayed ? ' (delayed)' : ''}`);
        tree.description = loop.reading;
        tree.tooltip = loop.reading;
        tree.iconPath = new vscode.ThemeIcon(loop.kind === 'reinforcing' ? 'sync' : loop.kind === 'balancing' ? 'debug-pause' : 'question');
        tree.command = { command: MarvelCommand.showLoop, title: 'Show loop', arguments: [this.uri, loop] };
        return tree;
    }
}
