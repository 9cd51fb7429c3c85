import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { artifacts } from './session.js';

/** Long enough for a cold start of the extension host and the language server on a 2-core machine. */
export const slow = 60_000;

/** What a person does in the workbench: commands, the Problems panel, the status bar, the preview webview. */
export class Workbench {
    constructor(readonly page: Page) {}

    async ready(): Promise<void> {
        await this.page.locator('.monaco-workbench').waitFor({ timeout: slow });
        await this.page.locator('.part.statusbar').waitFor({ timeout: slow });
    }

    /** The editor tab of `fileName`, waited for. */
    tab(fileName: string): Locator {
        return this.page.locator('.tabs-container .tab', { hasText: fileName });
    }

    /**
     * Makes the group of a tab (a preview's) the active one, with the keyboard outside it: a
     * webview takes the keyboard back a moment after its tab is clicked, which closed the
     * palette, or a quick pick a command opened from it, so the keyboard leaves after that moment.
     */
    async activateTab(fileName: string): Promise<void> {
        await this.tab(fileName).click();
        await this.page.waitForTimeout(1_000);
        await this.page.locator('.part.sidebar > .title').click();
    }

    async activeEditorIs(fileName: string): Promise<void> {
        await this.page.locator('.tabs-container .tab.active', { hasText: fileName }).first().waitFor({ timeout: slow });
    }

    /** Runs a command from the palette by its title, as a person types it. */
    async runCommand(title: string): Promise<void> {
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`);
        const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 15_000 });
        await input.press('Enter');
    }

    /** Picks the entry of the open quick pick whose text contains `text`, after typing it as a filter. */
    async pick(text: string): Promise<void> {
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: slow });
        await input.fill(text);
        await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: slow });
        await input.press('Enter');
    }

    /** Opens a workspace file through Quick Open (Ctrl+P), as a person would. */
    async quickOpen(fileName: string): Promise<void> {
        await this.page.keyboard.press('Control+P');
        await this.pick(fileName);
        await this.activeEditorIs(fileName);
    }

    /**
     * Opens a workspace file by clicking through the Explorer: unlike Quick Open, whose file
     * index can lag behind, it shows a file written a moment ago (through its file watcher).
     */
    async openFromExplorer(...segments: string[]): Promise<void> {
        const explorer = this.page.locator('.explorer-folders-view');
        for (const [index, name] of segments.entries()) {
            const row = explorer.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: exactly(name) }) }).first();
            await row.waitFor({ timeout: 30_000 });
            const last = index === segments.length - 1;
            if (last || await row.getAttribute('aria-expanded') === 'false') {
                await row.click();
            }
        }
        await this.activeEditorIs(segments[segments.length - 1]);
    }

    /** The Problems panel, opened if it is not showing. */
    async problems(): Promise<Locator> {
        const panel = this.page.locator('.markers-panel');
        if (!await panel.isVisible()) {
            // "View: Toggle Problems": only pressed while hidden, so it never closes the panel.
            await this.page.keyboard.press('Control+Shift+M');
        }
        await panel.waitFor({ state: 'visible', timeout: 15_000 });
        return panel;
    }

    /** The rows of the Problems panel of one severity ('error', 'warning' or 'info'). */
    problemRows(panel: Locator, severity: 'error' | 'warning' | 'info'): Locator {
        return panel.locator('.monaco-list-row', { has: this.page.locator(`.marker-icon.codicon-${severity}, .codicon-${severity}`) });
    }

    /**
     * The workspace's counts from the status bar's problems item; unlike the Problems panel,
     * whose list only renders the rows in view, it counts every problem.
     */
    async problemCounts(): Promise<{ errors: number; warnings: number; infos: number }> {
        const label = await this.page.locator('[id="status.problems"] a, [id="status.problems"]').first().getAttribute('aria-label', { timeout: 10_000 }) ?? '';
        // It names only the severities that occur: "Errors: 1, Warnings: 2, Infos: 41", "Infos: 41", "No Problems".
        const count = (word: string): number => Number(new RegExp(`${word}: (\\d+)`, 'i').exec(label)?.[1] ?? 0);
        if (!/(errors|warnings|infos): \d+/i.test(label) && !/no problems/i.test(label)) {
            throw new Error(`the status bar's problems item reads '${label}'`);
        }
        return { errors: count('errors'), warnings: count('warnings'), infos: count('infos') };
    }

    /** Hides the bottom panel, so the editor and the preview get the room. */
    async hidePanel(): Promise<void> {
        if (await this.page.locator('.part.panel').isVisible()) {
            await this.page.keyboard.press('Control+J');
            await this.page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
        }
    }

    /** A view in the side bar by its title, e.g. "MARVEL Effects". */
    view(title: string): Locator {
        return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) });
    }

    /** The view, expanded if it was collapsed. */
    async expandView(title: string): Promise<Locator> {
        const view = this.view(title);
        const header = view.locator('.pane-header');
        await header.waitFor({ timeout: 15_000 });
        if (await header.getAttribute('aria-expanded') === 'false') {
            await header.click();
        }
        return view;
    }

    /** The view, collapsed if it was expanded: the Explorer's other views give it room. */
    async collapseView(title: string): Promise<void> {
        const header = this.view(title).locator('.pane-header');
        if (await header.count() > 0 && await header.first().getAttribute('aria-expanded') === 'true') {
            await header.first().click();
        }
    }

    /** "Ln 12, Col 5" from the status bar, as numbers. */
    async cursor(): Promise<{ line: number; column: number }> {
        const text = await this.page.locator('[id="status.editor.selection"]').innerText({ timeout: 10_000 });
        const match = /Ln (\d+), Col (\d+)/.exec(text);
        if (!match) {
            throw new Error(`the status bar shows no cursor position: '${text}'`);
        }
        return { line: Number(match[1]), column: Number(match[2]) };
    }

    /**
     * The preview's document: the webview is an iframe inside an iframe, so the frame is
     * found by what it holds rather than by its name.
     */
    async previewFrame(selector = 'svg.marvel-diagram', timeout = slow): Promise<Frame> {
        const deadline = Date.now() + timeout;
        while (Date.now() < deadline) {
            for (const frame of this.page.frames()) {
                if (frame.isDetached()) {
                    continue;
                }
                const found = await frame.locator(selector).count().catch(() => 0);
                if (found > 0) {
                    return frame;
                }
            }
            await this.page.waitForTimeout(250);
        }
        throw new Error(`no webview frame holds ${selector} after ${timeout / 1000}s`);
    }

    /** The focused text editor, for typing into. */
    editor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    }

    async screenshot(name: string): Promise<void> {
        await this.page.screenshot({ path: path.join(artifacts, `${name}.png`) });
    }
}

/** Matches `text` and nothing longer ("kapot", not "kapot.marvel"). */
function exactly(text: string): RegExp {
    return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
