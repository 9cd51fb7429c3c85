import { defineConfig } from 'vitest/config';

// The end-to-end tests drive code-server with the packaged extension through chromium
// (`npm run test:e2e`). Their files end in .e2e.ts, so `npm test` never picks them up.
export default defineConfig({
    test: {
        include: ['test/e2e/**/*.e2e.ts'],
        // Installs code-server into its cache on first run (minutes), before any test's clock starts.
        globalSetup: ['test/e2e/global-setup.ts'],
        // The steps share one editor and run in order; a hung step fails after its timeout.
        fileParallelism: false,
        sequence: { concurrent: false },
        testTimeout: 120_000,
        hookTimeout: 240_000,
        teardownTimeout: 60_000
    }
});
