export { districtRoutes } from './district.routes.ts'
export {
  type DistrictSeed,
  getDistrict,
  listDistricts,
  listMunicipalities,
  seedDistricts,
} from './district.service.ts'
