// Tracing in a real VS Code (code-server 1.100.3) while the user keeps typing: VS Code for the Web
// saves after every pause (files.autoSave afterDelay), and each save must leave the focus, the
// user's choice to leave trace mode and the other models alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/session.js';
import { startSession } from './support/session.js';
import { slow, Workbench } from './support/workbench.js';

/** Long enough for an autosave (one second after the last keystroke) and the trace it refreshes. */
const pastAutosave = 5_000;

describe('Tracing while typing in VS Code (code-server)', () => {
    let session: Session;
    let workbench: Workbench;
    let seed: string;
    let other: string;

    beforeAll(async () => {
        session = await startSession('trace');
        workbench = new Workbench(session.page);
        seed = path.join(session.workspace, 'mensenhandel', 'mensenhandel.marvel');
        other = path.join(session.workspace, 'quickstart.marvel');
    });

    afterEach(async context => {
        if (context.task.result?.state === 'fail' && workbench) {
            const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
            await workbench.screenshot(`trace-failed-${name}`).catch(() => undefined);
        }
    });

    afterAll(async () => {
        await session?.close();
    });

    /** Types at the end of the focused editor with real key presses, as a person does. */
    async function typeLine(text: string): Promise<void> {
        await session.page.keyboard.press('Control+End');
        await session.page.keyboard.press('Enter');
        await session.page.keyboard.type(text, { delay: 20 });
    }

    /** Waits until autosave has written `text` into the file, then as long again for what a save sets off. */
    async function savedWith(file: string, text: string): Promise<void> {
        await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 30_000 }).toContain(text);
        await session.page.waitForTimeout(pastAutosave);
    }

    async function traceFromCommand(intervention: string): Promise<void> {
        await workbench.runCommand('MARVEL: Trace Intervention');
        await workbench.pick(intervention);
        const preview = await workbench.previewFrame('svg.marvel-diagram.trace-mode');
        await preview.locator('svg.marvel-diagram .trace-on').first().waitFor({ timeout: slow });
        await workbench.view('MARVEL Effects').locator('.monaco-list-row', { hasText: 'Aantal slachtoffers mensenhandel' }).first().waitFor({ timeout: slow });
    }

    it('keeps every keystroke in the text while autosave refreshes a trace', async () => {
        await session.open();
        await workbench.ready();
        await workbench.quickOpen('mensenhandel.marvel');
        await workbench.hidePanel();
        // The command is offered while a .marvel editor has the focus; the code lens says the server is up.
        await workbench.editor().click();
        await session.page.locator('.codelens-decoration', { hasText: 'paths' }).first().waitFor({ timeout: slow });
        await traceFromCommand('pilotGemeente');
        // The user goes back to the text and writes on; each pause saves the file and refreshes the trace.
        await workbench.editor().click();
        await typeLine('// eerste invoer');
        await savedWith(seed, '// eerste invoer');
        await session.page.keyboard.type(' en tweede invoer', { delay: 20 });
        await savedWith(seed, '// eerste invoer en tweede invoer');
        await workbench.screenshot('trace-01-typing-kept');
        // The refreshed trace is still shown.
        const preview = await workbench.previewFrame('svg.marvel-diagram.trace-mode');
        expect(await preview.locator('svg.marvel-diagram .trace-on').count()).toBeGreaterThan(5);
    });

    it('stays out of trace mode after "Leave trace", through the next saves', async () => {
        const preview = await workbench.previewFrame('svg.marvel-diagram.trace-mode');
        await preview.locator('#trace-leave').click();
        await preview.locator('svg.marvel-diagram.trace-mode').waitFor({ state: 'detached', timeout: slow });
        const effects = workbench.view('MARVEL Effects');
        await effects.locator('.monaco-list-row', { hasText: 'Trace Intervention' }).first().waitFor({ timeout: slow });
        // Back to the text: its tab first, the preview's group was the active one.
        await workbench.tab('mensenhandel.marvel').first().click();
        await workbench.editor().click();
        await typeLine('// na het verlaten');
        await savedWith(seed, '// na het verlaten');
        await workbench.screenshot('trace-02-left-stays-left');
        expect(await preview.locator('svg.marvel-diagram.trace-mode').count()).toBe(0);
        expect(await preview.locator('#trace-panel').isHidden()).toBe(true);
        expect(await effects.locator('.monaco-list-row', { hasText: 'Aantal slachtoffers mensenhandel' }).count()).toBe(0);
    });

    it('leaves trace mode quietly when the preview follows a file of another model', async () => {
        // The editor's tab, not the preview's ("Preview mensenhandel.marvel").
        await workbench.tab('mensenhandel.marvel').first().click();
        await workbench.activeEditorIs('mensenhandel.marvel');
        await traceFromCommand('pilotGemeente');
        await workbench.openFromExplorer('quickstart.marvel');
        const preview = await workbench.previewFrame('svg.marvel-diagram [data-id="communityCentre"]');
        await workbench.editor().click();
        await typeLine('// in een ander model');
        await savedWith(other, '// in een ander model');
        await workbench.screenshot('trace-03-other-model');
        // The automatic fit of the new model is what Fit gives, though trace mode's panel was open.
        const automatic = await preview.locator('#zoom-level').innerText();
        await preview.locator('#zoom-fit').click();
        expect(await preview.locator('#zoom-level').innerText()).toBe(automatic);
        expect(await preview.locator('svg.marvel-diagram.trace-mode').count()).toBe(0);
        expect(await preview.locator('#trace-panel').isHidden()).toBe(true);
        expect(await preview.locator('#banner').innerText()).not.toContain('is not a factor');
        expect(await session.page.locator('.notification-toast', { hasText: 'is not a factor' }).count()).toBe(0);
        const effects = workbench.view('MARVEL Effects');
        expect(await effects.innerText()).not.toContain('is not a factor');
    });

    it('shows a file of another model that does not parse as that file, under its own header', async () => {
        const broken = path.join(session.workspace, 'stuk', 'stuk.marvel');
        mkdirSync(path.dirname(broken), { recursive: true });
        writeFileSync(broken, 'model stuk "Een model dat niet leest"\n\nfactor a "A"\nfactor b "B"\na -> \n');
        // From the text's group (the Fit click went to the preview's), so the file opens beside the preview.
        await workbench.tab('quickstart.marvel').first().click();
        await workbench.openFromExplorer('stuk', 'stuk.marvel');
        await workbench.tab('Preview stuk.marvel').waitFor({ timeout: slow });
        const preview = await workbench.previewFrame('#banner:not([hidden])');
        await expect.poll(() => preview.locator('#banner').innerText(), { timeout: slow }).toContain('stuk.marvel');
        await workbench.screenshot('trace-04-unparsed-file');
        expect(await preview.locator('#view-description').innerText()).toContain('Een model dat niet leest');
        expect(await preview.locator('#empty').innerText()).toContain('No diagram of stuk.marvel yet');
        expect(await preview.locator('#banner').innerText()).not.toContain('last version');
        expect(await preview.locator('svg.marvel-diagram').count()).toBe(0);
    });

    it('lists a new error of the seed example first in the Problems panel', async () => {
        await workbench.tab('mensenhandel.marvel').first().click();
        await workbench.editor().click();
        await session.page.keyboard.press('Control+End');
        await session.page.keyboard.press('Enter');
        // One edit: typed key by key, the half-written line would be a syntax error first.
        await session.page.keyboard.insertText('dadres -> +slachtoffers');
        const problems = await workbench.problems();
        await workbench.problemRows(problems, 'error').filter({ hasText: "Unknown factor 'dadres'" }).first().waitFor({ timeout: slow });
        await workbench.screenshot('trace-05-new-error-first');
        // Only errors are listed (stuk.marvel's syntax error too): no mixed-effect entry comes before the new one.
        const firstProblem = problems.locator('.monaco-list-row', { has: session.page.locator('.marker-icon') }).first();
        expect(await firstProblem.locator('.codicon-error').count()).toBe(1);
        expect(await workbench.problemCounts()).toEqual({ errors: 2, warnings: 0, infos: 0 });
    });
});
