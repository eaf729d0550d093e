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
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  )
}
