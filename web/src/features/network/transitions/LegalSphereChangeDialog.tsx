import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type LegalSphere, legalSpheres } from '../../../../../common/casework.ts'
import {
  type HandoverStep,
  handoverSteps,
  type LegalSphereChange,
  legalSphereChangeInputSchema,
  legalSphereChangeReasons,
} from '../../../../../common/legal-sphere.ts'
import { apiSend } from '../../../api.ts'
import { DayInput } from '../../../components/DateFields.tsx'
import { Dialog } from '../../../components/Dialog.tsx'
import { maxLengthOf, useSchemaValidator } from '../../../schema-form.ts'
import { todayIso } from '../../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../../casework/problems.tsx'
import { caseworkKeys } from '../../casework/queries.ts'
import { transitionKeys } from './transition-queries.ts'

type Values = {
  fromSphere: string
  toSphere: string
  effectiveOn: string
  reason: string
  note: string
  steps: Partial<Record<HandoverStep, string>>
}

/** The steps a change into the Jobcenter's sphere usually needs; others start with none ticked. */
const usualSteps = (to: string): HandoverStep[] => (to === 'SGB II' ? [...handoverSteps] : [])

const changeInput = (values: Values, caseId: string | null) => ({
  fromSphere: values.fromSphere,
  toSphere: values.toSphere,
  effectiveOn: values.effectiveOn || undefined,
  reason: values.reason || undefined,
  note: values.note,
  caseId,
  steps: handoverSteps.flatMap((step) => {
    const dueOn = values.steps[step]
    return dueOn === undefined ? [] : [{ step, dueOn }]
  }),
})

/**
 * Records a legal-sphere change of one person: from, to, day, reason, and the hand-over steps to
 * take, each with its due day; every ticked step becomes a task for the case manager.
 */
export function LegalSphereChangeDialog({
  opened,
  onClose,
  personId,
  personLabel,
  currentSphere,
  caseId,
}: {
  opened: boolean
  onClose: () => void
  personId: string
  personLabel: string
  currentSphere: LegalSphere
  caseId: string | null
}) {
  const { t } = useTranslation()
  return (
    <Dialog opened={opened} onClose={onClose} title={t('legalSphereChanges.record', { person: personLabel })}>
      {opened && (
        <ChangeForm personId={personId} currentSphere={currentSphere} caseId={caseId} onDone={onClose} />
      )}
    </Dialog>
  )
}

function ChangeForm({
  personId,
  currentSphere,
  caseId,
  onDone,
}: {
  personId: string
  currentSphere: LegalSphere
  caseId: string | null
  onDone: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const initialTo = currentSphere === 'AsylbLG' ? 'SGB II' : ''
  const form = useForm<Values>({
    initialValues: {
      fromSphere: currentSphere,
      toSphere: initialTo,
      effectiveOn: todayIso(),
      reason: currentSphere === 'AsylbLG' ? 'recognition' : '',
      note: '',
      steps: Object.fromEntries(usualSteps(initialTo).map((step) => [step, todayIso(14)])),
    },
    validate: useSchemaValidator(legalSphereChangeInputSchema, (values: Values) =>
      changeInput(values, caseId),
    ),
  })
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof changeInput>) =>
      apiSend<LegalSphereChange>(
        'POST',
        `/persons/${encodeURIComponent(personId)}/legal-sphere-changes`,
        body,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: transitionKeys.all })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.person(personId) })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.myTasks })
      if (caseId) void queryClient.invalidateQueries({ queryKey: caseworkKeys.case(caseId) })
      onDone()
    },
  })
  const submit = form.onSubmit(
    (values) => save.mutate(changeInput(values, caseId)),
    () => focusFirstInvalid(formRef.current),
  )
  const error = useFieldError(form.errors, save.error)
  const sphereOptions = legalSpheres.map((value) => ({
    value,
    label: t(`legalSphereChanges.spheres.${value}`),
  }))
  const values = form.values
  const setStep = (step: HandoverStep, dueOn: string | undefined) => {
    const steps = { ...values.steps }
    if (dueOn === undefined) delete steps[step]
    else steps[step] = dueOn
    form.setFieldValue('steps', steps)
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={['fromSphere', 'toSphere', 'effectiveOn', 'reason', 'note', 'steps', 'caseId']}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('legalSphereChanges.from')}
            required
            data={sphereOptions}
            value={values.fromSphere}
            onChange={(value) => form.setFieldValue('fromSphere', value ?? '')}
            allowDeselect={false}
            error={error('fromSphere')}
          />
          <Select
            label={t('legalSphereChanges.to')}
            required
            data-autofocus
            data={sphereOptions}
            value={values.toSphere || null}
            onChange={(value) => {
              form.setFieldValue('toSphere', value ?? '')
              // Into the Jobcenter's sphere the whole hand-over is usual: offer every step at once.
              if (value && Object.keys(values.steps).length === 0)
                form.setFieldValue(
                  'steps',
                  Object.fromEntries(usualSteps(value).map((step) => [step, todayIso(14)])),
                )
            }}
            error={error('toSphere')}
          />
          <DayInput
            label={t('legalSphereChanges.effectiveOn')}
            description={t('legalSphereChanges.effectiveOnHint')}
            required
            value={values.effectiveOn}
            onChange={(effectiveOn) => form.setFieldValue('effectiveOn', effectiveOn)}
            error={error('effectiveOn')}
          />
          <Select
            label={t('legalSphereChanges.reason')}
            required
            data={legalSphereChangeReasons.map((value) => ({
              value,
              label: t(`legalSphereChanges.reasons.${value}`),
            }))}
            value={values.reason || null}
            onChange={(value) => form.setFieldValue('reason', value ?? '')}
            error={error('reason')}
          />
        </SimpleGrid>
        <Textarea
          label={t('legalSphereChanges.note')}
          autosize
          minRows={2}
          maxLength={maxLengthOf(legalSphereChangeInputSchema, 'note')}
          {...form.getInputProps('note')}
          error={error('note')}
        />
        <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            {t('legalSphereChanges.checklist')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('legalSphereChanges.checklistHint')}
          </Text>
          {handoverSteps.map((step) => {
            const dueOn = values.steps[step]
            return (
              <Group key={step} gap="md" align="center" wrap="nowrap">
                <Checkbox
                  label={t(`legalSphereChanges.steps.${step}`)}
                  checked={dueOn !== undefined}
                  onChange={(event) => setStep(step, event.currentTarget.checked ? todayIso(14) : undefined)}
                  w={260}
                />
                {dueOn !== undefined && (
                  <DayInput
                    aria-label={t('legalSphereChanges.dueOnFor', {
                      step: t(`legalSphereChanges.steps.${step}`),
                    })}
                    required
                    value={dueOn}
                    onChange={(day) => setStep(step, day)}
                    w={160}
                  />
                )}
              </Group>
            )
          })}
          {error('steps') && (
            <Text size="sm" c="red.9" role="alert">
              {error('steps')}
            </Text>
          )}
        </Stack>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('legalSphereChanges.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
