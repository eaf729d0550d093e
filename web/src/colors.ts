/**
 * Badge and status colours with white text at WCAG AA contrast (≥ 4.5:1 at 11 px bold);
 * Mantine's own green and red shades reach only about 3.4:1.
 */
export const statusColors = {
  positive: '#237032',
  negative: '#b02525',
  warning: '#b03a0b',
  neutral: '#495057',
} as const
