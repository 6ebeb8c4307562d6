import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // The whole suite shares 2 cores with real servers and jobs: a test that takes 2 s alone can
    // take 10 s under that load. A timeout is for a hang, not for a slow machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'proxy/**/*.test.ts', 'scripts/**/*.test.ts', 'src/api/schemas/**/*.test.ts'],
          setupFiles: ['server/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dashboard',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ['src/api/schemas/**'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
    ],
  },
});
