import type { DistrictSeed } from '../../modules/districts/index.ts'

/** The Rhein-Sieg-Kreis with its 19 municipalities (Amtliche Gemeindeschlüssel). */
export const rheinSiegKreis: DistrictSeed = {
  code: '05382',
  name: 'Rhein-Sieg-Kreis',
  kind: 'kreis',
  stateCode: 'NW',
  municipalities: [
    ['05382004', 'Alfter'],
    ['05382008', 'Bad Honnef'],
    ['05382012', 'Bornheim'],
    ['05382016', 'Eitorf'],
    ['05382020', 'Hennef (Sieg)'],
    ['05382024', 'Königswinter'],
    ['05382028', 'Lohmar'],
    ['05382032', 'Meckenheim'],
    ['05382036', 'Much'],
    ['05382040', 'Neunkirchen-Seelscheid'],
    ['05382044', 'Niederkassel'],
    ['05382048', 'Rheinbach'],
    ['05382052', 'Ruppichteroth'],
    ['05382056', 'Sankt Augustin'],
    ['05382060', 'Siegburg'],
    ['05382064', 'Swisttal'],
    ['05382068', 'Troisdorf'],
    ['05382072', 'Wachtberg'],
    ['05382076', 'Windeck'],
  ].map(([code, name]) => ({ code: code as string, name: name as string })),
}

/**
 * A fictional second district, so that tenant separation is visible in the demo. Its keys use
 * the 99 prefix, which no German state has.
 */
export const kreisLindenau: DistrictSeed = {
  code: '99101',
  name: 'Kreis Lindenau (fiktiv)',
  kind: 'kreis',
  stateCode: 'NW',
  municipalities: [
    ['99101001', 'Lindenau'],
    ['99101002', 'Birkenfeld am See'],
    ['99101003', 'Eichhagen'],
    ['99101004', 'Erlenbruch'],
    ['99101005', 'Weidental'],
  ].map(([code, name]) => ({ code: code as string, name: name as string })),
}

export const demoDistricts: DistrictSeed[] = [rheinSiegKreis, kreisLindenau]
