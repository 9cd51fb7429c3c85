import { byId } from './dom.js';

/** The problem banner and the status line: text only, so a message can never become markup. */
export class Notices {
    private readonly banner = byId('banner', HTMLDivElement);
    private readonly status = byId('status', HTMLSpanElement);
    private readonly empty = byId('empty', HTMLParagraphElement);
    private statusTimer?: ReturnType<typeof setTimeout>;

    showProblem(problem: string): void {
        this.banner.textContent = problem;
        this.banner.hidden = false;
    }

    clearProblem(): void {
        this.banner.textContent = '';
        this.banner.hidden = true;
    }

    /** A short-lived message (saved files, finds that failed); `lasting` keeps it until the next one. */
    showStatus(text: string, lasting = false): void {
        this.status.textContent = text;
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
