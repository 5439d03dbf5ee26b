import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: {
    port: 5173,
    host: '127.0.0.1',
    // The local stack writes pgdata, logs and state here; watching them would restart Vite.
    watch: { ignored: ['**/.supabase-local/**', '**/test-results/**', '**/playwright-report/**'] },
  },
  plugins: [
    tailwindcss(),
    remix({
      // A separate build directory lets test runs build without clobbering `npm start`'s build.
      buildDirectory: process.env.BUILD_DIR ?? 'build',
      ignoredRouteFiles: ['**/*.server.*', '**/*.client.*', '**/*.test.*', '**/__*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
})
