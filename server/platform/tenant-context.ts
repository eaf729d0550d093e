import { AsyncLocalStorage } from 'node:async_hooks'

type TenantStore = { districtId?: string }

/**
 * The district of the request being served, for the database connection to pass on to
 * PostgreSQL's row-level security. Set once the session is known; absent for sign-in and jobs.
 */
const tenantStorage = new AsyncLocalStorage<TenantStore>()

export function runWithTenantStore<T>(fn: () => T): T {
  return tenantStorage.run({}, fn)
}

export function setTenantDistrict(districtId: string): void {
  const store = tenantStorage.getStore()
  if (store) store.districtId = districtId
}

export function currentTenantDistrict(): string | undefined {
  return tenantStorage.getStore()?.districtId
}

/**
 * Runs without a district: for the few reads that must look across districts on purpose (telling
 * "exists elsewhere" from "does not exist" for the audit trail). Never for reading content.
 */
export function acrossDistricts<T>(fn: () => Promise<T>): Promise<T> {
  return tenantStorage.run({}, fn)
}
