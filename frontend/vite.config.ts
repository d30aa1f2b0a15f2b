/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bridge serves /api and /health on 127.0.0.1:3001 (BRIDGE_PORT); `npm run dev` forwards to it.
const bridge = `http://127.0.0.1:${process.env.BRIDGE_PORT ?? '3001'}`;
const proxy = {
  '/api': { target: bridge, changeOrigin: false },
  '/health': { target: bridge, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
