import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Changes, EffectChange, FieldChange, ModelDiff } from '../../language/analysis/diff/model-diff.js';
import { diffModels, isEmptyDiff } from '../../language/analysis/diff/model-diff.js';
import { diffMermaid, mermaidLegend } from '../../language/analysis/diff/diff-mermaid.js';
import { diffSummary } from '../../language/analysis/diff/diff-summary.js';
import { diffUnion } from '../../language/analysis/diff/diff-union.js';
import { loopText, verdictChangeText } from '../../language/analysis/diff/diff-review.js';
import { optionValue, parseArguments } from './arguments.js';
import type { CliContext, CommandResult } from './command.js';
import { readAtRevision } from './git-revision.js';
import { DiffModelReader } from './diff-model-reader.js';
import { readInputFiles, UsageError } from './input-files.js';
import { diskSource } from './model-workspace.js';
import type { AnalysedModel } from './trace-command.js';
import { readableJson, warnAboutErrors } from './trace-command.js';
import { oneLine } from './terminal-text.js';
import { counted } from '../../language/text/counted.js';

export const diffUsage = 'marvel diff OLD NEW [--format text|json|markdown]';

export async function runDiff(args: readonly string[], context: CliContext): Promise<CommandResult> {
    const parsed = parseArguments(args, { format: { value: true, choices: ['text', 'json', 'markdown'] } });
    if (parsed.positional.length !== 2) {
        throw new UsageError(`give the old and the new model (usage: ${diffUsage})`);
    }
    const [oldGiven, newGiven] = parsed.positional;
    if (!existsSync(path.resolve(context.cwd, newGiven)) && existsSync(path.resolve(context.cwd, oldGiven))) {
        throw new UsageError(`cannot read '${newGiven}': no such file; the old side comes first, a file or a git revision: marvel diff ${newGiven} ${oldGiven}`);
    }
    const { before, after } = await readBothSides(oldGiven, newGiven, context.cwd);
    const diff = diffModels(before.graph, after.graph);
    warnAboutErrors(before, context);
    warnAboutErrors(after, context);
    const format = optionValue(parsed, 'format') ?? 'text';
    const output = format === 'json' ? readableJson(diff) + '\n' : format === 'markdown' ? diffMarkdown(diff, before, after) : diffText(diff, before, after);
    return { output, exitCode: after.errorCount > 0 ? 1 : 0 };
}

/**
 * The two models of a change: NEW from disk, OLD from disk or, when it is no file, as a git
 * revision of the NEW file (`HEAD`, `main~1`) with its imports from the same revision. Paths
 * are relative to `cwd`.
 */
export async function readBothSides(oldGiven: string, newGiven: string, cwd: string): Promise<{ before: AnalysedModel; after: AnalysedModel }> {
    const reader = new DiffModelReader();
    const after = await reader.read(await readInputFiles([newGiven], cwd), newGiven, diskSource(cwd));
    if (existsSync(path.resolve(cwd, oldGiven))) {
        return { before: await reader.read(await readInputFiles([oldGiven], cwd), oldGiven, diskSource(cwd)), after };
    }
    const old = readAtRevision(oldGiven, path.resolve(cwd, newGiven));
    return { before: await reader.read([{ path: old.path, displayPath: old.displayPath, text: old.text }], old.displayPath, old.source), after };
}

interface Line {
    readonly mark: '+' | '-' | '~' | '>';
    readonly text: string;
}

