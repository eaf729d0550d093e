import { Skeleton } from '@mantine/core'
import { lazy, Suspense } from 'react'
import type { ChartOption } from '../../../../common/charts/types.ts'

const EChart = lazy(() => import('./EChart.tsx'))

/** A chart whose library arrives with the first chart shown, not with the app. */
export function LazyEChart({ option, height }: { option: ChartOption; height: number }) {
  return (
    <Suspense fallback={<Skeleton height={height} />}>
      <EChart option={option} height={height} />
    </Suspense>
  )
}
