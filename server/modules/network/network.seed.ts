import type { Kysely } from 'kysely'
import type { ServiceDomain, TargetGroup } from '../../../common/network.ts'
import type { DB } from '../../db/schema.ts'
import { recordAudit } from '../audit/index.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { activeUsersWithRole, districtOrganisations } from '../identity/index.ts'
import { insertProfile, replaceContactPersons, selectProfiles } from './directory/directory.queries.ts'
import { insertService, upsertOverlapDecision } from './services/service.queries.ts'

/**
 * Demo data of the network for the Rhein-Sieg-Kreis: a directory entry with contact persons for
 * each of the district's partner organisations, and a service map with a few genuine duplicate
 * structures (two adult migration counselling services in Troisdorf, two women's language groups,
 * recognition counselling twice), two of them marked as intended by the coordination. Addresses,
 * phone numbers and people are invented; e-mail addresses use the reserved .example domain.
 */

type DemoProfile = {
  street: string
  postcode: string
  city: string
  phone: string
  email: string
  website?: string
  openingHours: string
  /** Municipality names; 'all' for the whole district. */
  serves: string[] | 'all'
  contacts: { name: string; function: string; phone?: string; email?: string }[]
}

const profiles: Record<string, DemoProfile> = {
  'Jobcenter Rhein-Sieg': {
    street: 'Europaplatz 3',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 900-100',
    email: 'integration@jobcenter-rhein-sieg.example',
    openingHours: 'Mo–Fr 8:00–12:30 Uhr, Do 14:00–17:30 Uhr und nach Vereinbarung',
    serves: 'all',
    contacts: [
      {
        name: 'Sabine Krüger',
        function: 'Integrationsfachkraft, Ansprechperson KIM',
        phone: '02241 900-143',
      },
      {
        name: 'Murat Demir',
        function: 'Teamleitung Markt und Integration',
        email: 'm.demir@jobcenter-rhein-sieg.example',
      },
    ],
  },
  'Agentur für Arbeit Bonn': {
    street: 'Villemombler Straße 101',
    postcode: '53123',
    city: 'Bonn',
    phone: '0228 924-0',
    email: 'bonn.berufsberatung@arbeitsagentur.example',
    openingHours: 'Mo–Mi 8:00–12:30 Uhr, Do 8:00–18:00 Uhr, Fr 8:00–12:30 Uhr',
    serves: 'all',
    contacts: [
      { name: 'Katharina Vogel', function: 'Berufsberatung im Erwerbsleben', phone: '0228 924-2210' },
    ],
  },
  'Ausländerbehörde Rhein-Sieg-Kreis': {
    street: 'Kaiser-Wilhelm-Platz 1',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 13-2600',
    email: 'auslaenderbehoerde@rhein-sieg-kreis.example',
    openingHours: 'Nur mit Termin: Mo, Di, Do 8:00–12:00 Uhr',
    serves: 'all',
    contacts: [
      { name: 'Frank Weber', function: 'Sachgebietsleitung Aufenthalt' },
      { name: 'Elif Arslan', function: 'Einbürgerung', email: 'einbuergerung@rhein-sieg-kreis.example' },
    ],
  },
  'Sozialamt Rhein-Sieg-Kreis': {
    street: 'Kaiser-Wilhelm-Platz 1',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 13-2400',
    email: 'sozialamt@rhein-sieg-kreis.example',
    openingHours: 'Mo–Fr 8:00–12:00 Uhr',
    serves: 'all',
    contacts: [{ name: 'Bernd Schulte', function: 'Leistungen nach dem AsylbLG' }],
  },
  'Jugendamt Rhein-Sieg-Kreis': {
    street: 'Kaiser-Wilhelm-Platz 1',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 13-2800',
    email: 'fruehe-hilfen@rhein-sieg-kreis.example',
    openingHours: 'Mo–Fr 8:00–12:00 Uhr und nach Vereinbarung',
    serves: [
      'Alfter',
      'Eitorf',
      'Much',
      'Neunkirchen-Seelscheid',
      'Ruppichteroth',
      'Swisttal',
      'Wachtberg',
      'Windeck',
    ],
    contacts: [{ name: 'Miriam Hahn', function: 'Koordination Frühe Hilfen' }],
  },
  'Caritasverband Rhein-Sieg': {
    street: 'Wilhelmstraße 155',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 1209-0',
    email: 'migration@caritas-rhein-sieg.example',
    website: 'https://www.caritas-rhein-sieg.example',
    openingHours: 'Offene Sprechstunde Di 9:00–12:00 Uhr, sonst nach Vereinbarung',
    serves: ['Siegburg', 'Troisdorf', 'Sankt Augustin', 'Lohmar'],
    contacts: [
      { name: 'Hanna Lorenz', function: 'Migrationsberatung für Erwachsene (MBE)', phone: '02241 1209-31' },
      {
        name: 'Yusuf Kaya',
        function: 'Fachdienst Integration und Migration',
        email: 'y.kaya@caritas-rhein-sieg.example',
      },
    ],
  },
  'Diakonie An Sieg und Rhein': {
    street: 'Ringstraße 2',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 2521-0',
    email: 'migrationsdienst@diakonie-sieg-rhein.example',
    openingHours: 'Mo–Do 9:00–16:00 Uhr, Fr 9:00–12:00 Uhr',
    serves: ['Troisdorf', 'Hennef (Sieg)', 'Niederkassel', 'Lohmar'],
    contacts: [
      {
        name: 'Johannes Brandt',
        function: 'Migrationsberatung für Erwachsene (MBE)',
        phone: '02241 2521-14',
      },
    ],
  },
  'AWO Kreisverband Rhein-Sieg': {
    street: 'Kölner Straße 87',
    postcode: '53840',
    city: 'Troisdorf',
    phone: '02241 8844-0',
    email: 'integration@awo-rhein-sieg.example',
    openingHours: 'Mo–Fr 9:00–15:00 Uhr',
    serves: ['Troisdorf', 'Niederkassel', 'Sankt Augustin'],
    contacts: [{ name: 'Gül Öztürk', function: 'Frauen- und Familienangebote' }],
  },
  'DRK-Kreisverband Rhein-Sieg': {
    street: 'Zeithstraße 155',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 5969-0',
    email: 'suchdienst@drk-rhein-sieg.example',
    openingHours: 'Mo–Fr 8:00–16:00 Uhr',
    serves: 'all',
    contacts: [
      { name: 'Stefan Berger', function: 'Suchdienst und Familienzusammenführung' },
      { name: 'Amina Haddad', function: 'Ehrenamtskoordination Sprachtreffs' },
    ],
  },
  'Der Paritätische Rhein-Sieg': {
    street: 'Mühlenstraße 8',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 9461-0',
    email: 'anerkennung@paritaet-rhein-sieg.example',
    openingHours: 'Di und Do 10:00–16:00 Uhr',
    serves: ['Siegburg', 'Troisdorf', 'Bornheim', 'Meckenheim', 'Rheinbach'],
    contacts: [{ name: 'Ivana Petrović', function: 'Anerkennungs- und Qualifizierungsberatung' }],
  },
  'Jugendmigrationsdienst Rhein-Sieg': {
    street: 'Bahnhofstraße 21',
    postcode: '53757',
    city: 'Sankt Augustin',
    phone: '02241 3986-20',
    email: 'jmd@jmd-rhein-sieg.example',
    openingHours: 'Mo–Do 10:00–17:00 Uhr',
    serves: ['Sankt Augustin', 'Siegburg', 'Troisdorf', 'Hennef (Sieg)'],
    contacts: [{ name: 'Lukas Richter', function: 'Jugendmigrationsdienst, 12 bis 27 Jahre' }],
  },
  'Regionale Flüchtlingsberatung Rhein-Sieg': {
    street: 'Siegstraße 46',
    postcode: '53773',
    city: 'Hennef (Sieg)',
    phone: '02242 9180-5',
    email: 'beratung@fluechtlingsberatung-rhein-sieg.example',
    openingHours: 'Mi 13:00–17:00 Uhr offene Sprechstunde',
    serves: ['Hennef (Sieg)', 'Eitorf', 'Windeck', 'Much', 'Ruppichteroth'],
    contacts: [{ name: 'Rahel Tesfaye', function: 'Asylverfahrensberatung' }],
  },
  'Integrationsrat der Stadt Troisdorf': {
    street: 'Kölner Straße 176',
    postcode: '53840',
    city: 'Troisdorf',
    phone: '02241 900-412',
    email: 'integrationsrat@troisdorf.example',
    openingHours: 'Sprechstunde jeden ersten Montag im Monat, 17:00–18:30 Uhr',
    serves: ['Troisdorf'],
    contacts: [{ name: 'Dr. Ayşe Yılmaz', function: 'Vorsitzende des Integrationsrats' }],
  },
  'Integrationsrat der Stadt Sankt Augustin': {
    street: 'Markt 1',
    postcode: '53757',
    city: 'Sankt Augustin',
    phone: '02241 243-0',
    email: 'integrationsrat@sankt-augustin.example',
    openingHours: 'Nach Vereinbarung',
    serves: ['Sankt Augustin'],
    contacts: [{ name: 'Nikolai Popescu', function: 'Vorsitzender des Integrationsrats' }],
  },
  'Ukrainischer Verein Rhein-Sieg e. V.': {
    street: 'Hauptstraße 12',
    postcode: '53757',
    city: 'Sankt Augustin',
    phone: '0176 5550123',
    email: 'kontakt@ukr-verein-rhein-sieg.example',
    openingHours: 'Sa 10:00–14:00 Uhr',
    serves: ['Sankt Augustin', 'Siegburg'],
    contacts: [{ name: 'Oksana Kovalenko', function: 'Vorstand, Ankommenstreff' }],
  },
  'Syrisch-Deutscher Kulturverein Troisdorf e. V.': {
    street: 'Frankfurter Straße 40',
    postcode: '53840',
    city: 'Troisdorf',
    phone: '0157 5550456',
    email: 'info@sdkv-troisdorf.example',
    openingHours: 'Mo–Do 15:00–18:00 Uhr (Hausaufgabenhilfe)',
    serves: ['Troisdorf'],
    contacts: [{ name: 'Khaled Al-Hassan', function: 'Vorstand' }],
  },
  'Volkshochschule Rhein-Sieg': {
    street: 'Ringstraße 24',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 3097-0',
    email: 'integrationskurse@vhs-rhein-sieg.example',
    website: 'https://www.vhs-rhein-sieg.example',
    openingHours: 'Anmeldung Mo–Fr 8:30–12:30 Uhr',
    serves: ['Siegburg', 'Troisdorf', 'Sankt Augustin', 'Hennef (Sieg)', 'Lohmar', 'Niederkassel'],
    contacts: [{ name: 'Petra Schneider', function: 'Fachbereich Deutsch als Zweitsprache' }],
  },
  'Kommunales Integrationszentrum Rhein-Sieg-Kreis': {
    street: 'Kaiser-Wilhelm-Platz 1',
    postcode: '53721',
    city: 'Siegburg',
    phone: '02241 13-3300',
    email: 'ki@rhein-sieg-kreis.example',
    openingHours: 'Mo–Fr 8:30–15:30 Uhr',
    serves: 'all',
    contacts: [{ name: 'Jonas Wagner', function: 'KIM-Koordination' }],
  },
}

