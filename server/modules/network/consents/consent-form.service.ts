import type { Kysely } from 'kysely'
import type { ConsentFormLanguage } from '../../../../common/consent.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { NotFound } from '../../../platform/errors.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { personNames } from '../../casework/index.ts'
import { getDistrictName } from '../../districts/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { authorizeOnConsent, consentById } from './consent.service.ts'
import { renderConsentFormPdf } from './consent-form.ts'

/**
 * The consent's printable form in German beside the client's language, filled with what the
 * ledger holds: for the person's readers only, and audited, since it names the person. Printed in
 * the text version the consent recorded; a wording this code no longer has answers 410.
 */
export async function printConsentForm(
  db: Kysely<DB>,
  actor: Actor,
  consentId: string,
  language: ConsentFormLanguage | undefined,
  request: RequestContext,
): Promise<{ fileName: string; language: ConsentFormLanguage; content: Uint8Array }> {
  await authorizeOnConsent(db, actor, 'person.read', consentId)
  const consent = await consentById(db, actor.districtId, consentId)
  if (!consent) throw new NotFound()
  const [persons, organisations, districtName] = await Promise.all([
    personNames(db, [consent.personId]),
    organisationNames(db, actor.districtId, consent.recipientOrganisationIds),
    getDistrictName(db, actor.districtId),
  ])
  const person = persons.get(consent.personId)
  if (!person) throw new NotFound()
  const formLanguage = language ?? consent.formLanguage ?? 'en'
  const content = await renderConsentFormPdf(
    {
      districtName,
      person,
      recipientOrganisationNames: consent.recipientOrganisationIds.map((id) => organisations.get(id) ?? ''),
      purposes: consent.purposes,
      dataCategories: consent.dataCategories,
      legalBases: [consent.legalBasis],
      validFrom: consent.validFrom,
      validUntil: consent.validUntil,
      textVersion: consent.textVersion,
    },
    formLanguage,
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'consent.form-print',
    subjectType: 'consent',
    subjectId: consentId,
    purpose: `language:${formLanguage}`,
  })
  // No name in the file name: downloads folders outlive the case.
  return {
    fileName: `Einwilligung-${consentId.slice(0, 8)}-${formLanguage}.pdf`,
    language: formLanguage,
    content,
  }
}
