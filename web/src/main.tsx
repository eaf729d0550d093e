import '@mantine/core/styles.css'
import './global.css'
import { type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { statusColors } from './colors.ts'
import { languageReady } from './i18n.ts'
import { router } from './router.tsx'

// A darker primary shade keeps text on filled buttons above the WCAG AA contrast ratio.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  // Users who ask their system for less motion get no animated dialogs.
  respectReducedMotion: true,
  fontFamily: 'system-ui, sans-serif',
})

// Field errors in Mantine's red-6 reach only 3.3:1 on white; the negative status colour passes WCAG AA.
const errorColorResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': statusColors.negative },
  dark: {},
})

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } })

const container = document.getElementById('root')
if (!container) throw new Error('#root is missing from index.html')

function render(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={errorColorResolver}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  )
}

// A remembered English is fetched first, so the first picture is already in the right language.
void languageReady.catch(() => undefined).then(() => render(container))
