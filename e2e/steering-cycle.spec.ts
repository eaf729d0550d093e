import { readFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import mammoth from 'mammoth'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

const meetingTitle = '5. Sitzung: Hindernisse aus der Fallarbeit'
const decisionText =
  'Die Lenkungsgruppe vereinbart, die Beratungskontakte im Kreis bis Ende 2027 auf 300 je Monat zu steigern.'

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => (item as TextItem).str).join(' '))
  }
  // Typst may break a sentence across lines; compare on single spaces.
  return pages.join(' ').replace(/\s+/g, ' ')
}

/**
 * Pulls an obstacle from the board into the new meeting's agenda, through its drawer. Found by its
 * title wherever it stands: other specs on the same server move obstacles between columns.
 */
async function pullIntoMeeting(page: Page, obstacle: RegExp): Promise<void> {
  await page.getByRole('button', { name: obstacle }).click()
  const drawer = page.getByRole('dialog')
  await drawer.getByRole('combobox', { name: /Sitzung \(Protokoll noch nicht genehmigt\)/ }).click()
  await page.getByRole('option', { name: new RegExp(meetingTitle) }).click()
  await drawer.getByRole('button', { name: 'Auf die Tagesordnung' }).click()
  await expect(drawer.getByRole('link', { name: meetingTitle })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(drawer).toHaveCount(0)
}

/** A day three months ahead (dd.mm.yyyy): after the demo's meetings, so the start card's next three stay as they are. */
function dayAhead(): string {
  const day = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(day.getDate())}.${pad(day.getMonth() + 1)}.${day.getFullYear()}`
}

/**
 * The steering cycle of issue 11 in one pass, as the coordinator Jonas Wagner works it: a meeting
 * planned, two obstacles from the board on its agenda, attendance and a decision, a goal agreement
 * with a computed indicator made from that decision, the minutes exported as DOCX and PDF with the
 * decision in them, and the indicator's progress on the agreement's page.
 */
test('a coordinator runs the steering cycle from obstacles to a goal agreement with a computed indicator', async ({
  page,
}, testInfo) => {
  // One long pass through six pages with two exports; slow on a shared machine.
  test.setTimeout(240_000)
  await signIn(page, demoUsers.coordinator)
  await expectAccessible(page, testInfo, 'coordinator start page')

  // Plan the meeting.
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' })
  await nav.getByRole('link', { name: 'Gremien und Sitzungen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Gremien' })).toBeVisible()
  await expectAccessible(page, testInfo, 'bodies')
  await page.getByRole('link', { name: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis', exact: true }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis' }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'body')
  await page.getByRole('textbox', { name: 'Titel' }).fill(meetingTitle)
  await page.getByRole('textbox', { name: 'Datum' }).fill(dayAhead())
  await page.getByRole('textbox', { name: 'Ort' }).fill('Kreishaus Siegburg, Sitzungssaal 1')
  await page.getByRole('button', { name: 'Sitzung planen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: meetingTitle })).toBeVisible()
  const meetingUrl = page.url()

  // Two obstacles from the board onto its agenda.
  await nav.getByRole('link', { name: 'Systemrückmeldungen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /Systemrückmeldungen/ })).toBeVisible()
  await expectAccessible(page, testInfo, 'obstacle board')
  await pullIntoMeeting(page, /Integrationskurse mit Kinderbetreuung/)
  await pullIntoMeeting(page, /Leistungslücke beim Wechsel/)

  await page.goto(meetingUrl)
  await expect(page.getByRole('heading', { level: 2, name: meetingTitle })).toBeVisible()
  await expect(page.getByText(/TOP 1: Integrationskurse mit Kinderbetreuung/).first()).toBeVisible()
  await expect(page.getByText(/TOP 2: Leistungslücke beim Wechsel/).first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'Systemrückmeldung vom Board' })).toHaveCount(2)

  // Attendance and the decision.
  await page.getByRole('combobox', { name: 'Anwesenheit von Birgit Dinslaken' }).click()
  await page.getByRole('option', { name: 'anwesend', exact: true }).click()
  await page.getByRole('button', { name: 'Anwesenheit speichern' }).click()
  await expect(page.getByText(/Nicht beschlussfähig: 1 von 13/)).toBeVisible()
  await page.getByRole('textbox', { name: 'Beschlusstext' }).fill(decisionText)
  await page.getByRole('button', { name: 'Beschluss aufnehmen' }).click()
  const decision = page.getByRole('listitem').filter({ hasText: decisionText })
  await expect(decision).toBeVisible()
  const decisionNumber = ((await decision.locator('strong').first().textContent()) ?? '').trim()
  expect(decisionNumber).toMatch(/\S/)
  await expectAccessible(page, testInfo, 'meeting with obstacles, attendance and decision')

  // The minutes as DOCX (a download) and PDF (the link opens it inline; fetched with the same session).
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Protokoll als Word (.docx)' }).click()
  const docx = await download
  expect(docx.suggestedFilename()).toMatch(/\.docx$/)
  const docxBytes = await readFile((await docx.path()) ?? '')
  expect(docxBytes.length).toBeGreaterThan(0)
  expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const { value: docxText } = await mammoth.extractRawText({ buffer: docxBytes })
  expect(docxText.replace(/\s+/g, ' ')).toContain(decisionText)

  const pdfHref = await page.getByRole('link', { name: 'Protokoll als PDF' }).getAttribute('href')
  const pdfResponse = await page.request.get(pdfHref ?? '')
  expect(pdfResponse.ok()).toBe(true)
  expect(pdfResponse.headers()['content-type']).toContain('application/pdf')
  const pdfBytes = await pdfResponse.body()
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(await pdfText(pdfBytes)).toContain(decisionText)

  // A goal agreement from the decision, which the form has already chosen.
  await decision
    .getByRole('link', { name: `Zielvereinbarung anlegen zu Beschluss ${decisionNumber}` })
    .click()
  await expect(page.getByRole('heading', { level: 3, name: 'Neue Zielvereinbarung' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Beschluss', exact: true })).toHaveValue(
    new RegExp(`^${decisionNumber.replace(/[/.]/g, '\\$&')} · Lenkungsgruppe`),
  )
  await page.getByRole('textbox', { name: 'Titel' }).fill('Mehr Beratung im ganzen Kreis')
  await page.getByRole('textbox', { name: 'Ziel' }).fill(decisionText)
  await page.getByRole('textbox', { name: 'Beginn' }).fill('01.01.2026')
  await page.getByRole('textbox', { name: 'Ende' }).fill('31.12.2027')
  await expectAccessible(page, testInfo, 'new goal agreement from a decision')
  await page.getByRole('button', { name: 'Zielvereinbarung anlegen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Mehr Beratung im ganzen Kreis' })).toBeVisible()
  await expect(
    page.getByRole('link', { name: new RegExp(decisionNumber.replace(/[/.]/g, '\\$&')) }).first(),
  ).toBeVisible()

  // A computed indicator (the form's default metric: counselling contacts per month).
  await page.getByRole('textbox', { name: 'Bezeichnung' }).fill('Beratungskontakte im Kreis je Monat')
  await page.getByRole('textbox', { name: 'Ausgangswert' }).fill('150')
  await page.getByRole('textbox', { name: 'Zielwert' }).fill('300')
  await page.getByRole('button', { name: 'Indikator hinzufügen' }).click()

  // Its progress: the trajectory chart, the current value against the target, and a status.
  const indicator = page.getByRole('region', { name: 'Beratungskontakte im Kreis je Monat' })
  await expect(indicator).toBeVisible()
  await expect(indicator.locator('svg').first()).toBeVisible()
  await expect(indicator.getByText('Aktueller Wert', { exact: true }).first()).toBeVisible()
  await expect(indicator.getByText('Zielwert', { exact: true }).first()).toBeVisible()
  await expect(indicator.getByText(/^300\b/).first()).toBeVisible()
  await expect(indicator.getByText(/^(im Plan|gefährdet|nicht im Plan)$/).first()).toBeVisible()
  await indicator.getByText('Werte als Tabelle').click()
  await expect(indicator.getByRole('row')).not.toHaveCount(0)
  await expectAccessible(page, testInfo, 'goal agreement with computed indicator')
})
