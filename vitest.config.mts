import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
    // The command line runs from its sources in the tests (test/support/marvel-cli.ts); esbuild.mjs sets the same for the bundle.
    define: { MARVEL_VERSION: JSON.stringify(version) },
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/support/bundle-setup.ts'],
        // Vitest leaves a core free by default, which on a 2-core machine runs one file at a time;
        // many files mostly wait for Chromium, git or a server process, so every core runs one.
        maxWorkers: availableParallelism(),
        testTimeout: 30000,
        hookTimeout: 60000
    }
});
