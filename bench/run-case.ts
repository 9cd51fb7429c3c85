import type { URI } from 'langium';
import type { DefaultSharedModuleContext } from 'langium/lsp';
import type { BenchWorkspace, SourceFile } from './bench-workspace.js';
import { applyEdit, buildWorkspace, countDiagnostics, createServices, documentAt, modelSize } from './bench-workspace.js';
import type { CaseResult } from './case-result.js';
import type { RelationEdits } from './edit-sites.js';
import { findRelationEdits } from './edit-sites.js';
import type { Timing } from './measure.js';
import { peakRssMb, retainedHeapMb, rssMb } from './measure.js';

export interface CaseInput {
    readonly name: string;
    readonly context: DefaultSharedModuleContext;
    /** The root file first. */
    readonly files: readonly SourceFile[];
    /** The file to edit; another one when it holds no relation. */
    readonly editUri: URI;
    /** Edits of each kind, unless they exceed the time budget first. */
    readonly repetitions: number;
}

/** Wall-clock time per kind of edit after which no more samples are taken, to bound the run on large models. */
const editBudgetMs = 8_000;
/** Unmeasured edits first, until the JIT has compiled the hot paths (about ten on small models) or this time is spent. */
const warmUpEdits = 12;
const warmUpBudgetMs = 3_000;

/**
 * Builds the files, edits one relation a number of times, builds once more warm, and reports the figures.
 * `report` receives the figures so far after each phase, so that a case stopped for taking too long still tells something.
 */
export async function runCase(input: CaseInput, report: (partial: CaseResult) => void): Promise<CaseResult> {
    const cold = await measureColdBuildAndEdits(input, report);
    // The first workspace is unreachable by now, so the warm build does not pay for its garbage.
    retainedHeapMb();
    const { timing: warmBuild } = await buildWorkspace(createServices(input.context), input.files);
    return { ...cold, warmBuild };
}

async function measureColdBuildAndEdits(input: CaseInput, report: (partial: CaseResult) => void): Promise<CaseResult> {
    const services = createServices(input.context);
    const baselineHeap = retainedHeapMb();
    const { workspace, timing: build } = await buildWorkspace(services, input.files);
    const heapMb = retainedHeapMb() - baselineHeap;
    const rss = rssMb();
    const diagnostics = countDiagnostics(workspace);
    const size = modelSize(workspace, workspace.documents[0]);
    const { uri, edits } = chooseEdits(workspace, input.editUri);
    const result: CaseResult = {
        name: input.name,
        files: input.files.length,
        lines: input.files.reduce((sum, file) => sum + file.text.split('\n').length, 0),
        ...size,
        build,
        warmBuild: undefined,
        firstEdit: undefined,
        signEdits: [],
        targetEdits: [],
        signEdit: edits.sign.description,
        targetEdit: edits.target?.description ?? 'no other factor in the file to point at',
        heapMb,
        rssMb: rss,
        peakRssMb: peakRssMb(),
        ...diagnostics
    };
    report(result);
    const editor = new Editor(workspace, uri, documentAt(workspace, uri).textDocument.getText());
    const warmUp = await editor.sample(edits.sign.text, warmUpEdits, warmUpBudgetMs);
    const firstEdit = warmUp[0];
    report({ ...result, firstEdit });
    const signEdits = await editor.sample(edits.sign.text, input.repetitions, editBudgetMs);
    report({ ...result, firstEdit, signEdits, peakRssMb: peakRssMb() });
    const targetEdits = edits.target ? await editor.sample(edits.target.text, input.repetitions, editBudgetMs) : [];
    return { ...result, firstEdit, signEdits, targetEdits, peakRssMb: peakRssMb() };
}

/** The preferred file's relation edits, or those of the first file that has a relation. */
function chooseEdits(workspace: BenchWorkspace, preferred: URI): { uri: URI; edits: RelationEdits } {
    const candidates = [documentAt(workspace, preferred), ...workspace.documents];
    for (const document of candidates) {
        const edits = findRelationEdits(document, workspace.documents);
        if (edits) {
            return { uri: document.uri, edits };
        }
    }
    throw new Error('No relation to edit in any file of the model.');
}

/** Switches one file between its original and an edited text, so that every step is a real change. */
class Editor {
    private version = 1;
    private current: string;

    constructor(private readonly workspace: BenchWorkspace, private readonly uri: URI, private readonly original: string) {
        this.current = original;
    }

    /** Up to `count` edits between the original and `edited`, fewer once `budgetMs` of wall time is spent. */
    async sample(edited: string, count: number, budgetMs: number): Promise<Timing[]> {
        if (this.current !== this.original && this.current !== edited) {
            // Another kind of edit left its change in place: undo it, unmeasured, so that each step changes one clause.
            await this.apply(this.original);
        }
        const samples: Timing[] = [];
        let spentMs = 0;
        while (samples.length < count && spentMs < budgetMs) {
            const timing = await this.apply(this.current === edited ? this.original : edited);
            samples.push(timing);
            spentMs += timing.wallMs;
        }
        return samples;
    }

    private async apply(text: string): Promise<Timing> {
        this.current = text;
        return applyEdit(this.workspace, this.uri, text, ++this.version);
    }
}