type DemoService = {
  key: string
  organisation: string
  name: string
  description: string
  domains: ServiceDomain[]
  targetGroups: TargetGroup[]
  municipalities: string[] | 'all'
  languages: string[]
  eligibility?: string
  contact?: string
  startsOn?: string
  endsOn?: string
}

const services: DemoService[] = [
  {
    key: 'mbe-caritas',
    organisation: 'Caritasverband Rhein-Sieg',
    name: 'Migrationsberatung für Erwachsene (MBE)',
    description:
      'Beratung zu Aufenthalt, Leistungen, Sprache und Arbeit in den ersten Jahren nach der Ankunft.',
    domains: ['residence', 'income', 'participation'],
    targetGroups: ['newcomers'],
    municipalities: ['Siegburg', 'Troisdorf', 'Sankt Augustin'],
    languages: ['de', 'ar', 'tr', 'en'],
    eligibility: 'Zugewanderte ab 27 Jahren mit dauerhafter Bleibeperspektive',
    contact: 'Hanna Lorenz, 02241 1209-31',
  },
  {
    key: 'mbe-diakonie',
    organisation: 'Diakonie An Sieg und Rhein',
    name: 'Migrationsberatung für Erwachsene (MBE)',
    description: 'Einzelfallberatung nach dem Bundesprogramm MBE, auch aufsuchend in den Unterkünften.',
    domains: ['residence', 'income'],
    targetGroups: ['newcomers'],
    municipalities: ['Troisdorf', 'Hennef (Sieg)', 'Lohmar'],
    languages: ['de', 'ru', 'uk', 'fa'],
    eligibility: 'Zugewanderte ab 27 Jahren',
    contact: 'Johannes Brandt, 02241 2521-14',
  },
  {
    key: 'integrationskurs-vhs',
    organisation: 'Volkshochschule Rhein-Sieg',
    name: 'Integrationskurse (allgemein, mit Alphabetisierung, Jugend)',
    description:
      'Sprach- und Orientierungskurse nach § 43 AufenthG bis B1, mit Kinderbetreuung an drei Standorten.',
    domains: ['language'],
    targetGroups: ['newcomers', 'refugees'],
    municipalities: ['Siegburg', 'Troisdorf', 'Sankt Augustin', 'Hennef (Sieg)', 'Lohmar', 'Niederkassel'],
    languages: ['de'],
    eligibility: 'Mit Berechtigung oder Verpflichtung des BAMF, Ausländerbehörde oder Jobcenters',
  },
  {
    key: 'sprachcafe-caritas',
    organisation: 'Caritasverband Rhein-Sieg',
    name: 'Sprachcafé',
    description: 'Offener Treff zum Deutschsprechen mit Ehrenamtlichen, ohne Anmeldung.',
    domains: ['language', 'participation'],
    targetGroups: ['refugees'],
    municipalities: ['Siegburg'],
    languages: ['de'],
  },
  {
    key: 'frauensprachkurs-awo',
    organisation: 'AWO Kreisverband Rhein-Sieg',
    name: 'Sprachkurs für Frauen mit Kinderbetreuung',
    description: 'Vormittagskurs A1–A2 mit paralleler Kinderbetreuung.',
    domains: ['language'],
    targetGroups: ['women'],
    municipalities: ['Troisdorf', 'Niederkassel'],
    languages: ['de', 'ar', 'tr'],
  },
  {
    key: 'frauensprachtreff-drk',
    organisation: 'DRK-Kreisverband Rhein-Sieg',
    name: 'Frauen-Sprachtreff',
    description: 'Wöchentlicher Sprachtreff für Frauen, von Ehrenamtlichen begleitet.',
    domains: ['language', 'participation'],
    targetGroups: ['women'],
    municipalities: ['Troisdorf'],
    languages: ['de', 'fa', 'ti'],
  },
  {
    key: 'buergergeld-jobcenter',
    organisation: 'Jobcenter Rhein-Sieg',
    name: 'Beratung und Vermittlung für Geflüchtete (SGB II)',
    description:
      'Leistungen zum Lebensunterhalt, Vermittlung in Arbeit und Sprachförderung nach dem Rechtskreiswechsel.',
    domains: ['income', 'work'],
    targetGroups: ['refugees'],
    municipalities: 'all',
    languages: ['de', 'en', 'ar', 'uk'],
    eligibility: 'Erwerbsfähige Leistungsberechtigte nach dem SGB II',
    contact: 'Sabine Krüger, 02241 900-143',
  },
  {
    key: 'berufsberatung-aa',
    organisation: 'Agentur für Arbeit Bonn',
    name: 'Berufsberatung und Anerkennungsberatung',
    description:
      'Berufsorientierung, Ausbildungsvermittlung und Beratung zur Anerkennung ausländischer Abschlüsse.',
    domains: ['work', 'vocational-training'],
    targetGroups: ['skilled-workers', 'young-adults'],
    municipalities: 'all',
    languages: ['de', 'en'],
  },
  {
    key: 'anerkennung-paritaet',
    organisation: 'Der Paritätische Rhein-Sieg',
    name: 'Anerkennungs- und Qualifizierungsberatung (IQ)',
    description: 'Begleitung im Anerkennungsverfahren und zu Anpassungsqualifizierungen.',
    domains: ['work'],
    targetGroups: ['skilled-workers'],
    municipalities: ['Siegburg', 'Troisdorf', 'Bornheim', 'Meckenheim', 'Rheinbach'],
    languages: ['de', 'en', 'ru', 'uk'],
  },
  {
    key: 'jmd',
    organisation: 'Jugendmigrationsdienst Rhein-Sieg',
    name: 'Begleitung junger Zugewanderter',
    description: 'Case Management für junge Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Beruf.',
    domains: ['education', 'vocational-training'],
    targetGroups: ['youth', 'young-adults'],
    municipalities: ['Sankt Augustin', 'Siegburg', 'Troisdorf', 'Hennef (Sieg)'],
    languages: ['de', 'en', 'ar', 'fa'],
  },
  {
    key: 'suchdienst-drk',
    organisation: 'DRK-Kreisverband Rhein-Sieg',
    name: 'Suchdienst und Familienzusammenführung',
    description: 'Suche nach Angehörigen und Beratung zum Familiennachzug.',
    domains: ['family', 'residence'],
    targetGroups: ['refugees'],
    municipalities: 'all',
    languages: ['de', 'en', 'ar'],
  },
  {
    key: 'asylblg-sozialamt',
    organisation: 'Sozialamt Rhein-Sieg-Kreis',
    name: 'Leistungen nach dem Asylbewerberleistungsgesetz',
    description: 'Grund- und Analogleistungen, Krankenhilfe nach §§ 4 und 6 AsylbLG.',
    domains: ['income', 'health'],
    targetGroups: ['asylum-seekers'],
    municipalities: 'all',
    languages: ['de'],
    eligibility: 'Leistungsberechtigte nach § 1 AsylbLG',
  },
  {
    key: 'einbuergerung-abh',
    organisation: 'Ausländerbehörde Rhein-Sieg-Kreis',
    name: 'Einbürgerungsberatung',
    description: 'Voraussetzungen, Unterlagen und Ablauf der Einbürgerung nach dem StAG.',
    domains: ['naturalisation'],
    targetGroups: ['families', 'skilled-workers'],
    municipalities: 'all',
    languages: ['de', 'en'],
  },
  {
    key: 'asylverfahren-rfb',
    organisation: 'Regionale Flüchtlingsberatung Rhein-Sieg',
    name: 'Asylverfahrensberatung',
    description: 'Unabhängige Beratung vor und während des Asylverfahrens.',
    domains: ['residence'],
    targetGroups: ['asylum-seekers'],
    municipalities: ['Hennef (Sieg)', 'Eitorf', 'Windeck', 'Much', 'Ruppichteroth'],
    languages: ['de', 'en', 'ti', 'ar', 'fa'],
  },
  {
    key: 'sprechstunde-ir-troisdorf',
    organisation: 'Integrationsrat der Stadt Troisdorf',
    name: 'Bürgersprechstunde des Integrationsrats',
    description: 'Anliegen zu Teilhabe und Zusammenleben in Troisdorf.',
    domains: ['participation'],
    targetGroups: ['newcomers'],
    municipalities: ['Troisdorf'],
    languages: ['de', 'tr', 'ar'],
  },
  {
    key: 'ankommenstreff-ukr',
    organisation: 'Ukrainischer Verein Rhein-Sieg e. V.',
    name: 'Ankommenstreff für Geflüchtete aus der Ukraine',
    description: 'Austausch, Begleitung zu Behörden und Deutschübungen in kleiner Runde.',
    domains: ['participation', 'language'],
    targetGroups: ['refugees'],
    municipalities: ['Sankt Augustin'],
    languages: ['uk', 'ru', 'de'],
  },
  {
    key: 'hausaufgaben-sdkv',
    organisation: 'Syrisch-Deutscher Kulturverein Troisdorf e. V.',
    name: 'Hausaufgabenhilfe',
    description: 'Nachmittags für Grundschulkinder, auf Arabisch und Deutsch.',
    domains: ['education'],
    targetGroups: ['children'],
    municipalities: ['Troisdorf'],
    languages: ['ar', 'de'],
  },
  {
    key: 'lernfoerderung-caritas',
    organisation: 'Caritasverband Rhein-Sieg',
    name: 'Lernförderung für Kinder aus zugewanderten Familien',
    description: 'Lernpatenschaften und Hausaufgabenbetreuung in Kooperation mit Grundschulen.',
    domains: ['education'],
    targetGroups: ['children'],
    municipalities: ['Troisdorf', 'Siegburg'],
    languages: ['de'],
  },
  {
    key: 'fruehe-hilfen-jugendamt',
    organisation: 'Jugendamt Rhein-Sieg-Kreis',
    name: 'Frühe Hilfen für zugewanderte Familien',
    description: 'Familienhebammen, Elterncafés und Lotsendienst für Familien mit Kindern bis drei Jahre.',
    domains: ['family', 'health'],
    targetGroups: ['families'],
    municipalities: [
      'Alfter',
      'Eitorf',
      'Much',
      'Neunkirchen-Seelscheid',
      'Ruppichteroth',
      'Swisttal',
      'Wachtberg',
      'Windeck',
    ],
    languages: ['de', 'en'],
  },
  {
    key: 'familienberatung-awo',
    organisation: 'AWO Kreisverband Rhein-Sieg',
    name: 'Familienberatung',
    description: 'Erziehungs- und Familienberatung, auch mit Sprachmittlung.',
    domains: ['family'],
    targetGroups: ['families'],
    municipalities: ['Troisdorf', 'Niederkassel', 'Sankt Augustin'],
    languages: ['de', 'tr', 'ar'],
  },
  {
    key: 'notunterkunft-drk',
    organisation: 'DRK-Kreisverband Rhein-Sieg',
    name: 'Betreuung in der Notunterkunft',
    description: 'Sozialbetreuung in der Notunterkunft; zum 31.03.2025 beendet.',
    domains: ['housing', 'participation'],
    targetGroups: ['refugees'],
    municipalities: ['Sankt Augustin'],
    languages: ['de', 'uk'],
    startsOn: '2022-03-15',
    endsOn: '2025-03-31',
  },
]

