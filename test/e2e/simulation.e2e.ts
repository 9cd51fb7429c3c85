// The Simulation view in a real VS Code (code-server), driven through chromium as a person would.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/session.js';
import { startSession } from './support/session.js';
import { slow, Workbench } from './support/workbench.js';

describe('the Simulation view in VS Code (code-server)', () => {
    let session: Session;
    let workbench: Workbench;

    beforeAll(async () => {
        session = await startSession();
        workbench = new Workbench(session.page);
    });

    afterEach(async context => {
        if (context.task.result?.state === 'fail' && workbench) {
            const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
            await workbench.screenshot(`failed-simulation-${name}`).catch(() => undefined);
        }
    });

    afterAll(async () => {
        await session?.close();
    });

    it('draws the KPI curves of the seed model, moves them with a slider, and saves the what-if as a scenario that Undo takes back', async () => {
        await session.open();
        await workbench.ready();
        await workbench.quickOpen('mensenhandel.marvel');
        await workbench.hidePanel();
        // The command is offered for a MARVEL editor: the editor, not the panel just hidden, has the focus.
        await workbench.editor().click();
        await workbench.runCommand('MARVEL: Simulate');
        const view = await workbench.previewFrame('svg.marvel-chart path.chart-series[data-run="rest"]');
        await view.locator('#scenario-list input[value="pilot"]').check();
        await view.locator('path.chart-series[data-run="pilot"][data-factor="slachtoffers"]').waitFor({ timeout: slow });
        await view.locator('input[name="level-verstevigenRiec"]').fill('0.9');
        await view.locator('path.chart-series[data-run="what-if"][data-factor="slachtoffers"]').waitFor({ timeout: slow });
        await view.locator('#chart').scrollIntoViewIfNeeded();
        await workbench.screenshot('11-simulation-view');

        await view.locator('#save-scenario').click();
        // The view shows the saved scenario, ticked, once the edited model comes back from the server.
        await view.locator('#scenario-list input[value="whatIf"]:checked').waitFor({ timeout: slow });
        expect(await view.locator('path.chart-series[data-run="whatIf"]').count()).toBeGreaterThan(0);
        await workbench.screenshot('12-simulation-saved-scenario');

        // The first tab is the model's; the view's tab title holds the file name too.
        await workbench.tab('mensenhandel.marvel').first().click();
        await workbench.editor().click();
        await session.page.keyboard.press('Control+Z');
        await view.locator('#scenario-list input[value="whatIf"]').waitFor({ state: 'detached', timeout: slow });
    });
});
