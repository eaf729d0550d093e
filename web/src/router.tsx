import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { Layout } from './components/Layout.tsx'
import { DistrictPage } from './routes/DistrictPage.tsx'
import { DistrictsPage } from './routes/DistrictsPage.tsx'
import { NotFoundPage } from './routes/NotFoundPage.tsx'
import { StartPage } from './routes/StartPage.tsx'

const rootRoute = createRootRoute({ component: Layout, notFoundComponent: NotFoundPage })

const startRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: StartPage })

const districtsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/districts',
  component: DistrictsPage,
})

const districtRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/districts/$districtId',
  component: function DistrictRoute() {
    const { districtId } = districtRoute.useParams()
    return <DistrictPage districtId={districtId} />
  },
})

const routeTree = rootRoute.addChildren([startRoute, districtsRoute, districtRoute])

export const router = createRouter({ routeTree, defaultPreload: 'intent' })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
