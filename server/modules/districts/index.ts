export { districtRoutes } from './district.routes.ts'
export {
  type DistrictSeed,
  districtMunicipalities,
  getDistrict,
  getDistrictName,
  listDistricts,
  listMunicipalities,
  listVisibleDistricts,
  municipalityNames,
  seedDistricts,
} from './district.service.ts'
