import { Box } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways. The region takes the keyboard focus, so that it can be
 * scrolled without a mouse (axe: scrollable-region-focusable), and is named for screen readers.
 */
export function ScrollRegion({
  label,
  minWidth,
  children,
}: {
  label: string
  minWidth: number
  children: ReactNode
}) {
  return (
    // Relative, so that visually hidden cell labels (absolutely positioned) scroll inside the region
    // instead of widening the whole page.
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  )
}
