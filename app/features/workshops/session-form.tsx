import {
  Choice,
  ChoiceGroup,
  FieldGroup,
  SelectField,
  TextField,
  type FormView,
} from '~/components/form'
import { SERIES_ENROLMENTS, SERIES_REPEATS, WORKSHOP_LEVELS } from '~/domain/workshops/choices'
import { useTranslation } from '~/i18n/use-translation'
import type { SessionFormOptions } from './session-pages.server'

/** The labels of a session form's fields, in their order on the page (the error summary's). */
export function useSessionLabels(creating: boolean) {
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.workshops.form.${field}`)
  return {
    labels: {
      ...(creating ? { topicId: label('topicId') } : {}),
      siteId: label('siteId'),
      advisorIds: label('advisorIds'),
      date: creating ? label('firstDate') : label('date'),
      startTime: label('startTime'),
      endTime: label('endTime'),
      ...(creating
        ? { repeat: label('repeat'), weeks: label('weeks'), dates: label('dates') }
        : {}),
      ...(creating ? { enrolment: label('enrolment') } : {}),
      seatCount: label('seatCount'),
      level: label('level'),
      whatToBring: label('whatToBring'),
      whatToBringEn: label('whatToBringEn'),
    },
    messages: {
      advisorIds: { REQUIRED: 'workspace.workshops.form.advisorsRequired' },
      dates: {
        INVALID_DATE: 'workspace.workshops.form.datesInvalid',
        REQUIRED: 'workspace.workshops.form.datesRequired',
        WALK_IN_PAST: 'workspace.workshops.form.datesPast',
        OUT_OF_RANGE: 'workspace.workshops.form.datesTooMany',
      },
      date: { WALK_IN_PAST: 'workspace.workshops.form.datePast' },
      seatCount: { OUT_OF_RANGE: 'workspace.workshops.form.seatsRange' },
    },
  }
}

/**
 * The fields of a session: its topic (when created), place, advisors, times, repetition
 * (when created), seats, level and what to bring. No script is needed: every choice is
 * sent and the server reads the ones that apply.
 */
export function SessionFields({
  form,
  options,
  creating,
  seatHint,
}: {
  form: FormView
  options: SessionFormOptions
  creating: boolean
  seatHint?: string
}) {
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.workshops.form.${field}`)
  const optional = (field: string) => `${label(field)} ${t('workspace.admin.optional')}`
  return (
    <>
      {creating ? <SelectField form={form} name="topicId" options={options.topics} /> : null}
      <SelectField form={form} name="siteId" options={options.sites} />
      <ChoiceGroup
        form={form}
        name="advisorIds"
        type="checkbox"
        hint={label('advisorsHint')}
        options={options.advisors}
      />
      <TextField form={form} name="date" type="date" />
      <div className="workspace-times">
        <TextField form={form} name="startTime" hint={label('timeHint')} />
        <TextField form={form} name="endTime" hint={label('timeHint')} />
      </div>
      {creating ? (
        <FieldGroup form={form} name="repeat">
          {SERIES_REPEATS.map((repeat) => (
            <Choice
              key={repeat}
              form={form}
              name="repeat"
              type="radio"
              value={repeat}
              label={label(`repeat${repeat}`)}
              checked={(form.field('repeat').value || 'ONCE') === repeat}
            />
          ))}
          <div className="workspace-walk-in">
            <TextField form={form} name="weeks" hint={label('weeksHint')} />
            <TextField form={form} name="dates" hint={label('datesHint')} multiline rows={3} />
            <ChoiceGroup
              form={form}
              name="enrolment"
              type="radio"
              hint={label('enrolmentHint')}
              initial="PER_SESSION"
              options={SERIES_ENROLMENTS.map((enrolment) => ({
                value: enrolment,
                label: label(`enrolment${enrolment}`),
              }))}
            />
          </div>
        </FieldGroup>
      ) : null}
      <TextField form={form} name="seatCount" hint={seatHint} />
      <ChoiceGroup
        form={form}
        name="level"
        type="radio"
        initial="BEGINNER"
        options={WORKSHOP_LEVELS.map((level) => ({
          value: level,
          label: t(`workspace.workshops.level.${level}`),
        }))}
      />
      <TextField
        form={form}
        name="whatToBring"
        label={optional('whatToBring')}
        hint={label('whatToBringHint')}
        multiline
      />
      <TextField
        form={form}
        name="whatToBringEn"
        label={optional('whatToBringEn')}
        hint={t('workspace.admin.topics.englishHint')}
        multiline
      />
    </>
  )
}
