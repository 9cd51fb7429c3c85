import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCode, parseInlineVensimModel, parseInlineXmileModel, resetState } from '@sdeverywhere/compile';
import type { GeneratedModel } from '@sdeverywhere/runtime';
import { createSynchronousModelRunner } from '@sdeverywhere/runtime';

/**
 * Runs an exported model with SDEverywhere, an engine independent of MARVEL: its compiler
 * parses the Vensim or XMILE text and generates JavaScript, its runtime runs it (Euler, at
 * the model's time step). Returns each requested variable's points (time, value) at every
 * time step. Its runtime files a point by counting steps in floating point: keep the time
 * step a power of two (0.25 / 256) so that the points land on their times.
 */
export async function runWithSdEverywhere(text: string, kind: 'vensim' | 'xmile', variables: readonly string[]): Promise<Map<string, Array<{ x: number; y: number }>>> {
    const folder = mkdtempSync(path.join(tmpdir(), 'marvel-sde-'));
    try {
        resetState();
        const parsed = kind === 'vensim' ? parseInlineVensimModel(text, folder) : parseInlineXmileModel(text, folder);
        const code: string = generateCode(parsed, {
            spec: { inputVarNames: [], outputVarNames: [...variables] },
            operations: ['generateJS'], extData: new Map(), directData: new Map(), modelDirname: folder
        });
        const modulePath = path.join(folder, 'model.mjs');
        writeFileSync(modulePath, code);
        const module = await import(pathToFileURL(modulePath).href) as { default: () => Promise<GeneratedModel> };
        const runner = createSynchronousModelRunner(await module.default());
        const outputs = await runner.runModel([], runner.createOutputs());
        await runner.terminate();
        return new Map(variables.map((name, i) => [name, outputs.varSeries[i].points.map(point => ({ x: point.x, y: point.y }))] as const));
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}
