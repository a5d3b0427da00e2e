import { Form, Link } from '@remix-run/react'
import {
  Choice,
  ChoiceGroup,
  ErrorSummary,
  FieldGroup,
  SelectField,
  TextField,
  useForm,
  type FormView,
} from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import {
  AGE_BANDS,
  AUTONOMY,
  COOP_THEMES,
  DURATIONS_MINUTES,
  EQUIPMENT,
  GENDERS,
  LEVELS,
  PLACE_TYPES,
  REFERRAL_STRUCTURES,
  SOCIAL_STATUSES,
} from '~/domain/reports/coop'
import {
  COUNT_FIELDS,
  COUNT_GROUPS,
  countField,
  countGroupField,
  type CountGroup,
} from '~/domain/reports/report'
import { useTranslation } from '~/i18n/use-translation'
import type { Translate } from '~/i18n/translate'
import { REPORTS_PATH } from './paths'
import type { ReportFormData, reportPage } from './pages.server'

// The one screen of a report (decision 085): what the app knows, shown; La Coop's fields,
// pre-filled where it can; one button. Every field is a plain input, so Tab, Space and
// Enter file it without a mouse.

type PageData = Awaited<ReturnType<typeof reportPage>>

// La Coop's digital themes come first, then the administrative procedures.
const FIRST_PROCEDURE = COOP_THEMES.indexOf('PapiersElectionsCitoyennete')
const THEME_GROUPS = [
  { key: 'digital', themes: COOP_THEMES.slice(0, FIRST_PROCEDURE) },
  { key: 'procedures', themes: COOP_THEMES.slice(FIRST_PROCEDURE) },
] as const

const options = (t: Translate, list: string, codes: readonly string[], empty = false) => [
  ...(empty ? [{ value: '', label: t('reports.form.notSaid') }] : []),
  ...codes.map((code) => ({ value: code, label: t(`coop.${list}.${code}`) })),
]

function labelsOf(t: Translate, data: PageData) {
  const label = (field: string) => t(`reports.form.${field}`)
  const common = ['duration', 'customDuration', 'placeType', 'siteId', 'placeCommune']
  const individual = [
    'beneficiary',
    'alreadyAccompanied',
    'residenceCommune',
    'gender',
    'ageBand',
    'socialStatus',
    'autonomy',
    'referred',
    'referralStructure',
  ]
  const collective = ['participantIds', 'workshopTitle', 'workshopLevel']
  const end = ['themes', 'procedureDetails', 'equipment', 'notes']
  const named = [
    ...common,
    'placePostalCode',
    ...end.slice(0, 1),
    ...(data.kind === 'INDIVIDUAL' ? individual : collective),
    ...end.slice(1),
  ]
  const labels = Object.fromEntries(named.map((field) => [field, label(field)]))
  if (data.kind === 'COLLECTIVE') {
    labels.anonTotal = label('anonTotal')
    labels.anonAlreadyAccompanied = label('anonAlreadyAccompanied')
    for (const [group, codes] of Object.entries(COUNT_GROUPS)) {
      labels[countGroupField(group as CountGroup)] = label(`count.${group}`)
      for (const code of codes) {
        labels[countField(group as CountGroup, code)] =
          `${label(`count.${group}`)} : ${t(`coop.${group}.${code}`)}`
      }
    }
  }
  return labels
}

function Facts({ data }: { data: PageData }) {
  const { t } = useTranslation()
  return (
    <dl className="workspace-facts">
      <dt>{t('reports.form.when')}</dt>
      <dd>{data.when}</dd>
      <dt>{t('reports.form.topic')}</dt>
      <dd>{data.facts.topic}</dd>
      {data.facts.resident ? (
        <>
          <dt>{t('reports.form.resident')}</dt>
          <dd>{data.facts.resident}</dd>
        </>
      ) : null}
      <dt>{t('reports.form.place')}</dt>
      <dd>{data.facts.place}</dd>
      <dt>{t('reports.form.advisor')}</dt>
      <dd>{data.facts.advisor}</dd>
    </dl>
  )
}

function CommonFields({ form, data }: { form: FormView; data: PageData }) {
  const { t } = useTranslation()
  return (
    <>
      <ChoiceGroup
        form={form}
        name="duration"
        className="choices-inline"
        type="radio"
        options={[
          ...DURATIONS_MINUTES.map((minutes) => ({
            value: String(minutes),
            label: t('reports.form.minutes', { count: minutes }),
          })),
          { value: 'custom', label: t('reports.form.customChoice') },
        ]}
      />
      <TextField form={form} name="customDuration" hint={t('reports.form.customDurationHint')} />
      <ChoiceGroup
        form={form}
        name="placeType"
        className="choices-inline"
        type="radio"
        options={options(t, 'placeType', PLACE_TYPES)}
      />
      <SelectField
        form={form}
        name="siteId"
        hint={t('reports.form.siteIdHint')}
        options={[{ value: '', label: t('reports.form.notSaid') }, ...data.sites]}
      />
      <TextField form={form} name="placeCommune" hint={t('reports.form.placeCommuneHint')} />
      <TextField form={form} name="placePostalCode" />
      <FieldGroup form={form} name="themes" hint={t('reports.form.themesHint')}>
        {THEME_GROUPS.map((group) => (
          <fieldset key={group.key} className="report-theme-group">
            <legend>{t(`reports.form.themeGroup.${group.key}`)}</legend>
            {group.themes.map((theme) => (
              <Choice
                key={theme}
                form={form}
                name="themes"
                value={theme}
                label={t(`coop.theme.${theme}`)}
                inGroup
              />
            ))}
          </fieldset>
        ))}
      </FieldGroup>
    </>
  )
}

