import type { Kysely } from 'kysely'
import {
  type OpenData,
  type OpenDataRow,
  type OpenDataSetting,
  openDataMonths,
} from '../../../../common/open-data.ts'
import type { MetricId } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { setTenantDistrict } from '../../../platform/tenant-context.ts'
import { recordAudit } from '../../audit/index.ts'
import { getDistrictName, listDistricts, municipalityNames } from '../../districts/index.ts'
import { metricById } from '../catalogue/catalogue.ts'
import { aggregateSource, type PublishedCellSpec, protectAcross } from '../disclosure/disclosure.ts'
import { earlierCells } from '../disclosure/earlier.ts'
import { selectPublishedEvaluations } from '../evaluations/evaluations.queries.ts'
import { canonicalMonth } from '../figures/canonical.ts'
import { addDays } from '../figures/periods.ts'
import { selectOpenData, upsertOpenData } from '../settings/settings.queries.ts'
import { reportingSettings } from '../settings/settings.service.ts'

const metrics = [
  ['contacts', 'contacts'],
  ['persons-counselled', 'personsCounselled'],
  ['cases-new', 'casesNew'],
] as const satisfies readonly (readonly [MetricId, keyof OpenDataRow])[]

/** A district's name as it appears in the public address: lower case, umlauts spelt out, dashes. */
export function districtSlug(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

const pathOf = (name: string) => `/api/open-data/${districtSlug(name)}/monthly.json`

export async function getOpenDataSetting(db: Kysely<DB>, actor: Actor): Promise<OpenDataSetting> {
  authorize(actor, 'reporting-settings.manage', ownDistrict(actor))
  const [enabled, name] = await Promise.all([
    selectOpenData(db, actor.districtId),
    getDistrictName(db, actor.districtId),
  ])
  return { enabled, path: pathOf(name) }
}

export async function putOpenDataSetting(
  db: Kysely<DB>,
  actor: Actor,
  enabled: boolean,
  request: RequestContext,
): Promise<OpenDataSetting> {
  authorize(actor, 'reporting-settings.manage', ownDistrict(actor))
  await db.transaction().execute(async (trx) => {
    await upsertOpenData(trx, actor.districtId, enabled)
    await recordAudit(trx, {
      ...request,
      action: enabled ? 'open-data.enable' : 'open-data.disable',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  openDataCache.delete(actor.districtId)
  return getOpenDataSetting(db, actor)
}

/**
 * The district the address names, if it publishes open data; otherwise not found (a district that
 * has not turned it on answers exactly like one that does not exist). From here on the request
 * reads only that district's rows.
 */
export async function openDataDistrict(db: Kysely<DB>, slug: string): Promise<{ id: string; name: string }> {
  const { items } = await listDistricts(db, { limit: 1000, offset: 0 })
  const district = items.find((item) => districtSlug(item.name) === slug)
  if (!district) throw new NotFound()
  setTenantDistrict(district.id)
  if (!(await selectOpenData(db, district.id))) throw new NotFound()
  return { id: district.id, name: district.name }
}

/** The complete months before the district's current one, oldest first. */
export function completeMonths(today: string, count: number): { key: string; from: string; to: string }[] {
  const months: { key: string; from: string; to: string }[] = []
  let start = `${today.slice(0, 7)}-01`
  for (let index = 0; index < count; index += 1) {
    const end = addDays(start, -1)
    start = `${end.slice(0, 7)}-01`
    months.unshift({ key: start.slice(0, 7), from: start, to: end })
  }
  return months
}

type Cached = { key: string; data: OpenData; at: number }
const openDataCache = new Map<string, Cached>()
const cacheMillis = 60 * 60 * 1000

/**
 * Every month's table per metric is protected on its own (a month is the same table whichever
 * window shows it, so two downloads months apart cannot be differenced), then together with the
 * district's frozen evaluations for the metrics that add up over time (decision 0017).
 */
async function compute(
  db: Kysely<DB>,
  district: { id: string; name: string },
  today: string,
  timeZone: string,
) {
  const { threshold } = await reportingSettings(db, district.id)
  const months = completeMonths(today, openDataMonths)
  const whole = { from: months[0]?.from as string, to: months.at(-1)?.to as string }
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const source = aggregateSource(trx, { districtId: district.id, timeZone })
      const stored = await selectPublishedEvaluations(trx, district.id)
      const cells = new Map<string, { value: number | null; withheld: boolean; raw: number }>()
      const keysOf = new Map<string, string[]>()
      for (const [metric] of metrics) {
        for (const month of months) {
          // The same canonical month table a signed-in reader gets from /api/figures.
          const { rows, total, withheld } = await canonicalMonth(
            trx,
            metricById(metric),
            { districtId: district.id, timeZone },
            month,
            'municipality',
            () => threshold,
            threshold,
          )
          const keys = [...rows.keys()].sort()
          keysOf.set(month.key, [...new Set([...(keysOf.get(month.key) ?? []), ...keys])].sort())
          for (const key of keys) {
            const value = rows.get(key) ?? 0
            cells.set(`${metric}|${month.key}|${key}`, { value, withheld: withheld.has(key), raw: value })
          }
          cells.set(`${metric}|${month.key}|`, { value: total, withheld: total < threshold, raw: total })
        }
        const earlier = earlierCells(stored, whole).filter((cell) => cell.metric === metric)
        if (earlier.length === 0 || metric === 'persons-counselled') continue
        const touched = months.filter((month) =>
          earlier.some((cell) => cell.span.from <= month.to && month.from <= cell.span.to),
        )
        const candidates: { id: string; spec: PublishedCellSpec }[] = touched.flatMap((month) => [
          {
            id: `${metric}|${month.key}|`,
            spec: { metric, span: month, state: 'candidate' as const, threshold },
          },
          ...(keysOf.get(month.key) ?? []).map((key) => ({
            id: `${metric}|${month.key}|${key}`,
            spec: {
              metric,
              span: month,
              attribute: { dimension: 'municipality' as const, key },
              state: 'candidate' as const,
              threshold,
            },
          })),
        ])
        const { withheld } = await protectAcross(
          [...candidates.map((c) => c.spec), ...earlier],
          source,
          threshold,
        )
        candidates.forEach((candidate, index) => {
          const cell = cells.get(candidate.id)
          if (cell && withheld[index]) cells.set(candidate.id, { ...cell, value: null, withheld: true })
        })
      }
      const allKeys = [...new Set([...keysOf.values()].flat())]
      const names = await municipalityNames(
        trx,
        district.id,
        allKeys.filter((key) => key !== 'none'),
      )
      const rows: OpenDataRow[] = []
      for (const month of months) {
        for (const key of ['', ...(keysOf.get(month.key) ?? [])]) {
          const value = (metric: MetricId) => {
            const cell = cells.get(`${metric}|${month.key}|${key}`)
            // A municipality without any of this metric in the month is a known zero: withheld like every small cell.
            return cell && !cell.withheld ? cell.value : null
          }
          rows.push({
            month: month.key,
            municipality: key === '' ? null : key === 'none' ? 'ohne Angabe' : (names.get(key) ?? key),
            contacts: value('contacts'),
            personsCounselled: value('persons-counselled'),
            casesNew: value('cases-new'),
          })
        }
      }
      return {
        district: district.name,
        from: months[0]?.key as string,
        to: months.at(-1)?.key as string,
        threshold,
        licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)',
        rows,
      }
    })
}

/** The published aggregates; computed at most once an hour and per district day. */
export async function openData(db: Kysely<DB>, slug: string, now: Date): Promise<OpenData> {
  const district = await openDataDistrict(db, slug)
  const { today, timeZone } = await districtTime(db, district.id, now)
  const { threshold } = await reportingSettings(db, district.id)
  const key = `${today}|${threshold}`
  const cached = openDataCache.get(district.id)
  if (cached && cached.key === key && now.getTime() - cached.at < cacheMillis) return cached.data
  const data = await compute(db, district, today, timeZone)
  openDataCache.set(district.id, { key, data, at: now.getTime() })
  return data
}
