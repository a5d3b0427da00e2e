import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import { AffectedAppointments, useAffectedFields } from '~/features/schedule/affected-appointments'
import type { RuleFormResult } from '~/features/schedule/page-data'
import { RuleForm } from '~/features/schedule/rule-form'
import { db } from '~/platform/database/client.server'
import { openingRuleById } from '~/features/schedule/opening-rules.server'
import { ruleOfRow } from '~/features/schedule/rule-rows.server'
import { localDateOf } from '~/domain/time/format'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { fixedT } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { ruleAction, scheduleOwner } from '~/features/schedule/actions.server'
import { ruleFormOptions } from '~/features/schedule/views.server'
import { decisionsSchema } from '~/features/schedule/forms.server'
import { maxLengthsOf } from '~/platform/forms.server'

// /espace/horaires/<rule>: change or end one opening rule; a rule is never deleted, so
// the history of its appointments keeps its meaning (decision 050).
async function load(request: Request, ruleId: string | undefined) {
  const signedIn = await requireAdvisor(request)
  const rule = await openingRuleById(db(), ruleId ?? '')
  requirePermission(
    signedIn.actor,
    'schedule.manage',
    rule ? { organisationId: rule.advisor.organisationId, advisorId: rule.advisorId } : null,
  )
  const owner = await scheduleOwner(request, 'schedule.manage', rule!.advisorId)
  return { ...owner, rule: rule! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, advisor, rule } = await load(request, params.ruleId)
  const [t, options] = await Promise.all([
    fixedT(request),
    ruleFormOptions(signedIn.organisation.id),
  ])
  const name = `${advisor.firstName} ${advisor.lastName}`
  return {
    title: t('workspace.rules.editTitle', { name }),
    advisorId: advisor.id,
    updatedAt: rule.updatedAt.toISOString(),
    defaultReason: t('workspace.rules.affected.defaultReason'),
    today: localDateOf(new Date(), signedIn.organisation.timeZone),
    ...options,
    maxLengths: maxLengthsOf(decisionsSchema([])),
    values: {
      weekdays: [...rule.weekdays],
      startTime: rule.startTime,
      endTime: rule.endTime,
      everyNWeeks: String(rule.everyNWeeks),
      place: rule.siteId ?? PHONE_PLACE,
      validFrom: rule.validFrom,
      validUntil: rule.validUntil ?? '',
      topicIds: rule.topics.map((topic) => topic.topicId),
      confirmOverlap: '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, advisor, rule } = await load(request, params.ruleId)
  return ruleAction(request, {
    signedIn,
    advisor,
    stored: { id: rule.id, updatedAt: rule.updatedAt, rule: ruleOfRow(rule) },
  })
}

export default function EditRule() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as RuleFormResult | undefined
  const { t } = useTranslation()
  const ending = result?.form === 'end' ? result : undefined
  const affected = useAffectedFields()
  const endForm = useForm({
    reply: ending,
    defaults: { endDate: data.values.validUntil || data.today },
    maxLengths: data.maxLengths,
    labels: { endDate: t('workspace.rules.endDate'), ...affected.labels },
    messages: affected.messages,
    idPrefix: 'end',
  })
  return (
    <div className="page workspace">
      <p>
        <Link to={`/espace/horaires?conseiller=${data.advisorId}`}>
          {t('workspace.rules.back')}
        </Link>
      </p>
      <h1>{data.title}</h1>
      {result?.problem === 'STALE' ? (
        <p className="notice error" role="alert">
          {t('workspace.rules.stale')}
        </p>
      ) : null}
      <RuleForm
        key={data.updatedAt}
        values={data.values}
        result={result?.problem ? undefined : result}
        sites={data.sites}
        topics={data.topics}
        updatedAt={data.updatedAt}
        defaultReason={data.defaultReason}
        maxLengths={data.maxLengths}
      />
      <section aria-labelledby="end-title">
        <h2 id="end-title">{t('workspace.rules.endTitle')}</h2>
        <Form method="post" noValidate key={data.updatedAt}>
          <ErrorSummary form={endForm} />
          <input type="hidden" name="updatedAt" value={data.updatedAt} />
          <TextField
            form={endForm}
            name="endDate"
            hint={t('workspace.rules.endHint')}
            type="date"
          />
          {ending?.affected && ending.affected.length > 0 ? (
            <AffectedAppointments
              form={endForm}
              affected={ending.affected}
              defaultReason={data.defaultReason}
              changed={ending.changed ?? false}
            />
          ) : null}
          <button type="submit" name="intent" value="end">
            {ending?.affected && ending.affected.length > 0
              ? t('workspace.rules.affected.confirm')
              : t('workspace.rules.endSubmit')}
          </button>
        </Form>
      </section>
    </div>
  )
}
