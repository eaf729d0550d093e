import type { ReactNode } from 'react'

/**
 * A few stroke icons for case work. They are decoration only (aria-hidden): every place that
 * shows one also shows its meaning as text.
 */
const paths = {
  contact: <path d="M4 5h16v11H9l-5 4zM8 9h8M8 12h5" />,
  phase: <path d="M4 12h13M13 7l5 5-5 5" />,
  assessment: (
    <>
      <path d="M8 4h8v3H8zM6 6H5v15h14V6h-1" />
      <path d="M8 12h8M8 16h5" />
    </>
  ),
  goal: (
    <>
      <circle cx="12" cy="12" r="8" />
      <circle cx="12" cy="12" r="4" />
      <circle cx="12" cy="12" r="0.8" />
    </>
  ),
  measure: <path d="M4 7l2 2 3-3M4 15l2 2 3-3M12 8h8M12 16h8" />,
  task: (
    <>
      <circle cx="12" cy="13" r="7" />
      <path d="M12 9v4l3 2M9 3h6" />
    </>
  ),
  document: <path d="M6 3h8l4 4v14H6zM14 3v4h4M9 13h6M9 17h6" />,
  opened: <path d="M3 7h6l2 2h10v10H3zM12 12v5M9.5 14.5h5" />,
  warning: <path d="M12 4l9 16H3zM12 10v4M12 17v.5" />,
  check: <path d="M5 12l5 5 9-10" />,
  calendar: <path d="M4 6h16v14H4zM4 10h16M8 3v5M16 3v5" />,
  handover: <path d="M3 12h7M7 8l4 4-4 4M14 5h7v14h-7" />,
  conference: (
    <>
      <circle cx="7" cy="8" r="2.5" />
      <circle cx="17" cy="8" r="2.5" />
      <path d="M3 19c0-3 2-5 4-5s4 2 4 5M13 19c0-3 2-5 4-5s4 2 4 5" />
    </>
  ),
} satisfies Record<string, ReactNode>

export type IconName = keyof typeof paths

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  )
}
