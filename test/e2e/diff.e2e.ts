// Reviewing a model change in a real VS Code (code-server 1.100.3): the seed example in a git
// repository, changed in the working tree, opened from Source Control's diff view; the preview
// goes to diff mode with the change coloured, leaves it when the diff editor closes, and comes
// back to it after MARVEL: Compare With… and a window reload.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/session.js';
import { startSession } from './support/session.js';
import { slow, Workbench } from './support/workbench.js';

describe('Diff mode of the preview in VS Code (code-server)', () => {
    let session: Session;
    let workbench: Workbench;

    beforeAll(async () => {
        session = await startSession('diff');
        workbench = new Workbench(session.page);
        const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=Test', ...args], { cwd: session.workspace, encoding: 'utf8', stdio: 'pipe' });
        git('init', '-q', '-b', 'main');
        git('add', '.');
        git('commit', '-qm', 'the seed example');
        // The change under review: a relation flips sign (a verdict turns), and the pilot gains a relation.
        const seed = path.join(session.workspace, 'mensenhandel', 'mensenhandel.marvel');
        const text = readFileSync(seed, 'utf8');
        const changed = text
            .replace('voedingsbodem -> +potentieleSlachtoffers', 'voedingsbodem -> -potentieleSlachtoffers')
            .replace('+effectiviteitStrafrecht "§4.1: samenwerking op het gebied van opsporing en vervolging"',
                '+effectiviteitStrafrecht "§4.1: samenwerking op het gebied van opsporing en vervolging",\n        +inBeeld "een nieuw verband"');
        expect(changed).not.toBe(text);
        writeFileSync(seed, changed);
    });

    afterEach(async context => {
        if (context.task.result?.state === 'fail' && workbench) {
            const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
            await workbench.screenshot(`diff-failed-${name}`).catch(() => undefined);
        }
    });

    afterAll(async () => {
        await session?.close();
    });

    /** The preview's frame once it shows diff mode's panel with the change drawn. */
    async function inDiffMode(): Promise<Frame> {
        const preview = await workbench.previewFrame('#diff-panel:not([hidden])');
        await preview.locator('svg.marvel-diagram.diff-mode g.mark-changed').first().waitFor({ timeout: slow });
        return preview;
    }

    /** The tab of the diff editor Source Control opens for a change in the working tree. */
    function diffTab(): ReturnType<Workbench['tab']> {
        return workbench.tab('mensenhandel.marvel (Working Tree)');
    }

    it('opens the change from Source Control\'s diff view and shows it in the preview, coloured', async () => {
        await session.open();
        await workbench.ready();
        await workbench.quickOpen('mensenhandel.marvel');
        // The palette offers MARVEL's commands for a focused .marvel editor.
        await workbench.editor().click();
        await workbench.runCommand('MARVEL: Open Preview to the Side');
        await workbench.previewFrame('svg.marvel-diagram [data-id="pakkans"]');
        // Source Control lists the changed file once the git extension has found the repository; a click opens its diff.
        // The item, not its icon: the badge counting the changes lies over the icon.
        await session.page.locator('.activitybar .action-item', { has: session.page.locator('a[aria-label^="Source Control"]') }).click();
        const changedFile = session.page.locator('.scm-view .monaco-list-row', { hasText: 'mensenhandel.marvel' }).first();
        await changedFile.waitFor({ timeout: 120_000 });
        // The activity item's hover would lie over the list.
        await session.page.mouse.move(800, 600);
        await session.page.locator('.context-view .hover-contents').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
        await changedFile.click();
        await diffTab().waitFor({ timeout: slow });
        await session.page.locator('.monaco-diff-editor').first().waitFor({ timeout: slow });

        const preview = await inDiffMode();
        expect(await preview.locator('#diff-title').textContent()).toBe('the index');
        const changes = await preview.locator('#diff-body .diff-change').allTextContents();
        expect(changes.some(text => /^changed.*Voedingsbodem.*: sign \+ → -$/.test(text))).toBe(true);
        expect(changes.some(text => /^added.*→ .*: sign \+$/.test(text))).toBe(true);
        expect(await preview.locator('#diff-body .diff-verdict').count()).toBeGreaterThan(0);
        const flipped = preview.locator('svg.marvel-diagram g.marvel-edge.mark-changed').first();
        expect(await flipped.locator('title').textContent()).toMatch(/changed: sign \+ → -$/);
        expect(await preview.locator('svg.marvel-diagram g.marvel-edge.mark-added').count()).toBe(1);
        // Unchanged parts fade.
        expect(await preview.locator('svg.marvel-diagram g.marvel-node[opacity]').count()).toBeGreaterThan(10);

        // Brought into view from the panel, close enough to read, for the picture; its text is shown in the editor.
        await workbench.hidePanel();
        await preview.locator('#diff-body .diff-change', { hasText: 'sign + → -' }).click();
        // The keyboard stays with the preview, so the status bar shows no cursor until the editor shown is taken up.
        await session.page.locator('.editor-group-container').first().locator('.tabs-container .tab.active').click();
        await expect.poll(() => workbench.cursor(), { timeout: slow }).toMatchObject({ line: 51 });
        // For the picture: a little more around the change, the diff editor in front again, no side bar.
        await preview.locator('#zoom-out').click();
        await diffTab().click();
        await session.page.keyboard.press('Control+B');
        await session.page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
        await preview.locator('#diff-panel:not([hidden])').waitFor({ timeout: slow });
        await session.page.mouse.move(200, 15);
        await session.page.waitForTimeout(1_500);
        await workbench.screenshot('diff-01-source-control-diff-mode');
    });

    it('leaves diff mode when the diff editor closes', async () => {
        // Its close button, as a person closes it.
        await diffTab().hover();
        await diffTab().locator('.tab-actions .action-label').click();
        await diffTab().waitFor({ state: 'detached', timeout: slow });
        const preview = await workbench.previewFrame('#diff-panel[hidden]');
        await expect.poll(() => preview.locator('svg.marvel-diagram g[class*="mark-"]').count(), { timeout: slow }).toBe(0);
        expect(await preview.locator('svg.marvel-diagram g.marvel-node[data-id="pakkans"]').count()).toBe(1);
    });

    it('compares with HEAD through MARVEL: Compare With…, draws the change alone, keeps both across a window reload, and leaves by its button', async () => {
        await workbench.quickOpen('mensenhandel.marvel');
        await workbench.editor().click();
        await workbench.runCommand('MARVEL: Compare With…');
        await workbench.pick('HEAD');
        let preview = await inDiffMode();
        expect(await preview.locator('#diff-title').textContent()).toBe('HEAD');
        const nodes = (frame: Frame): Promise<number> => frame.locator('svg.marvel-diagram g.marvel-node').count();
        const whole = await nodes(preview);

        // Draw alone: only what changed, the ends of the flipped and the added relation.
        await preview.locator('#diff-alone').click();
        await expect.poll(() => nodes(preview), { timeout: slow }).toBe(4);
        expect(await preview.locator('#diff-alone').getAttribute('aria-pressed')).toBe('true');
        expect(await preview.locator('svg.marvel-diagram g.marvel-edge.mark-changed').count()).toBe(1);
        expect(await preview.locator('svg.marvel-diagram g.marvel-edge.mark-added').count()).toBe(1);
        await session.page.waitForTimeout(1_000);
        await workbench.screenshot('diff-02-draw-alone');
        const alone = await nodes(preview);

        await session.page.evaluate(() => Object.assign(window, { marvelBeforeReload: true }));
        await workbench.runCommand('Developer: Reload Window');
        await session.page.waitForFunction(() => !('marvelBeforeReload' in window), undefined, { timeout: slow });
        await workbench.ready();
        preview = await inDiffMode();
        expect(await preview.locator('#diff-title').textContent()).toBe('HEAD');
        // Still drawn alone after the reload; pressed again, the whole model comes back.
        expect(await preview.locator('#diff-alone').getAttribute('aria-pressed')).toBe('true');
        expect(await nodes(preview)).toBe(alone);
        await preview.locator('#diff-alone').click();
        await expect.poll(() => nodes(preview), { timeout: slow }).toBe(whole);

        await preview.locator('#diff-leave').click();
        await preview.locator('#diff-panel').waitFor({ state: 'hidden', timeout: slow });
        await expect.poll(() => preview.locator('svg.marvel-diagram g[class*="mark-"]').count(), { timeout: slow }).toBe(0);
    });
});
