import { spawnSync } from 'node:child_process';

/**
 * Whether the tests that need an outside program (a browser, Graphviz, xmllint) can run. Where
 * it is missing they are skipped with a message on a developer's machine, but under CI
 * (`CI=true`) the file fails: a skip there would hide those tests. `.ci/run` installs them.
 */
export function toolPresent(testName: string, tool: string, found: boolean, install: string): boolean {
    if (found) {
        return true;
    }
    const missing = `${testName} need ${tool} (${install})`;
    if (process.env.CI === 'true') {
        throw new Error(`${missing}; under CI they must run, not be skipped`);
    }
    console.warn(`Skipping: ${missing}.`);
    return false;
}

/** Whether a program answers on the PATH. */
export function onPath(program: string): boolean {
    return spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;
}
