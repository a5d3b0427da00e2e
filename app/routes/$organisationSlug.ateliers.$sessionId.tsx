import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  ConsentAndRobotTrap,
  HelperContactFields,
  ResidentContactFields,
  useContactForm,
} from '~/components/contact-fields'
import { ErrorSummary, TextField } from '~/components/form'
import { SeatsLeft, WorkshopSummary, SeriesDates } from '~/components/workshop-session'
import { requireOrganisation } from '~/features/journey/index.server'
import { workshopPaths } from '~/features/workshops/paths'
import { findPublicSession } from '~/features/workshops/public-sessions.server'
import {
  registrationMaxLengths,
  startRegistrationNonce,
  submitSessionForm,
  type SessionFormAnswer,
} from '~/features/workshops/registration-form.server'
import { languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import type { LoadContext } from '~/platform/http/app.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// A workshop session's page: what, when, where, level, what to bring and the seats left,
// then registering in one step (the journey's contact fields, and a companion), or, when
// it is full, joining its waiting list with the same fields. Works without JavaScript.

const notFound = () => new Response('Not found', { status: 404 })

async function sessionOfPage(
  params: { organisationSlug?: string; sessionId?: string },
  request: Request,
) {
  const organisation = await requireOrganisation(params.organisationSlug)
  const language = await languageOf(request)
  const found = await findPublicSession(
    organisation.id,
    params.sessionId ?? '',
    language,
    new Date(),
  )
  if (!found) throw notFound()
  return { organisation, language, ...found }
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { organisation, session, seriesDates } = await sessionOfPage(params, request)
  // The nonce that recognises this browser's registration sent twice (a double click).
  const cookie = session.availability.kind === 'OPEN' ? await startRegistrationNonce(request) : null
  return data(
    {
      organisation: { name: organisation.name, slug: organisation.slug },
      session,
      seriesDates,
      maxLengths: registrationMaxLengths(),
      title: session.topicName,
    },
    cookie ? { headers: { 'Set-Cookie': cookie } } : undefined,
  )
}

// The seats left are live, and the answer may set this browser's nonce: never cached.
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.title} · ${page.organisation.name}` : 'Permanence' },
]

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { organisation, session, language } = await sessionOfPage(params, request)
  const result = await submitSessionForm({
    form: await request.formData(),
    organisation,
    sessionId: session.id,
    availability: session.availability,
    request,
    language,
    clientAddress: (context as LoadContext).clientAddress,
    now: new Date(),
  })
  if (result.kind === 'notFound') throw notFound()
  if (result.kind === 'done')
    return redirect(result.to, {
      status: 303,
      headers: result.setCookie ? { 'Set-Cookie': result.setCookie } : undefined,
    })
  return data(result.answer, { status: result.status })
}

export default function WorkshopSession() {
  const page = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as SessionFormAnswer | undefined
  const { t } = useTranslation()
  const { session } = page
  const kind = session.availability.kind
  // After a refusal, the form the answer names (the waiting list once the last seat went);
  // otherwise the one the seats call for.
  const shown = answer
    ? answer.form
    : kind === 'OPEN'
      ? 'register'
      : kind === 'FULL'
        ? 'waitlist'
        : null
  const register = shown === 'register'
  const form = useContactForm({
    reply: answer?.reply,
    defaults: null,
    maxLengths: page.maxLengths,
    idPrefix: 'registration',
    labels: { companionName: t('publicWorkshops.session.companionShort') },
    words: 'publicWorkshops.contact',
  })
  const companion = form.field('companionName')
  const notice = answer?.notice ? t(`publicWorkshops.refusal.${answer.notice}`) : null
  return (
    <div className="page">
      <p className="back-link">
        <Link to={workshopPaths(page.organisation.slug).list()}>
          ← {t('publicWorkshops.session.back')}
        </Link>
      </p>
      <h1>{session.topicName}</h1>
      {notice ? (
        <div className="error-summary" role="alert">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} />
      <WorkshopSummary session={session} />
      {kind === 'CLOSED' ? null : <SeatsLeft availability={session.availability} />}
      {page.seriesDates.length > 1 ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">{t('publicWorkshops.session.seriesTitle')}</h2>
          <p>{t('publicWorkshops.session.seriesIntro')}</p>
          <SeriesDates dates={page.seriesDates} />
        </section>
      ) : null}
      {shown ? (
        <section aria-labelledby="form-title">
          <h2 id="form-title">
            {t(
              register
                ? 'publicWorkshops.session.registerTitle'
                : 'publicWorkshops.session.waitlistTitle',
            )}
          </h2>
          {register ? null : <p>{t('publicWorkshops.session.waitlistIntro')}</p>}
          <p>{t('publicWorkshops.session.intro')}</p>
          <Form method="post" id="registration" noValidate>
            <input type="hidden" name="intent" value={shown} />
            <ResidentContactFields form={form} isPhone={false} />
            <HelperContactFields form={form} words="publicWorkshops.contact" />
            {register ? (
              <details className="helper" open={Boolean(companion.value || companion.error)}>
                <summary>{t('publicWorkshops.session.companion')}</summary>
                <TextField
                  form={form}
                  name="companionName"
                  label={t('publicWorkshops.session.companionName')}
                  hint={t('publicWorkshops.session.companionWhy')}
                  autoComplete="off"
                />
              </details>
            ) : null}
            <ConsentAndRobotTrap
              form={form}
              consent={{
                label: t('publicWorkshops.session.consent'),
                hint: t('publicWorkshops.session.consentWhy'),
              }}
            />
            <button type="submit">
              {t(
                register
                  ? 'publicWorkshops.session.register'
                  : 'publicWorkshops.session.joinWaitlist',
              )}
            </button>
          </Form>
        </section>
      ) : (
        <p className="notice">
          {t(
            session.cancelled
              ? 'publicWorkshops.session.cancelled'
              : 'publicWorkshops.session.closed',
          )}
        </p>
      )}
    </div>
  )
}
