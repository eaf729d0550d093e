import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import ical, { ICalCalendarMethod } from 'ical-generator'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * Invitations as iCalendar (RFC 5545), made with ical-generator: times are written as wall-clock
 * times of the district's zone (`DTSTART;TZID=Europe/Berlin:…`) with that zone's VTIMEZONE, so a
 * calendar shows 10:00 on a March and on a November morning alike, across the change of the
 * clocks. A meeting's UID is stable and its SEQUENCE counts changes, so updates replace the entry.
 */

type MeetingFacts = {
  id: string
  title: string
  starts_at: string
  ends_at: string
  place: string
  video_url: string
  invitation_sequence: number
  approved_at: string | null
}

export type CalendarInput = {
  /** The body's name: the calendar's name and each event's prefix. */
  name: string
  districtName: string
  timeZone: string
  meetings: readonly { row: MeetingFacts; agenda: readonly string[] }[]
  /** The heading above the agenda in each event's description, in the reader's language. */
  agendaHeading: string
  /**
   * PUBLISH: a calendar entry anyone imports. REQUEST (iTIP) would need an ORGANIZER and
   * attendees with e-mail addresses, which members of a body need not have in Lotse.
   */
  method: 'PUBLISH'
  stamp: Date
}

export function calendarOf(input: CalendarInput): string {
  const calendar = ical({
    name: `${input.name} (${input.districtName})`,
    prodId: { company: 'Lotse', product: 'Steuerung', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: input.timeZone, generator: getVtimezoneComponent },
  })
  for (const { row, agenda } of input.meetings) {
    const location = [row.place, row.video_url].filter((part) => part !== '').join(' / ')
    calendar.createEvent({
      id: `meeting-${row.id}@lotse`,
      sequence: row.invitation_sequence,
      stamp: dayjs(input.stamp).tz(input.timeZone),
      start: dayjs(row.starts_at).tz(input.timeZone),
      end: dayjs(row.ends_at).tz(input.timeZone),
      timezone: input.timeZone,
      summary: `${input.name}: ${row.title}`,
      location: location === '' ? null : location,
      url: row.video_url === '' ? null : row.video_url,
      description: agenda.length > 0 ? `${input.agendaHeading}\n${agenda.join('\n')}` : null,
    })
  }
  return calendar.toString()
}