function IndividualFields({ form, data }: { form: FormView; data: PageData }) {
  const { t } = useTranslation()
  return (
    <>
      <ChoiceGroup
        form={form}
        name="beneficiary"
        type="radio"
        options={[
          {
            value: 'KNOWN',
            label: t('reports.form.known', { name: data.facts.resident ?? '' }),
          },
          { value: 'ANONYMOUS', label: t('reports.form.anonymous') },
        ]}
      />
      <Choice form={form} name="alreadyAccompanied" label={t('reports.form.alreadyAccompanied')} />
      <TextField form={form} name="residenceCommune" />
      <ChoiceGroup
        form={form}
        name="gender"
        className="choices-inline"
        type="radio"
        options={options(t, 'gender', GENDERS)}
      />
      <SelectField form={form} name="ageBand" options={options(t, 'ageBand', AGE_BANDS, true)} />
      <SelectField
        form={form}
        name="socialStatus"
        options={options(t, 'socialStatus', SOCIAL_STATUSES, true)}
      />
      <ChoiceGroup
        form={form}
        name="autonomy"
        className="choices-inline"
        type="radio"
        options={options(t, 'autonomy', AUTONOMY)}
      />
      <Choice form={form} name="referred" label={t('reports.form.referred')} />
      <SelectField
        form={form}
        name="referralStructure"
        hint={t('reports.form.referralStructureHint')}
        options={options(t, 'referralStructure', REFERRAL_STRUCTURES, true)}
      />
    </>
  )
}

function CollectiveFields({ form, data }: { form: FormView; data: PageData }) {
  const { t } = useTranslation()
  return (
    <>
      {data.registered.length > 0 ? (
        <ChoiceGroup
          form={form}
          name="participantIds"
          type="checkbox"
          hint={t('reports.form.participantIdsHint')}
          options={data.registered}
        />
      ) : (
        <p>{t('reports.form.nobodyRegistered')}</p>
      )}
      <fieldset className="field report-counts">
        <legend>{t('reports.form.anonymousLegend')}</legend>
        <p className="hint">{t('reports.form.anonymousHint')}</p>
        <TextField form={form} name="anonTotal" />
        <TextField form={form} name="anonAlreadyAccompanied" />
        {(Object.keys(COUNT_GROUPS) as CountGroup[]).map((group) => (
          <FieldGroup
            key={group}
            form={form}
            name={countGroupField(group)}
            className="report-count-group"
          >
            {COUNT_GROUPS[group].map((code) => (
              <TextField
                key={code}
                form={form}
                name={countField(group, code)}
                label={t(`coop.${group}.${code}`)}
              />
            ))}
          </FieldGroup>
        ))}
      </fieldset>
      <TextField form={form} name="workshopTitle" />
      <ChoiceGroup
        form={form}
        name="workshopLevel"
        className="choices-inline"
        type="radio"
        options={options(t, 'level', LEVELS)}
      />
    </>
  )
}

/** The report's page: its facts, its notices, its form. */
export function ReportPage({
  data,
  actionData,
}: {
  data: PageData
  actionData: ReportFormData | undefined
}) {
  const { t } = useTranslation()
  const stale = actionData?.problem === 'STALE'
  const form = useForm({
    reply: stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels: labelsOf(t, data),
    messages: {
      themes: { REQUIRED: 'reports.form.themesRequired' },
      beneficiary: { REQUIRED: 'reports.form.beneficiaryRequired' },
      siteId: { REQUIRED: 'reports.form.siteRequired' },
      placeCommune: { REQUIRED: 'reports.form.communeRequired' },
      referralStructure: { REQUIRED: 'reports.form.referralRequired' },
      customDuration: { REQUIRED: 'reports.form.customDurationRequired' },
      ...Object.fromEntries(
        COUNT_FIELDS.map((name) => [name, { OUT_OF_RANGE: 'reports.form.countRange' }]),
      ),
    },
  })
  const notice =
    data.notice === 'deja'
      ? t('reports.form.already')
      : data.notice === 'enregistre' && !actionData
        ? t('reports.form.saved')
        : null
  return (
    <div className="page workspace workspace-wide">
      <p className="back-link">
        <Link to={REPORTS_PATH}>{t('reports.toDo.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={notice} />
      <Notice text={stale ? t('reports.form.stale') : null} kind="alert" />
      {data.status === 'DECLINED' ? <p>{t('reports.form.wasDeclined')}</p> : null}
      <Facts data={data} />
      <ErrorSummary form={form} />
      <Form method="post" noValidate key={data.version || 'new'} className="report-form">
        <input type="hidden" name="version" value={data.version} />
        <CommonFields form={form} data={data} />
        {data.kind === 'INDIVIDUAL' ? (
          <IndividualFields form={form} data={data} />
        ) : (
          <CollectiveFields form={form} data={data} />
        )}
        <TextField form={form} name="procedureDetails" />
        <ChoiceGroup
          form={form}
          name="equipment"
          className="choices-inline"
          type="checkbox"
          options={options(t, 'equipment', EQUIPMENT)}
        />
        <TextField form={form} name="notes" hint={t('reports.form.notesHint')} multiline />
        <button type="submit">
          {data.status === 'FILED' ? t('reports.form.saveChanges') : t('reports.form.submit')}
        </button>
      </Form>
    </div>
  )
}
