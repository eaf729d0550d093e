import { Button, Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Baustein,
  bausteine,
  type EmployerKind,
  employerKinds,
  type Position,
  type PositionDetail,
  positionInputSchema,
} from '../../../../common/staffing.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { municipalitiesQuery } from '../../queries.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { staffingKeys } from './queries.ts'

type Values = {
  baustein: Baustein
  title: string
  fte: number | string
  employerKind: EmployerKind
  municipalityId: string
  area: string
  payGrade: string
  fundingProgramme: string
  fundedFrom: string
  fundedUntil: string
  workplaceSetUpOn: string
  inRecruitment: boolean
}

const valuesOf = (position: Position | undefined): Values => ({
  baustein: position?.baustein ?? 'case-management',
  title: position?.title ?? '',
  fte: position?.fte ?? 1,
  employerKind: position?.employerKind ?? 'district',
  municipalityId: position?.municipalityId ?? '',
  area: position?.area ?? '',
  payGrade: position?.payGrade ?? '',
  fundingProgramme: position?.fundingProgramme ?? '',
  fundedFrom: position?.fundedFrom ?? '',
  fundedUntil: position?.fundedUntil ?? '',
  workplaceSetUpOn: position?.workplaceSetUpOn ?? '',
  inRecruitment: position?.inRecruitment ?? false,
})

/** Sets up a position, or changes one (If-Match with its version): Baustein, FTE, employer, area, funding. */
export function PositionForm({ position, onDone }: { position?: Position; onDone?: () => void }) {
  const { t } = useTranslation()
  const session = useSession()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const municipalities = useQuery(municipalitiesQuery(session.user.districtId, '', 0, 200))
  const toInput = (values: Values) => ({
    baustein: values.baustein,
    title: values.title.trim(),
    fte: typeof values.fte === 'number' ? values.fte : Number(values.fte),
    employerKind: values.employerKind,
    // The employer organisation is kept as it is; the form does not choose one.
    employerOrganisationId: position?.employerOrganisationId ?? null,
    municipalityId: values.municipalityId || null,
    area: values.area,
    payGrade: values.payGrade,
    fundingProgramme: values.fundingProgramme,
    fundedFrom: values.fundedFrom || null,
    fundedUntil: values.fundedUntil || null,
    workplaceSetUpOn: values.workplaceSetUpOn || null,
    inRecruitment: values.inRecruitment,
  })
  const form = useForm<Values>({
    initialValues: valuesOf(position),
    validate: useSchemaValidator(positionInputSchema, toInput),
  })
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) =>
      position
        ? apiSend<PositionDetail>('PUT', `/positions/${position.id}`, input, {
            'if-match': `"${position.version}"`,
          })
        : apiSend<PositionDetail>('POST', '/positions', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffingKeys.all })
      if (!position) form.setValues(valuesOf(undefined))
      onDone?.()
    },
  })
  const error = useFieldError<Values>(form.errors, save.error)
  const fields = Object.keys(valuesOf(undefined))
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={position ? t('staffing.positionForm.editTitle') : t('staffing.positionForm.newTitle')}
      onSubmit={form.onSubmit(
        (values) => save.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem error={save.error} shown={fields} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('staffing.position.title')}
            required
            maxLength={maxLengthOf(positionInputSchema, 'title')}
            {...form.getInputProps('title')}
            error={error('title')}
            w={320}
          />
          <Select
            label={t('staffing.position.baustein')}
            data={bausteine.map((value) => ({ value, label: t(`staffing.bausteine.${value}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('baustein')}
            error={error('baustein')}
            w={280}
          />
          <NumberInput
            label={t('staffing.positionForm.fte')}
            min={0.001}
            max={10}
            step={0.5}
            decimalScale={3}
            required
            {...form.getInputProps('fte')}
            error={error('fte')}
            w={140}
          />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('staffing.position.employer')}
            data={employerKinds.map((value) => ({ value, label: t(`staffing.employers.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('employerKind')}
            error={error('employerKind')}
            w={280}
          />
          <Select
            label={t('staffing.positionForm.municipality')}
            data={(municipalities.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
            clearable
            searchable
            {...form.getInputProps('municipalityId')}
            error={error('municipalityId')}
            w={240}
          />
          <TextInput
            label={t('staffing.positionForm.area')}
            maxLength={maxLengthOf(positionInputSchema, 'area')}
            {...form.getInputProps('area')}
            error={error('area')}
            w={240}
          />
          <TextInput
            label={t('staffing.position.payGrade')}
            maxLength={maxLengthOf(positionInputSchema, 'payGrade')}
            {...form.getInputProps('payGrade')}
            error={error('payGrade')}
            w={140}
          />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('staffing.position.programme')}
            maxLength={maxLengthOf(positionInputSchema, 'fundingProgramme')}
            {...form.getInputProps('fundingProgramme')}
            error={error('fundingProgramme')}
            w={280}
          />
          <DayInput
            label={t('staffing.positionForm.fundedFrom')}
            {...form.getInputProps('fundedFrom')}
            error={error('fundedFrom')}
            w={170}
          />
          <DayInput
            label={t('staffing.positionForm.fundedUntil')}
            {...form.getInputProps('fundedUntil')}
            error={error('fundedUntil')}
            w={170}
          />
          <DayInput
            label={t('staffing.positionForm.workplaceSetUpOn')}
            {...form.getInputProps('workplaceSetUpOn')}
            error={error('workplaceSetUpOn')}
            w={220}
          />
        </Group>
        <Checkbox
          label={t('staffing.positionForm.inRecruitment')}
          {...form.getInputProps('inRecruitment', { type: 'checkbox' })}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {position ? t('staffing.positionForm.save') : t('staffing.positionForm.create')}
          </Button>
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t('staffing.contract.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  )
}
