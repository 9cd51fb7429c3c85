import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/support/bundle-setup.ts'],
        testTimeout: 30000,
        hookTimeout: 60000
    }
});
