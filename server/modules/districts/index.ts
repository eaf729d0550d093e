export { districtRoutes } from './district.routes.ts'
export {
  type DistrictSeed,
  getDistrict,
  listDistricts,
  listMunicipalities,
  listVisibleDistricts,
  seedDistricts,
} from './district.service.ts'
