import { Box, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { type CasePhase, casePhases } from '../../../../common/casework.ts'
import { Icon } from '../casework/icons.tsx'

/**
 * The DGCC phases as an ordered list: done phases carry a tick and the word "erledigt", the
 * current one is marked with aria-current and in bold, so that colour is never the only sign.
 */
export function PhaseSteps({ phase }: { phase: CasePhase }) {
  const { t } = useTranslation()
  const current = casePhases.indexOf(phase)
  return (
    <Box
      component="ol"
      aria-label={t('casework.case.phases')}
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', padding: 0, margin: 0 }}
    >
      {casePhases.map((step, index) => {
        const done = index < current || (phase === 'closed' && step === 'closed')
        const active = index === current
        return (
          <Box
            component="li"
            key={step}
            aria-current={active ? 'step' : undefined}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 6,
              padding: '4px 10px',
              borderRadius: 16,
              border: `2px solid ${active ? 'var(--mantine-color-blue-8)' : 'var(--mantine-color-gray-4)'}`,
              background: active ? 'var(--mantine-color-blue-0)' : undefined,
            }}
          >
            <Box
              component="span"
              aria-hidden="true"
              style={{
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                width: 22,
                height: 22,
                borderRadius: 11,
                fontSize: 12,
                fontWeight: 700,
                color: done || active ? 'white' : 'var(--mantine-color-gray-8)',
                background: done
                  ? 'var(--mantine-color-green-9)'
                  : active
                    ? 'var(--mantine-color-blue-8)'
                    : 'var(--mantine-color-gray-2)',
              }}
            >
              {done ? <Icon name="check" size={14} /> : index + 1}
            </Box>
            <Text size="sm" fw={active ? 700 : 400} c={active || done ? undefined : 'gray.8'}>
              {t(`casework.phases.${step}`)}
              {done && step !== 'closed' && (
                <VisuallyHidden> ({t('casework.case.phaseDone')})</VisuallyHidden>
              )}
              {active && <VisuallyHidden> ({t('casework.case.phaseCurrent')})</VisuallyHidden>}
            </Text>
          </Box>
        )
      })}
    </Box>
  )
}
