import { byId, setLineText } from './dom.js';

/** The problem banner and the status line: text only, so a message can never become markup. */
export class Notices {
    private readonly banner = byId('banner', HTMLDivElement);
    private readonly status = byId('status', HTMLSpanElement);
    private readonly empty = byId('empty', HTMLParagraphElement);
    private statusTimer?: ReturnType<typeof setTimeout>;
    /** The banner holds two independent sentences: the diagram's problem and the trace's. */
    private diagramProblem?: string;
    private traceProblem?: string;

    showProblem(problem: string): void {
        this.diagramProblem = problem;
        this.showBanner();
    }

    clearProblem(): void {
        this.diagramProblem = undefined;
        this.showBanner();
    }

    /** Why the trace could not be made (unknown factor, syntax errors); undefined clears it. */
    showTraceProblem(problem: string | undefined): void {
        this.traceProblem = problem;
        this.showBanner();
    }

    private showBanner(): void {
        const text = [this.diagramProblem, this.traceProblem].filter((p): p is string => p !== undefined && p !== '').join('\n');
        this.banner.textContent = text;
        this.banner.hidden = text === '';
    }

    /** A short-lived message (saved files, finds that failed); `lasting` keeps it until the next one. */
    showStatus(text: string, lasting = false): void {
        setLineText(this.status, text);
        if (this.statusTimer !== undefined) {
            clearTimeout(this.statusTimer);
            this.statusTimer = undefined;
        }
        if (!lasting) {
            this.statusTimer = setTimeout(() => { this.status.textContent = ''; }, 6000);
        }
    }

    /** The placeholder shown where no diagram is (yet). */
    showEmpty(text: string | undefined): void {
        this.empty.textContent = text ?? '';
        this.empty.hidden = text === undefined;
    }
}
