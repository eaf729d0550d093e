import { Box, SegmentedControl, Text } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { districtToday } from '../../district-time.ts'
import { periodPresets } from './trend.ts'

type Period = { from: string; to: string }

/**
 * The period presets as a group of radio buttons: Tab reaches the chosen one, the arrow keys
 * choose the next at once, in every browser and with a screen reader. (A closed native select
 * did not take arrow keys or typed letters in headless Chromium, and differs between systems.)
 * A period of one's own, typed into the day fields, leaves no preset chosen.
 */
export function PeriodPresetControl({
  period,
  onChange,
}: {
  period: Period
  onChange: (period: Period) => void
}) {
  const { t } = useTranslation()
  const labelId = useId()
  const presets = periodPresets(districtToday())
  const [picked, setPicked] = useState<string>()
  const matches = (preset: (typeof presets)[number]) =>
    preset.period.from === period.from && preset.period.to === period.to
  // Two presets may be the same period (in December the last twelve months are this year): the
  // one picked stays checked; a period typed or set elsewhere checks the first that matches.
  const chosen = presets.find((preset) => preset.id === picked && matches(preset)) ?? presets.find(matches)
  return (
    <Box>
      <Text component="span" id={labelId} size="sm" fw={500} display="block" mb={4}>
        {t('reporting.period.preset')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        aria-describedby={chosen ? undefined : `${labelId}-custom`}
        // '' is no preset's id: with a period typed below, no radio is checked.
        value={chosen?.id ?? ''}
        onChange={(id) => {
          const preset = presets.find((each) => each.id === id)
          if (!preset) return
          setPicked(preset.id)
          onChange(preset.period)
        }}
        data={presets.map((preset) => ({
          value: preset.id,
          label: t(`reporting.period.presets.${preset.id}`),
        }))}
      />
      {!chosen && (
        <Text id={`${labelId}-custom`} size="xs" c="dimmed" mt={4}>
          {t('reporting.period.custom')}
        </Text>
      )}
    </Box>
  )
}
