import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import {
  mergeResidents,
  residentAppointments,
  residentRecord,
} from '~/features/residents/directory.server'
import { ChoiceGroup, ErrorSummary, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { mergeForm } from '~/features/residents/forms.server'
import { formReply, parseForm } from '~/platform/forms.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { fixedT } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'

// /espace/usagers/:residentId/fusionner?avec=<id>: merge two records of the same person
// (decision 062). Both must be of the reader's organisation (404 otherwise).

async function load(request: Request, id: string | undefined, otherId: string | null) {
  const signedIn = await requireAdvisor(request)
  const [first, second] = await Promise.all([
    residentRecord(db(), id ?? ''),
    residentRecord(db(), otherId ?? ''),
  ])
  // Another organisation's (or a missing) record is 404 whatever the other one is.
  const outside = (resident: typeof first) =>
    !resident || resident.organisationId !== signedIn.actor.organisationId
  for (const resident of [...[first, second].filter(outside), first, second]) {
    requirePermission(
      signedIn.actor,
      'resident.merge',
      resident ? { organisationId: resident.organisationId } : null,
    )
  }
  return { signedIn, first: first!, second: second! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { first, second } = await load(request, params.residentId, url.searchParams.get('avec'))
  const t = await fixedT(request)
  const describe = async (resident: typeof first) => ({
    id: resident.id,
    updatedAt: resident.updatedAt.toISOString(),
    name: `${resident.firstName} ${resident.lastName}`,
    phone: resident.phoneE164 ? formatPhoneForDisplay(resident.phoneE164) : null,
    email: resident.email,
    appointments: (await residentAppointments(db(), resident.id)).length,
  })
  return {
    title: t('workspace.residents.mergeTitle'),
    same: first.id === second.id,
    records: [await describe(first), await describe(second)],
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { problem?: 'SAME_RECORD' | 'STALE' }

export async function action({ request, params }: ActionFunctionArgs) {
  const url = new URL(request.url)
  const { signedIn, first, second } = await load(
    request,
    params.residentId,
    url.searchParams.get('avec'),
  )
  const form = await request.formData()
  const parsed = parseForm(form, mergeForm(first.id, second.id))
  if (!parsed.ok) return Response.json(parsed.reply satisfies ActionData, { status: 400 })
  const kept = parsed.value.keep === first.id ? first : second
  const duplicate = kept === first ? second : first
  const stamp = (name: string) => new Date(String(form.get(name) ?? ''))
  const outcome = await mergeResidents(db(), signedIn.actor, {
    keptId: kept.id,
    duplicateId: duplicate.id,
    keptUpdatedAt: stamp(`updatedAt-${kept.id}`),
    duplicateUpdatedAt: stamp(`updatedAt-${duplicate.id}`),
  })
  if (!outcome.ok) {
    if (outcome.problem === 'OTHER_ORGANISATION') throw new Response('Not found', { status: 404 })
    const reply = { ...formReply(parsed.values), problem: outcome.problem }
    return Response.json(reply satisfies ActionData, {
      status: outcome.problem === 'SAME_RECORD' ? 400 : 409,
    })
  }
  return redirect(`/espace/usagers/${kept.id}?fusionne=1`)
}

export default function MergeResidents() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const [first] = data.records
  const problem = actionData?.problem ?? (data.same ? 'SAME_RECORD' : null)
  const form = useForm({
    reply: actionData,
    defaults: { keep: first!.id },
    labels: { keep: t('workspace.residents.keep') },
    messages: { keep: { REQUIRED: 'workspace.residents.keepRequired' } },
  })
  return (
    <div className="page workspace">
      <p>
        <Link to={`/espace/usagers/${first!.id}`}>{t('workspace.residents.backToResident')}</Link>
      </p>
      <h1>{data.title}</h1>
      <ErrorSummary form={form} />
      {problem ? (
        <p className="notice error" role="alert" id="merge-problem">
          {t(`workspace.residents.mergeProblems.${problem}`)}
        </p>
      ) : null}
      {data.same ? null : (
        <Form method="post" noValidate>
          <p>{t('workspace.residents.mergeIntro')}</p>
          {data.records.map((record) => (
            <input
              key={record.id}
              type="hidden"
              name={`updatedAt-${record.id}`}
              value={record.updatedAt}
            />
          ))}
          <ChoiceGroup
            form={form}
            name="keep"
            type="radio"
            options={data.records.map((record) => ({
              value: record.id,
              label: t('workspace.residents.keepRecord', {
                name: record.name,
                contact:
                  [record.phone, record.email].filter(Boolean).join(', ') ||
                  t('workspace.residents.noContact'),
                count: record.appointments,
              }),
            }))}
          />
          <button type="submit">{t('workspace.residents.mergeSubmit')}</button>
        </Form>
      )}
    </div>
  )
}
