import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Choice, ErrorSummary, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { eraseResident, residentToErase, upcomingLines } from '~/features/residents/erase.server'
import { eraseForm } from '~/features/residents/forms.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { parseForm } from '~/platform/forms.server'

// /espace/usagers/:residentId/effacer: erase a resident's personal data (decision 090),
// after a confirmation that lists what is cancelled with notice. Admins and reception.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, resident } = await residentToErase(request, params.residentId)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.actor.organisationId },
    select: { timeZone: true },
  })
  const erased = resident.anonymisedAt !== null
  return {
    title: erased
      ? t('retention.erase.anonymous')
      : t('retention.erase.title', { name: `${resident.firstName} ${resident.lastName}` }),
    id: resident.id,
    erased,
    done: new URL(request.url).searchParams.get('efface') === '1',
    upcoming: erased
      ? []
      : await upcomingLines(db(), resident.id, organisation.timeZone, language, new Date()),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, resident } = await residentToErase(request, params.residentId)
  const parsed = parseForm(await request.formData(), eraseForm)
  if (!parsed.ok) return Response.json(parsed.reply satisfies FormReply, { status: 400 })
  await eraseResident(db(), signedIn.actor, resident.id, new Date())
  return redirect(`/espace/usagers/${resident.id}/effacer?efface=1`)
}

export default function EraseResident() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply,
    labels: { confirm: t('retention.erase.confirm') },
    messages: {
      confirm: {
        REQUIRED: 'retention.erase.confirmRequired',
        INVALID_CHOICE: 'retention.erase.confirmRequired',
      },
    },
  })
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={`/espace/usagers/${data.id}`}>{t('retention.erase.cancel')}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.erased ? (
        <p className="notice notice-success" role="status">
          {t(data.done ? 'retention.erase.done' : 'retention.erase.already')}
        </p>
      ) : (
        <>
          <ErrorSummary form={form} />
          <p>{t('retention.erase.intro')}</p>
          {data.upcoming.length > 0 ? (
            <>
              <p>{t('retention.erase.upcoming', { count: data.upcoming.length })}</p>
              <ul>
                {data.upcoming.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('retention.erase.none')}</p>
          )}
          <Form method="post" noValidate>
            <Choice form={form} name="confirm" label={t('retention.erase.confirm')} />
            <button type="submit" className="button-danger">
              {t('retention.erase.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
