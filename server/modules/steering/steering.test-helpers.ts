import ICAL from 'ical.js'

/** The events of an iCalendar text, read back with ical.js, their times converted through its VTIMEZONE. */
export function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return {
    method: calendar.getFirstPropertyValue('method'),
    zones: calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component)
      const start = component.getFirstProperty('dtstart')
      return {
        uid: event.uid,
        summary: event.summary,
        location: event.location,
        description: event.description,
        sequence: event.sequence,
        tzid: start?.getParameter('tzid'),
        wallStart: event.startDate.toString(),
        startUtc: event.startDate.toJSDate().toISOString(),
        endUtc: event.endDate.toJSDate().toISOString(),
      }
    }),
  }
}
