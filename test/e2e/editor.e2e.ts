// The packaged extension in a real VS Code (code-server 1.100.3) driven through chromium, step by
// step as a person would use it. The steps share one editor session and build on each other.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/session.js';
import { startSession } from './support/session.js';
import { slow, Workbench } from './support/workbench.js';

/** A model with one typo: `dadres` for `daders`. */
const brokenModel = `model kapot "Een model met een typefout"

kpi slachtoffers "Aantal slachtoffers" decrease
factor pakkans "Pakkans"
factor daders "Aantal daders"
intervention pilot "Pilot mensenhandelvrije gemeente"

pilot -> +pakkans
pakkans -> -daders
dadres -> +slachtoffers
`;

/** The 1-based line on which `id` is declared, as the status bar counts. */
function declarationLine(file: string, id: string): number {
    const index = readFileSync(file, 'utf8').split('\n').findIndex(line => new RegExp(`\\b(factor|kpi|intervention)\\s+${id}\\b`).test(line));
    if (index < 0) {
        throw new Error(`${id} is not declared in ${file}`);
    }
    return index + 1;
}

describe('MARVEL in VS Code (code-server)', () => {
    let session: Session;
    let workbench: Workbench;
    let seed: string;

    beforeAll(async () => {
        session = await startSession();
        workbench = new Workbench(session.page);
        seed = path.join(session.workspace, 'mensenhandel', 'mensenhandel.marvel');
    });

    // A failed step leaves a picture of the editor as it was, beside the passing steps' pictures.
    afterEach(async context => {
        if (context.task.result?.state === 'fail' && workbench) {
            const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
            await workbench.screenshot(`failed-${name}`).catch(() => undefined);
        }
    });

    afterAll(async () => {
        await session?.close();
    });

    it('opens the seed example without errors in the Problems panel', async () => {
        await session.open();
        await workbench.ready();
        await workbench.quickOpen('mensenhandel.marvel');
        await workbench.problems();
        // The Loops view is filled by the language server once it has validated the model.
        const loops = await workbench.expandView('MARVEL Loops');
        await loops.locator('.monaco-list-row', { hasText: 'Reinforcing (R)' }).first().waitFor({ timeout: slow });
        await workbench.screenshot('01-seed-no-errors');
        // Its mixed-effect findings are hints in the text, not entries in the Problems panel.
        expect(await workbench.problemCounts()).toEqual({ errors: 0, warnings: 0, infos: 0 });
    });

    it('shows the diagnostics of a file with a typo', async () => {
        const broken = path.join(session.workspace, 'kapot', 'kapot.marvel');
        mkdirSync(path.dirname(broken), { recursive: true });
        writeFileSync(broken, brokenModel);
        await workbench.openFromExplorer('kapot', 'kapot.marvel');
        const problems = await workbench.problems();
        const error = workbench.problemRows(problems, 'error').filter({ hasText: "Unknown factor 'dadres'" });
        await error.first().waitFor({ timeout: slow });
        await workbench.screenshot('02-typo-diagnostics');
        expect(await error.first().innerText()).toContain('unresolved-reference');
        expect(await error.first().innerText()).toContain('Ln 10, Col 1');
        expect((await workbench.problemCounts()).errors).toBe(1);
    });

    it('opens the preview to the side and draws the seed model', async () => {
        await workbench.tab('mensenhandel.marvel').click();
        await workbench.activeEditorIs('mensenhandel.marvel');
        await workbench.hidePanel();
        await workbench.runCommand('MARVEL: Open Preview to the Side');
        const preview = await workbench.previewFrame('svg.marvel-diagram [data-id="pakkans"]');
        for (const factor of ['slachtoffers', 'inBeeld', 'voedingsbodem', 'pilotGemeente', 'aangiftebereidheid']) {
            expect(await preview.locator(`svg.marvel-diagram [data-id="${factor}"]`).count(), factor).toBeGreaterThan(0);
        }
        await workbench.tab('Preview mensenhandel.marvel').waitFor({ timeout: slow });
        await workbench.screenshot('03-preview');
    });

    it('shows a factor clicked in the preview in the editor, keeps the keyboard in the preview, and goes to the text on a double-click', async () => {
        const declaration = declarationLine(seed, 'voedingsbodem');
        expect((await workbench.cursor()).line).not.toBe(declaration);
        const preview = await workbench.previewFrame();
        // Beside the editor the seed model opens as its overview: a double-click opens the category in place.
        await preview.locator('svg.marvel-diagram [data-group="centraal"]').first().dblclick();
        const factor = preview.locator('svg.marvel-diagram [data-id="voedingsbodem"]').first();
        await factor.click();
        await workbench.screenshot('04-click-reveals-declaration');
        // The keyboard stayed with the preview: + zooms in, and nothing is typed into the model.
        const zoom = await preview.locator('#zoom-level').textContent();
        await session.page.keyboard.press('+');
        await expect.poll(() => preview.locator('#zoom-level').textContent(), { timeout: slow }).not.toBe(zoom);
        expect(await session.page.locator('.tabs-container .tab.dirty').count()).toBe(0);
        // A double-click goes to the declaration, the editor taking the keyboard.
        await factor.dblclick();
        await expect.poll(async () => (await workbench.cursor()).line, { timeout: 15_000 }).toBe(declaration);
        await workbench.activeEditorIs('mensenhandel.marvel');
    });

    it('stays maximised when a factor is clicked in a maximised preview, and shows its text in the editor behind', async () => {
        const preview = await workbench.previewFrame();
        const toggleMaximised = async (): Promise<void> => {
            await workbench.activateTab('Preview mensenhandel.marvel');
            await workbench.runCommand('View: Toggle Maximize Editor Group');
        };
        await toggleMaximised();
        const editorTab = session.page.locator('.tabs-container .tab', { has: session.page.locator('.label-name', { hasText: /^mensenhandel\.marvel$/ }) }).first();
        await editorTab.waitFor({ state: 'hidden', timeout: slow });
        await preview.locator('svg.marvel-diagram [data-id="potentieleSlachtoffers"]').first().click();
        // Showing the text would bring the editor's group back within a second; give it the time to.
        await session.page.waitForTimeout(2_000);
        await workbench.screenshot('04a-maximised-preview-click');
        expect(await editorTab.isVisible()).toBe(false);
        await toggleMaximised();
        await editorTab.waitFor({ timeout: slow });
        // The text was shown all the same, in the editor behind the preview.
        await editorTab.click();
        expect((await workbench.cursor()).line).toBe(declarationLine(seed, 'potentieleSlachtoffers'));
    });

    it('stays on the model and where it is zoomed when a factor declared in another file of it is double-clicked', async () => {
        const other = path.join(path.dirname(seed), 'strafrechtketen.marvel');
        const preview = await workbench.previewFrame();
        const shown = async (): Promise<string | null> => preview.locator('#view-description').textContent();
        const before = await shown();
        // Found, it is centred in view, and then clicked.
        await preview.locator('#find-input').fill('Pakkans');
        await preview.locator('#find-input').press('Enter');
        const factor = preview.locator('svg.marvel-diagram g.marvel-node[data-id="pakkans"]');
        await preview.locator('svg.marvel-diagram g.marvel-node.selected[data-id="pakkans"]').waitFor({ timeout: slow });
        const zoom = await preview.locator('#zoom-level').textContent();
        // Gone to with a double-click, so that the editor takes the keyboard and becomes the active editor.
        await factor.dblclick();
        await workbench.activeEditorIs('strafrechtketen.marvel');
        await expect.poll(async () => (await workbench.cursor()).line, { timeout: 15_000 }).toBe(declarationLine(other, 'pakkans'));
        // The preview still shows the whole model, zoomed as it was, with the factor selected: it did not follow to the file it
        // opened. Following would redraw within a second; give it the time to.
        await session.page.waitForTimeout(2_000);
        await workbench.tab('Preview mensenhandel.marvel').waitFor({ timeout: slow });
        expect(await shown()).toBe(before);
        expect(await preview.locator('#zoom-level').textContent()).toBe(zoom);
        expect(await preview.locator('svg.marvel-diagram g.marvel-node.selected[data-id="pakkans"]').count()).toBe(1);
        await workbench.screenshot('04b-click-in-other-file');
        // Back to the root file for the steps that follow.
        await workbench.openFromExplorer('mensenhandel', 'mensenhandel.marvel');
    });

    it('keeps its view when another file of the model becomes the active editor (its tab, the Loops or Effects view), and marks what its cursor stands on', async () => {
        const preview = await workbench.previewFrame();
        const shown = preview.locator('#view-description');
        await preview.locator('#find-input').fill('Pakkans');
        await preview.locator('#find-input').press('Enter');
        await preview.locator('svg.marvel-diagram g.marvel-node.selected[data-id="pakkans"]').waitFor({ timeout: slow });
        await preview.locator('#into-button').click();
        await shown.filter({ hasText: 'Arrows into' }).waitFor({ timeout: slow });
        const arrowsInto = await shown.textContent();
        // The tab of another file of the model, in the editor's group (the previous step opened it there).
        await workbench.tab('strafrechtketen.marvel').click();
        await workbench.activeEditorIs('strafrechtketen.marvel');
        // Its cursor, at the start of Pakkans' declaration, goes onto the name (Go to Line): the preview marks Pakkans.
        const other = path.join(path.dirname(seed), 'strafrechtketen.marvel');
        const line = declarationLine(other, 'pakkans');
        await session.page.keyboard.press('Control+G');
        await session.page.keyboard.type(`${line}:${readFileSync(other, 'utf8').split('\n')[line - 1].indexOf('pakkans') + 2}`);
        await session.page.keyboard.press('Enter');
        const cursorMark = preview.locator('svg.marvel-diagram g.marvel-node.highlighted[data-id="pakkans"]');
        await cursorMark.waitFor({ timeout: slow });
        // Following would redraw within a second; give it the time to.
        await session.page.waitForTimeout(2_000);
        expect(await shown.textContent()).toBe(arrowsInto);
        await workbench.tab('Preview mensenhandel.marvel').waitFor({ timeout: slow });
        // Back to the whole model, zoomed in on Pakkans as before, and the root file for the steps that follow.
        await preview.locator('#whole-button').click();
        await shown.filter({ hasText: 'Systeemanalyse' }).waitFor({ timeout: slow });
        await preview.locator('#find-input').fill('Pakkans');
        await preview.locator('#find-input').press('Enter');
        await preview.locator('svg.marvel-diagram.lod-full g.marvel-node.selected[data-id="pakkans"]').waitFor({ timeout: slow });
        await session.page.locator('.tabs-container .tab', { has: session.page.locator('.label-name', { hasText: /^mensenhandel\.marvel$/ }) }).first().click();
        await workbench.activeEditorIs('mensenhandel.marvel');
        // The mark followed the cursor of the file now in front, which stands on no name: the hidden file's mark is gone.
        await cursorMark.waitFor({ state: 'detached', timeout: slow });
    });

    it('stays where it is when an arrow is clicked whose file comes forward with its cursor on another factor', async () => {
        // strafrechtketen.marvel, behind mensenhandel.marvel, has its cursor on Pakkans (the step before put it there).
        const preview = await workbench.previewFrame();
        await preview.locator('#zoom-fit').click();
        await preview.locator('#find-input').fill('Capaciteit van de opsporing');
        await preview.locator('#find-input').press('Enter');
        await preview.locator('svg.marvel-diagram.lod-full g.marvel-node.selected[data-id="capaciteitOpsporing"]').waitFor({ timeout: slow });
        // An arrow written in strafrechtketen.marvel, far from Pakkans: clicked on its line.
        const arrow = preview.locator('svg.marvel-diagram g.marvel-edge[data-source="capaciteitOpsporing"][data-target="opsporingsonderzoeken"] path.marvel-edge-line');
        const position = await arrow.evaluate(line => {
            const path = line as SVGPathElement;
            const point = path.getPointAtLength(path.getTotalLength() / 2);
            const screen = new DOMPoint(point.x, point.y).matrixTransform(path.getScreenCTM()!);
            const box = path.getBoundingClientRect();
            return { x: screen.x - box.x, y: screen.y - box.y };
        });
        const transform = (): Promise<string> => preview.locator('#stage').evaluate(stage => (stage as HTMLElement).style.transform);
        const before = await transform();
        await arrow.click({ position, force: true });
        await preview.locator('svg.marvel-diagram g.marvel-edge.selected[data-source="capaciteitOpsporing"]').waitFor({ timeout: slow });
        await workbench.activeEditorIs('strafrechtketen.marvel');
        // The file came forward with its old cursor first: that mark must not pull the view to Pakkans.
        await session.page.waitForTimeout(2_000);
        expect(await transform()).toBe(before);
        expect(await preview.locator('svg.marvel-diagram g.marvel-node.highlighted[data-id="pakkans"]').count()).toBe(0);
        await workbench.screenshot('04c-arrow-click-other-file');
        await session.page.locator('.tabs-container .tab', { has: session.page.locator('.label-name', { hasText: /^mensenhandel\.marvel$/ }) }).first().click();
        await workbench.activeEditorIs('mensenhandel.marvel');
    });

    it('redraws the preview after an edit', async () => {
        await workbench.editor().click();
        await session.page.keyboard.press('Control+End');
        await session.page.keyboard.press('Enter');
        // insertText types no key events, so no completion or auto-closing quote gets in the way.
        await session.page.keyboard.insertText('factor e2eNieuw "Nieuwe factor uit de test"');
        await session.page.keyboard.press('Escape');
        const preview = await workbench.previewFrame();
        await preview.locator('svg.marvel-diagram [data-id="e2eNieuw"]').first().waitFor({ timeout: slow });
        await workbench.screenshot('05-edit-redraws');
    });

    it('redraws the preview when a file of the model changes on disk, unopened (a git checkout, another program)', async () => {
        const file = path.join(path.dirname(seed), 'bewustwording.marvel');
        const original = readFileSync(file, 'utf8');
        const preview = await workbench.previewFrame();
        const fromDisk = preview.locator('svg.marvel-diagram [data-id="e2eVanSchijf"]');
        writeFileSync(file, `${original}\nfactor e2eVanSchijf "Op schijf toegevoegd"\n`);
        await fromDisk.first().waitFor({ state: 'attached', timeout: slow });
        writeFileSync(file, original);
        await expect.poll(() => fromDisk.count(), { timeout: slow }).toBe(0);
    });

    it('finds a factor by words of its label with Go to Symbol in Workspace, and goes to it', async () => {
        await workbench.editor().click();
        await session.page.keyboard.press('Control+P');
        const input = session.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: slow });
        await input.fill('#aantal slacht');
        // The seed model's KPI, listed by its label and its name (the broken example in kapot/ has a namesake).
        const kpi = session.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Aantal slachtoffers mensenhandel (slachtoffers)' }).first();
        await kpi.waitFor({ timeout: slow });
        await workbench.screenshot('05c-symbol-by-label');
        await kpi.click();
        await workbench.activeEditorIs('mensenhandel.marvel');
        await expect.poll(async () => (await workbench.cursor()).line, { timeout: 15_000 }).toBe(declarationLine(seed, 'slachtoffers'));
    });

    it('opens the factor list by itself after a sign, and writes the factor picked', async () => {
        await workbench.editor().click();
        await session.page.keyboard.press('Control+End');
        await session.page.keyboard.press('Enter');
        // Typed key by key, as a modeller types: the '+' is what opens the list.
        await session.page.keyboard.type('e2eNieuw -> +', { delay: 40 });
        const suggestions = session.page.locator('.editor-widget.suggest-widget.visible');
        await suggestions.waitFor({ timeout: slow });
        await session.page.keyboard.type('pakk', { delay: 40 });
        await suggestions.locator('.monaco-list-row', { hasText: 'pakkans' }).first().waitFor({ timeout: slow });
        await workbench.screenshot('05b-completion-after-sign');
        await session.page.keyboard.press('Enter');
        await session.page.locator('.monaco-editor .view-line', { hasText: /e2eNieuw\s->\s\+pakkans\s*$/ }).waitFor({ timeout: slow });
    });

    it('traces pilotGemeente from the preview in front: paths light up and the Effects view fills', async () => {
        // The preview the active editor, the palette opened from outside its webview: the command is there too.
        await workbench.activateTab('Preview mensenhandel.marvel');
        await workbench.runCommand('MARVEL: Trace Intervention');
        await workbench.pick('pilotGemeente');
        const preview = await workbench.previewFrame('svg.marvel-diagram.trace-mode');
        await preview.locator('svg.marvel-diagram .trace-on').first().waitFor({ timeout: slow });
        expect(await preview.locator('svg.marvel-diagram [data-id="pilotGemeente"].trace-origin').count()).toBeGreaterThan(0);
        expect(await preview.locator('svg.marvel-diagram .trace-on').count()).toBeGreaterThan(5);
        const effects = workbench.view('MARVEL Effects');
        await effects.locator('.monaco-list-row', { hasText: 'Aantal slachtoffers mensenhandel' }).first().waitFor({ timeout: slow });
        await workbench.screenshot('06-trace');
    });

    it('draws the traced paths alone with "Draw alone", and the whole model again', async () => {
        const preview = await workbench.previewFrame('svg.marvel-diagram.trace-mode');
        const nodes = preview.locator('svg.marvel-diagram g.marvel-node');
        const whole = await nodes.count();
        await preview.locator('#trace-alone').click();
        await preview.locator('#view-description', { hasText: 'Only what the trace lights up' }).waitFor({ timeout: slow });
        expect(await nodes.count()).toBeLessThan(whole);
        expect(await preview.locator('svg.marvel-diagram g.marvel-node.trace-dim').count()).toBe(0);
        expect(await preview.locator('svg.marvel-diagram [data-id="pilotGemeente"].trace-origin').count()).toBeGreaterThan(0);
        await workbench.screenshot('06b-trace-alone');
        await preview.locator('#trace-alone').click();
        await expect.poll(() => nodes.count(), { timeout: slow }).toBe(whole);
        // The clicks made the preview's group the active one; the next steps work in the editor's.
        await workbench.runCommand('View: Focus First Editor Group');
    });

    it('restores the preview, its trace, where its categories stood and the Effects view after Developer: Reload Window', async () => {
        const categoryPlaces = async (): Promise<string[]> => (await workbench.previewFrame()).locator('svg.marvel-diagram g.marvel-category > rect')
            .evaluateAll(rects => rects.map(rect => `${rect.parentElement!.getAttribute('data-category')} ${rect.getAttribute('x')},${rect.getAttribute('y')}`));
        const placesBefore = await categoryPlaces();
        expect(placesBefore.length).toBeGreaterThan(5);
        // Where Pakkans stands in the preview's frame: the view the user left.
        const onScreen = async (): Promise<{ x: number; y: number }> => (await workbench.previewFrame()).locator('svg.marvel-diagram g.marvel-node[data-id="pakkans"] > rect').first()
            .evaluate(rect => ({ x: Math.round(rect.getBoundingClientRect().x), y: Math.round(rect.getBoundingClientRect().y) }));
        // Zoomed in, as one reads: a fitted view is fitted again, whatever the panel did.
        const frame = await workbench.previewFrame();
        for (let press = 0; press < 3; press++) {
            await frame.locator('#zoom-in').click();
        }
        await session.page.waitForTimeout(500);
        const viewBefore = await onScreen();
        // A mark on the old page tells it from the reloaded one, whose frames are the ones to search.
        await session.page.evaluate(() => Object.assign(window, { marvelBeforeReload: true }));
        await workbench.runCommand('Developer: Reload Window');
        await session.page.waitForFunction(() => !('marvelBeforeReload' in window), undefined, { timeout: slow });
        await workbench.ready();
        const preview = await workbench.previewFrame('svg.marvel-diagram [data-id="pakkans"]', 90_000);
        expect(await preview.locator('svg.marvel-diagram [data-id="slachtoffers"]').count()).toBeGreaterThan(0);
        await workbench.tab('Preview mensenhandel.marvel').waitFor({ timeout: slow });
        // The preview remembers its trace across the reload.
        await preview.locator('svg.marvel-diagram.trace-mode .trace-on').first().waitFor({ timeout: slow });
        // …and the Effects view follows the restored trace.
        await workbench.view('MARVEL Effects').locator('.monaco-list-row', { hasText: 'Aantal slachtoffers mensenhandel' }).first().waitFor({ timeout: slow });
        // The layout worker started afresh, the categories stand where they stood (the session's edits had packed them so).
        await expect.poll(categoryPlaces, { timeout: slow }).toEqual(placesBefore);
        // …and the view is where it was, once the trace panel and the legend have come back.
        await session.page.waitForTimeout(1000);
        const viewAfter = await onScreen();
        expect(Math.abs(viewAfter.x - viewBefore.x), JSON.stringify({ viewBefore, viewAfter })).toBeLessThanOrEqual(3);
        expect(Math.abs(viewAfter.y - viewBefore.y), JSON.stringify({ viewBefore, viewAfter })).toBeLessThanOrEqual(3);
        await workbench.screenshot('07-reload-restores-preview');
        // The clicks on the zoom made the preview's group the active one; the next steps work in the editor's.
        await workbench.runCommand('View: Focus First Editor Group');
    });

    it('exports the model as a Kumu blueprint through MARVEL: Export Model…', async () => {
        await workbench.quickOpen('mensenhandel.marvel');
        await workbench.runCommand('MARVEL: Export Model…');
        await workbench.pick('kumu');
        // The save dialog (VS Code's own, in the browser) proposes mensenhandel.json beside the model.
        const input = session.page.locator('.quick-input-widget .quick-input-box input');
        await expect.poll(() => input.inputValue(), { timeout: slow }).toMatch(/mensenhandel\.json$/);
        await input.press('Enter');
        const exported = path.join(session.workspace, 'mensenhandel', 'mensenhandel.json');
        await expect.poll(() => existsSync(exported), { timeout: slow }).toBe(true);
        await session.page.locator('.notifications-toasts', { hasText: 'Exported the model to mensenhandel.json' }).waitFor({ timeout: slow });
        await workbench.screenshot('08-export-kumu');
        const blueprint = JSON.parse(readFileSync(exported, 'utf8')) as { elements: Array<{ id: string }>; connections: unknown[] };
        expect(blueprint.elements.map(element => element.id)).toContain('pakkans');
        expect(blueprint.connections.length).toBeGreaterThan(200);
    });

    it('imports a Kumu map through MARVEL: Import Model…: a new editor, warnings in the output', async () => {
        const map = path.join(session.workspace, 'kaart.json');
        writeFileSync(map, JSON.stringify({
            elements: [{ label: 'Werkdruk politie', type: 'factor', tags: ['politie'] }, { label: 'Aantal slachtoffers', type: 'kpi', 'Desired direction': 'decrease' }],
            connections: [{ from: 'Werkdruk politie', to: 'Aantal slachtoffers', type: '+' }]
        }));
        await workbench.runCommand('MARVEL: Import Model…');
        const input = session.page.locator('.quick-input-widget .quick-input-box input');
        // The open dialog fills in a folder once it has read it, and may fill in another one
        // (the active editor's) a moment later: type the path until it stays.
        await expect.poll(() => input.inputValue(), { timeout: slow }).toMatch(/\/$/);
        await expect.poll(async () => {
            if (await input.inputValue() !== map) {
                await input.fill(map);
            }
            await session.page.waitForTimeout(500);
            return input.inputValue();
        }, { timeout: slow }).toBe(map);
        await input.press('Enter');
        await workbench.editor().locator('text=werkdrukPolitie').first().waitFor({ timeout: slow });
        // Monaco draws spaces as no-break spaces.
        const text = (await workbench.editor().innerText()).replace(/\u00a0/g, ' ');
        expect(text).toContain('kpi aantalSlachtoffers "Aantal slachtoffers" decrease');
        expect(text).toContain('werkdrukPolitie -> +aantalSlachtoffers');
        await session.page.locator('.part.panel', { hasText: "kept 'tags' in the description" }).waitFor({ timeout: slow });
        await workbench.screenshot('09-import-kumu');
    });

    it('keeps the imports right when a file of the model is renamed in the Explorer', async () => {
        const explorer = session.page.locator('.explorer-folders-view');
        // Room for the seed example's files in the Explorer.
        await workbench.hidePanel();
        for (const title of ['Outline', 'Timeline', 'MARVEL Effects', 'MARVEL Loops']) {
            await workbench.collapseView(title);
        }
        await workbench.openFromExplorer('mensenhandel', 'bewustwording.marvel');
        await explorer.locator('.monaco-list-row', { hasText: 'bewustwording.marvel' }).first().click();
        await session.page.keyboard.press('F2');
        const name = explorer.locator('.monaco-inputbox input');
        await name.waitFor({ timeout: slow });
        await name.fill('bewustwording-campagnes.marvel');
        await name.press('Enter');
        // VS Code asks before it lets an extension change files along with a move.
        const dialog = session.page.locator('.monaco-dialog-box', { hasText: 'wants to make refactoring changes with this file move' });
        await dialog.waitFor({ timeout: slow });
        await workbench.screenshot('10-rename-file-imports');
        await dialog.locator('.monaco-button', { hasText: /^OK$/ }).click();
        // The import in the root file now names the new file, saved as VS Code saves a refactoring's edits.
        await expect.poll(() => readFileSync(seed, 'utf8'), { timeout: slow }).toContain('import "./bewustwording-campagnes.marvel"');
        expect(readFileSync(seed, 'utf8')).not.toContain('import "./bewustwording.marvel"');
        const problems = await workbench.problems();
        await expect.poll(() => problems.locator('.monaco-list-row', { hasText: 'import-not-found' }).count(), { timeout: slow }).toBe(0);
    });

    it('opens a preview of its own for another model while the first is locked, and keeps the locked one on its model', async () => {
        const seedPreview = await workbench.previewFrame('svg.marvel-diagram g.marvel-node[data-id="pakkans"]');
        await seedPreview.locator('#lock-button').click();
        await workbench.tab('[Locked] Preview').first().waitFor({ timeout: slow });
        await workbench.quickOpen('quickstart.marvel');
        // The command is offered while a .marvel text editor has the keyboard: the click on Lock left it in the preview.
        await workbench.editor().click();
        await workbench.runCommand('MARVEL: Open Preview to the Side');
        await workbench.tab('Preview quickstart.marvel').first().waitFor({ timeout: slow });
        // Both draw: one the quickstart's model, the other still the seed model.
        await workbench.previewFrame('svg.marvel-diagram g.marvel-node[data-id="socialContacts"]');
        expect(await workbench.tab('[Locked] Preview').count()).toBe(1);
        expect(await seedPreview.locator('svg.marvel-diagram g.marvel-node[data-id="pakkans"]').count()).toBe(1);
        await workbench.screenshot('11-two-previews');
    });
});
