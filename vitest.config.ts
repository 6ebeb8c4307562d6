import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'server', environment: 'node', include: ['server/**/*.test.ts', 'proxy/**/*.test.ts', 'scripts/**/*.test.ts', 'src/api/schemas/**/*.test.ts'], setupFiles: ['server/test/setup.ts'] },
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