/** Overlaps the coordination looked at and keeps on purpose. */
const intended: { pair: [string, string]; reason: string }[] = [
  {
    pair: ['mbe-caritas', 'mbe-diakonie'],
    reason:
      'Beide Träger werden im Bundesprogramm MBE gefördert; die Nachfrage in Troisdorf übersteigt die Kapazität eines Trägers (Lenkungsgruppe vom 12.03.2026).',
  },
  {
    pair: ['integrationskurs-vhs', 'sprachcafe-caritas'],
    reason: 'Das Sprachcafé ergänzt den Integrationskurs als offenes Übungsangebot und ersetzt ihn nicht.',
  },
]

/** Seeds the directory and service map; skipped when the district has any partner profile already. */
export async function seedDemoNetwork(db: Kysely<DB>, districtId: string): Promise<number> {
  if ((await selectProfiles(db, districtId)).length > 0) return 0
  const [organisations, municipalities, coordinators] = await Promise.all([
    districtOrganisations(db, districtId),
    districtMunicipalities(db, districtId),
    activeUsersWithRole(db, districtId, 'coordinator'),
  ])
  const coordinator = coordinators[0]
  if (!coordinator) return 0
  const organisationId = new Map(organisations.map((organisation) => [organisation.name, organisation.id]))
  const municipalityId = new Map(municipalities.map((municipality) => [municipality.name, municipality.id]))
  const idsOf = (names: string[] | 'all') =>
    names === 'all'
      ? municipalities.map((municipality) => municipality.id)
      : names.flatMap((name) => municipalityId.get(name) ?? [])
  return db.transaction().execute(async (trx) => {
    for (const [name, profile] of Object.entries(profiles)) {
      const id = organisationId.get(name)
      if (!id) continue
      await insertProfile(trx, districtId, id, {
        street: profile.street,
        postcode: profile.postcode,
        city: profile.city,
        phone: profile.phone,
        email: profile.email,
        website: profile.website ?? '',
        opening_hours: profile.openingHours,
        municipality_ids: idsOf(profile.serves),
        updated_by: coordinator.id,
      })
      await replaceContactPersons(
        trx,
        districtId,
        id,
        profile.contacts.map((person) => ({
          name: person.name,
          function: person.function,
          phone: person.phone ?? '',
          email: person.email ?? '',
        })),
      )
    }
    const serviceIds = new Map<string, string>()
    for (const service of services) {
      const id = organisationId.get(service.organisation)
      if (!id) continue
      serviceIds.set(
        service.key,
        await insertService(trx, districtId, coordinator.id, {
          organisation_id: id,
          name: service.name,
          description: service.description,
          domains: service.domains,
          target_groups: service.targetGroups,
          municipality_ids: idsOf(service.municipalities),
          languages: service.languages,
          eligibility: service.eligibility ?? '',
          contact: service.contact ?? '',
          starts_on: service.startsOn ?? null,
          ends_on: service.endsOn ?? null,
        }),
      )
    }
    for (const decision of intended) {
      const [firstId, secondId] = decision.pair.map((key) => serviceIds.get(key) ?? '').sort()
      if (!firstId || !secondId) continue
      await upsertOverlapDecision(trx, {
        districtId,
        firstId,
        secondId,
        reason: decision.reason,
        decidedBy: coordinator.id,
        decidedAt: '2026-03-12T14:00:00Z',
      })
    }
    await recordAudit(trx, {
      districtId,
      actorId: null,
      action: 'service.create',
      subjectType: 'district',
      subjectId: districtId,
      purpose: `demo data: ${serviceIds.size} services`,
    })
    return serviceIds.size
  })
}
