/**
 * The 53 districts of North Rhine-Westphalia (31 Kreise with the StädteRegion Aachen, 22
 * kreisfreie Städte) with their Kreisschlüssel, population in thousands (rounded, 2023) and number
 * of municipalities (396 in all). The state scale shares its persons, cases, contacts and users
 * out by population.
 */
export type StateDistrict = {
  code: string
  name: string
  kind: 'kreis' | 'kreisfreie_stadt'
  population: number
  municipalities: number
}

const cities: [string, string, number][] = [
  ['05111', 'Düsseldorf', 620],
  ['05112', 'Duisburg', 500],
  ['05113', 'Essen', 580],
  ['05114', 'Krefeld', 228],
  ['05116', 'Mönchengladbach', 260],
  ['05117', 'Mülheim an der Ruhr', 171],
  ['05119', 'Oberhausen', 210],
  ['05120', 'Remscheid', 111],
  ['05122', 'Solingen', 159],
  ['05124', 'Wuppertal', 355],
  ['05314', 'Bonn', 330],
  ['05315', 'Köln', 1080],
  ['05316', 'Leverkusen', 163],
  ['05512', 'Bottrop', 117],
  ['05513', 'Gelsenkirchen', 260],
  ['05515', 'Münster', 320],
  ['05711', 'Bielefeld', 335],
  ['05911', 'Bochum', 365],
  ['05913', 'Dortmund', 590],
  ['05914', 'Hagen', 189],
  ['05915', 'Hamm', 180],
  ['05916', 'Herne', 156],
]

const kreise: [string, string, number, number][] = [
  ['05154', 'Kreis Kleve', 315, 16],
  ['05158', 'Kreis Mettmann', 485, 10],
  ['05162', 'Rhein-Kreis Neuss', 450, 8],
  ['05166', 'Kreis Viersen', 300, 9],
  ['05170', 'Kreis Wesel', 460, 13],
  ['05334', 'Städteregion Aachen', 555, 10],
  ['05358', 'Kreis Düren', 265, 15],
  ['05362', 'Rhein-Erft-Kreis', 470, 10],
  ['05366', 'Kreis Euskirchen', 195, 11],
  ['05370', 'Kreis Heinsberg', 255, 10],
  ['05374', 'Oberbergischer Kreis', 272, 13],
  ['05378', 'Rheinisch-Bergischer Kreis', 285, 8],
  ['05382', 'Rhein-Sieg-Kreis', 600, 19],
  ['05554', 'Kreis Borken', 375, 17],
  ['05558', 'Kreis Coesfeld', 222, 11],
  ['05562', 'Kreis Recklinghausen', 615, 10],
  ['05566', 'Kreis Steinfurt', 450, 24],
  ['05570', 'Kreis Warendorf', 278, 13],
  ['05754', 'Kreis Gütersloh', 368, 13],
  ['05758', 'Kreis Herford', 250, 9],
  ['05762', 'Kreis Höxter', 140, 10],
  ['05766', 'Kreis Lippe', 348, 16],
  ['05770', 'Kreis Minden-Lübbecke', 310, 11],
  ['05774', 'Kreis Paderborn', 310, 10],
  ['05954', 'Ennepe-Ruhr-Kreis', 325, 9],
  ['05958', 'Hochsauerlandkreis', 260, 12],
  ['05962', 'Märkischer Kreis', 410, 15],
  ['05966', 'Kreis Olpe', 134, 7],
  ['05970', 'Kreis Siegen-Wittgenstein', 276, 11],
  ['05974', 'Kreis Soest', 302, 14],
  ['05978', 'Kreis Unna', 395, 10],
]

export const nrwDistricts: readonly StateDistrict[] = [
  ...kreise.map(([code, name, population, municipalities]) => ({
    code,
    name,
    kind: 'kreis' as const,
    population,
    municipalities,
  })),
  ...cities.map(([code, name, population]) => ({
    code,
    name,
    kind: 'kreisfreie_stadt' as const,
    population,
    municipalities: 1,
  })),
]

/** Whole numbers in proportion to the weights that add up to exactly `total` (largest remainders). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((weight) => (total * weight) / sum)
  const shares = exact.map(Math.floor)
  let left = total - shares.reduce((a, b) => a + b, 0)
  const byRemainder = exact
    .map((value, index) => [value - Math.floor(value), index] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, index] of byRemainder) {
    if (left-- <= 0) break
    shares[index] = (shares[index] as number) + 1
  }
  return shares
}
