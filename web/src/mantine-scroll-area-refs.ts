import { useMergedRef } from '@mantine/hooks'
import type { Ref } from 'react'

/**
 * Stands in for `@floating-ui/react` inside Mantine's ScrollArea (see vite.config.ts), which takes
 * only `useMergeRefs` from it. Every Mantine table brings a ScrollArea, so the start page would
 * otherwise carry all of Floating UI (about 14 KB compressed) that only popovers, menus and
 * tooltips on later pages need. Mantine's own hook merges refs the same way, cleanups included.
 */
export function useMergeRefs<T>(refs: (Ref<T> | undefined)[]) {
  return useMergedRef(...refs)
}
