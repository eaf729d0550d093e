import '@mantine/dates/styles.css'
import { DateInput, type DateInputProps, TimePicker, type TimePickerProps } from '@mantine/dates'
import dayjs from 'dayjs'
import customParseFormat from 'dayjs/plugin/customParseFormat'
import 'dayjs/locale/de'
import 'dayjs/locale/en-gb'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Date and time fields that read and show `TT.MM.JJJJ` and 24 hours whatever language the browser
 * is set to: native `<input type="date">` follows the browser (12/04/2026, 07:59 PM in an English
 * one), which German offices misread.
 */

dayjs.extend(customParseFormat)

/**
 * What a user may type: 12.04.2026, 1.4.2026, the short 1.4.26 of office habit (dayjs reads 00–68
 * as 20xx, 69–99 as 19xx; without it the field silently fell back to its old day), or ISO 8601 as
 * pasted from elsewhere.
 */
const typedFormats = ['D.M.YYYY', 'DD.MM.YYYY', 'D.M.YY', 'DD.MM.YY', 'YYYY-MM-DD']

/** A typed day as `YYYY-MM-DD`, or null when it is no day of the calendar (31.02.2026 is none). */
export function parseGermanDay(text: string): string | null {
  const parsed = dayjs(text.trim(), typedFormats, true)
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null
}

type DayInputProps = Omit<DateInputProps, 'value' | 'onChange' | 'maxDate' | 'minDate'> & {
  /** `YYYY-MM-DD`, or '' for no day. */
  value?: string
  onChange?: (value: string) => void
  max?: string | undefined
  min?: string | undefined
}

/**
 * A calendar day, typed as TT.MM.JJJJ or picked from the calendar; the value is ISO `YYYY-MM-DD`.
 * The calendar opens on a click, not on focus: forms that start in a date field (contacts, short
 * consultations) would otherwise open with a calendar over the page for people who type.
 */
export function DayInput({ value, onChange, max, min, onClick, onBlur, onKeyDown, ...props }: DayInputProps) {
  const { t, i18n } = useTranslation()
  const [calendar, setCalendar] = useState(false)
  return (
    <DateInput
      // Month names in the user's language, Monday first in both; set here rather than by a
      // DatesProvider at the root, so the calendar only loads with the pages that have a date field.
      locale={i18n.language === 'en' ? 'en-gb' : 'de'}
      firstDayOfWeek={1}
      valueFormat="DD.MM.YYYY"
      placeholder={t('common.datePlaceholder')}
      dateParser={parseGermanDay}
      value={value || null}
      onChange={(next) => {
        setCalendar(false)
        onChange?.(next ?? '')
      }}
      onClick={(event) => {
        setCalendar(true)
        onClick?.(event)
      }}
      onBlur={(event) => {
        setCalendar(false)
        onBlur?.(event)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setCalendar(false)
        onKeyDown?.(event)
      }}
      maxDate={max}
      minDate={min}
      clearable={!props.required}
      // The clear button of a filled optional day needs a name of its own (axe: button-name).
      clearButtonProps={{ 'aria-label': t('common.clearDay') }}
      // Every control of the calendar named for screen readers; no greyed days of the neighbouring
      // months, whose contrast is too low to read.
      ariaLabels={{
        monthLevelControl: t('common.calendar.monthLevelControl'),
        yearLevelControl: t('common.calendar.yearLevelControl'),
        nextMonth: t('common.calendar.nextMonth'),
        previousMonth: t('common.calendar.previousMonth'),
        nextYear: t('common.calendar.nextYear'),
        previousYear: t('common.calendar.previousYear'),
        nextDecade: t('common.calendar.nextDecade'),
        previousDecade: t('common.calendar.previousDecade'),
      }}
      hideOutsideDates
      popoverProps={{ withinPortal: true, opened: calendar }}
      {...props}
    />
  )
}

type TimeFieldProps = Omit<TimePickerProps, 'value' | 'onChange' | 'format'> & {
  /** `HH:MM`, 24 hours. */
  value?: string
  onChange?: (value: string) => void
}

/** A time of day in 24 hours, hours and minutes typed into their own parts. */
export function TimeField({ value, onChange, ...props }: TimeFieldProps) {
  const { t } = useTranslation()
  return (
    <TimePicker
      format="24h"
      value={value}
      onChange={(next) => onChange?.(next.slice(0, 5))}
      hoursInputLabel={t('common.hours')}
      minutesInputLabel={t('common.minutes')}
      hoursPlaceholder="hh"
      minutesPlaceholder="mm"
      {...props}
    />
  )
}
