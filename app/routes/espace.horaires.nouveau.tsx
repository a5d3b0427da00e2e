import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import type { RuleFormResult } from '~/features/schedule/page-data'
import { RuleForm } from '~/features/schedule/rule-form'
import { localDateOf } from '~/domain/time/format'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { fixedT } from '~/i18n/i18n.server'
import { ruleAction, scheduleOwner } from '~/features/schedule/actions.server'
import { ruleFormOptions } from '~/features/schedule/views.server'
import { decisionsSchema } from '~/features/schedule/forms.server'
import { maxLengthsOf } from '~/platform/forms.server'

// /espace/horaires/nouveau?conseiller=<id>: a new opening rule (decisions 050–052).
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.manage')
  const [t, options] = await Promise.all([
    fixedT(request),
    ruleFormOptions(signedIn.organisation.id),
  ])
  const name = `${advisor.firstName} ${advisor.lastName}`
  return {
    title: t('workspace.rules.newTitle', { name }),
    advisorId: advisor.id,
    defaultReason: t('workspace.rules.affected.defaultReason'),
    ...options,
    maxLengths: maxLengthsOf(decisionsSchema([])),
    values: {
      weekdays: [],
      startTime: '',
      endTime: '',
      everyNWeeks: '1',
      place: options.sites[0]?.id ?? PHONE_PLACE,
      validFrom: localDateOf(new Date(), signedIn.organisation.timeZone),
      validUntil: '',
      topicIds: [],
      confirmOverlap: '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.manage')
  return ruleAction(request, { signedIn, advisor, stored: null })
}

export default function NewRule() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as RuleFormResult | undefined
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p>
        <Link to={`/espace/horaires?conseiller=${data.advisorId}`}>
          {t('workspace.rules.back')}
        </Link>
      </p>
      <h1>{data.title}</h1>
      <RuleForm
        values={data.values}
        result={result}
        sites={data.sites}
        topics={data.topics}
        updatedAt={null}
        defaultReason={data.defaultReason}
        maxLengths={data.maxLengths}
      />
    </div>
  )
}
