import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
    // The command line runs from its sources in the tests (test/support/marvel-cli.ts); esbuild.mjs sets the same for the bundle.
    define: { MARVEL_VERSION: JSON.stringify(version) },
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/support/bundle-setup.ts'],
        testTimeout: 30000,
        hookTimeout: 60000
    }
});
