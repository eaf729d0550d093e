import { useState } from 'react'

/** Whether a row shows its edit form instead of its text. */
export function useEditing() {
  const [active, setActive] = useState(false)
  return { active, start: () => setActive(true), stop: () => setActive(false) }
}
