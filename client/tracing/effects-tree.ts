import { MarvelCommand } from '../../language/protocol/commands.js';
import * as vscode from 'vscode';
import type { TracePathView, TraceStepView, TraceTargetView, TraceView } from '../../language/protocol/trace-protocol.js';
import { pathText, targetText } from './effects-text.js';

type EffectsItem =
    | { readonly kind: 'target'; readonly target: TraceTargetView; readonly trace: TraceView }
    | { readonly kind: 'path'; readonly path: TracePathView }
    | { readonly kind: 'step'; readonly step: TraceStepView; readonly labels: (id: string) => string }
    | { readonly kind: 'message'; readonly text: string };

const verdictIcons: Record<string, string> = { desired: 'pass', undesired: 'error', mixed: 'warning', unknown: 'question', none: 'circle-slash' };

/** The "MARVEL Effects" view: KPI → paths → steps of the current trace; a step reveals its relation. */
export class EffectsTreeProvider implements vscode.TreeDataProvider<EffectsItem> {
    private trace?: TraceView;
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChangeTreeData = this.changed.event;

    show(trace: TraceView | undefined): void {
        this.trace = trace;
        this.changed.fire();
    }

    get current(): TraceView | undefined {
        return this.trace;
    }

    getChildren(item?: EffectsItem): EffectsItem[] {
        const trace = this.trace;
        if (!trace) {
            return [{ kind: 'message', text: 'Run "MARVEL: Trace Intervention", or click a code lens above an intervention.' }];
        }
        if (!item) {
            return trace.problem ? [{ kind: 'message', text: trace.problem }] : trace.targets.map(target => ({ kind: 'target', target, trace }));
        }
        if (item.kind === 'target') {
            return item.target.paths.length > 0 ? item.target.paths.map(path => ({ kind: 'path', path })) : [{ kind: 'message', text: 'No path leads here.' }];
        }
        if (item.kind === 'path') {
            const labels = new Map(trace.targets.map(t => [t.target, t.label]));
            return item.path.steps.map(step => ({ kind: 'step', step, labels: id => labels.get(id) ?? id }));
        }
        return [];
    }

    getTreeItem(item: EffectsItem): vscode.TreeItem {
        switch (item.kind) {
            case 'message':
                return new vscode.TreeItem(item.text);
            case 'target': {
                const text = targetText(item.target, item.trace);
                const tree = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Expanded);
                tree.description = text.description;
                tree.tooltip = text.tooltip;
                tree.iconPath = new vscode.ThemeIcon(verdictIcons[item.target.verdict] ?? 'circle-outline');
                return tree;
            }
            case 'path': {
                const text = pathText(item.path);
                const tree = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Collapsed);
                tree.iconPath = new vscode.ThemeIcon(verdictIcons[item.path.verdict] ?? 'circle-outline');
                tree.description = text.description;
                tree.tooltip = text.tooltip;
                return tree;
            }
            case 'step': {
                const s = item.step;
                const tree = new vscode.TreeItem(`${s.source} → ${s.sign}${s.target}`);
                tree.iconPath = new vscode.ThemeIcon('arrow-right');
                tree.command = { command: MarvelCommand.revealLocation, title: 'Show relation', arguments: [s.location.uri, s.location.range] };
                return tree;
            }
        }
    }
}
