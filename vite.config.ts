import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * Mantine's ScrollArea imports Floating UI for one small hook; in the build it gets Mantine's
 * equivalent instead (web/src/mantine-scroll-area-refs.ts), so that Floating UI loads with the
 * first popover, not with the start page's tables. The web-bundle test notices when a Mantine
 * update makes this moot or pulls Floating UI back in another way.
 */
const scrollAreaWithoutFloatingUi: Plugin = {
  name: 'lotse:scroll-area-without-floating-ui',
  apply: 'build',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '@floating-ui/react' && importer?.includes('/@mantine/core/esm/components/ScrollArea/'))
      return path.resolve(import.meta.dirname, 'web/src/mantine-scroll-area-refs.ts')
    return null
  },
}

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'web'),
  plugins: [react(), scrollAreaWithoutFloatingUi],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
})
