import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in web/; its production build is served by the API server from dist/web.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