/** Every change as a marked line, by section. */
function sections(diff: ModelDiff, before: AnalysedModel, after: AnalysedModel): Array<{ title: string; counts: string; lines: Line[] }> {
    const label = (id: string): string => {
        const factor = after.graph.factor(id) ?? before.graph.factor(id);
        return factor && factor.label !== id ? `${id} '${factor.label}'` : id;
    };
    const fields = (changes: readonly FieldChange[]): string => changes.map(c => `${c.field} ${shown(c.before)} → ${shown(c.after)}`).join(', ');
    const section = <Item, Change>(title: string, changes: Changes<Item, Change>, item: (i: Item) => string, change: (c: Change) => string) => ({
        title,
        counts: `${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed`,
        lines: [
            ...changes.added.map(i => ({ mark: '+' as const, text: item(i) })),
            ...changes.removed.map(i => ({ mark: '-' as const, text: item(i) })),
            ...changes.changed.map(c => ({ mark: '~' as const, text: change(c) }))
        ]
    });
    const factors = section('Factors', diff.factors, f => `${label(f.id)} (${f.role})`, c => `${label(c.id)}: ${fields(c.changes)}`);
    const effectText = (e: EffectChange): string =>
        `${verdictChangeText(e, label)} (effect ${e.before ?? 'absent'} → ${e.after ?? 'absent'})`;
    return [
        {
            ...factors,
            counts: `${factors.counts}, ${diff.factors.renamed.length} renamed`,
            lines: [...factors.lines, ...diff.factors.renamed.map(r => ({ mark: '>' as const, text: `${r.from} → ${label(r.to)}` }))]
        },
        section('Relations', diff.relations, r => `${r.source} -> ${r.sign}${r.target}`, c => `${c.source} -> ${c.target}: ${fields(c.changes)}`),
        {
            ...section('Loops', diff.loops, l => `${loopText(l.nodes)} (${l.kind}${l.delayed ? ', delayed' : ''})`, c => `${loopText(c.nodes)}: ${fields(c.changes)}`),
            counts: `${diff.loops.added.length} added, ${diff.loops.removed.length} removed, ${diff.loops.changed.length} changed${diff.loops.truncated ? ' (among the loops within the search bounds)' : ''}`
        },
        {
            title: 'Effects',
            counts: `${diff.effects.length} changed`,
            lines: diff.effects.map(e => ({ mark: '~' as const, text: effectText(e) }))
        }
    ];
}

function diffText(diff: ModelDiff, before: AnalysedModel, after: AnalysedModel): string {
    if (isEmptyDiff(diff)) {
        return `No changes between ${before.displayPath} and ${after.displayPath}.\n`;
    }
    return sections(diff, before, after)
        .map(s => [`${s.title}: ${s.counts}`, ...s.lines.map(l => `  ${l.mark} ${oneLine(l.text)}`)].join('\n'))
        .join('\n') + '\n';
}

/**
 * For a pull request comment: the change in one line, a Mermaid picture of its neighbourhood
 * (GitHub, GitLab and Azure DevOps draw it), then a heading per kind of change that happened.
 */
function diffMarkdown(diff: ModelDiff, before: AnalysedModel, after: AnalysedModel): string {
    const title = `**Model change: ${diffSummary(diff)}** (\`${before.displayPath}\` → \`${after.displayPath}\`)`;
    if (isEmptyDiff(diff)) {
        return `${title}\n`;
    }
    const picture = diffMermaid(diffUnion(before.graph, after.graph, diff));
    const more = picture.omittedChanges > 0 ? `\n\nand ${counted(picture.omittedChanges, 'more change')}, listed below` : '';
    const word = { '+': 'added', '-': 'removed', '~': 'changed', '>': 'renamed' } as const;
    const parts = sections(diff, before, after)
        .filter(s => s.lines.length > 0)
        .map(s => [`#### ${s.title} (${s.counts})`, '', ...s.lines.map(l => `- **${word[l.mark]}** ${markdownText(oneLine(l.text))}`)].join('\n'));
    return [title, `\`\`\`mermaid\n${picture.text}\n\`\`\`\n\n${mermaidLegend}${more}`, ...parts].join('\n\n') + '\n';
}

function shown(value: string | number | boolean | null): string {
    return value === null ? 'none' : typeof value === 'string' ? `'${value}'` : String(value);
}

/** Model text is the user's: no markdown or HTML of theirs may take effect in the comment. */
function markdownText(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, character => `\\${character}`);
}
