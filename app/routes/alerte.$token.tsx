import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { PhoneNumber } from '~/components/phone-number'
import { SlotSummary } from '~/components/slot-summary'
import { decodeSlotStart } from '~/domain/time/slot-start'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { parseForm } from '~/platform/forms.server'
import {
  alertPageForm,
  alertPageView,
  findByAlertToken,
  pageAfterTaking,
  stopRequest,
  takeEarlierSlot,
} from '~/features/alerts/index.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// The earlier-slot alert's link: the time it offers and "Prendre ce créneau"; when that
// time is gone, the earlier ones free now, a button each; and stopping the alerts. Every
// button is a form of its own: it works without JavaScript.

async function requireAlert(token: string | undefined) {
  const alert = token ? await findByAlertToken(db(), token) : null
  if (!alert) throw new Response('Not found', { status: 404 })
  return alert
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const alert = await requireAlert(params.token)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const url = new URL(request.url)
  return {
    ...(await alertPageView(db(), alert, language, new Date())),
    created: url.searchParams.has('nouveau'),
    justTaken: url.searchParams.has('pris'),
    title: t('alerts.page.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
  { name: 'robots', content: 'noindex' },
]

export async function action({ params, request }: ActionFunctionArgs) {
  const alert = await requireAlert(params.token)
  const page = `/alerte/${params.token}`
  const parsed = parseForm(await request.formData(), alertPageForm)
  if (!parsed.ok) return redirect(page, { status: 303 })
  if (parsed.value.alert === 'stop') {
    await stopRequest(db(), alert.id, { kind: 'RESIDENT' })
    return redirect(page, { status: 303 })
  }
  const start = decodeSlotStart(parsed.value.start)
  if (!start) return redirect(page, { status: 303 })
  const outcome = await takeEarlierSlot(db(), alert.id, start, new Date())
  if (outcome.ok) {
    const next = await pageAfterTaking(db(), outcome.appointmentId, outcome.moved)
    return redirect(next ?? page, { status: 303 })
  }
  return redirect(outcome.reason === 'TAKEN' ? `${page}?pris=1` : page, { status: 303 })
}

function TakeButton({ start, label }: { start: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="alert" value="take" />
      <input type="hidden" name="start" value={start} />
      <button type="submit">{label}</button>
    </Form>
  )
}

export default function EarlierSlotAlert() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const bookAgain = (
    <p>
      <Link to={data.bookAgainPath} className="button">
        {t('alerts.page.bookAgain')}
      </Link>
    </p>
  )
  return (
    <div className="page">
      <h1>{t('alerts.page.title')}</h1>
      {data.created && data.state === 'WAITING' ? (
        <p className="notice notice-success" role="status">
          {t('alerts.page.created')}
        </p>
      ) : null}
      {data.justTaken ? (
        <p className="notice" role="alert">
          {t('alerts.page.justTaken')}
        </p>
      ) : null}

      {data.state === 'OFFER' ? (
        <>
          <p>{t('alerts.page.offer')}</p>
          <SlotSummary topicName={data.topic.name} when={data.offer.when} site={data.site} />
          {data.current ? (
            <p>
              {t('alerts.page.current')} : {data.current}
            </p>
          ) : null}
          <p>{t(data.current ? 'alerts.page.takeMoves' : 'alerts.page.takeBooks')}</p>
          <TakeButton start={data.offer.start} label={t('alerts.page.take')} />
        </>
      ) : (
        <p className="meta">
          {data.topic.name}
          {data.site ? ` · ${data.site.name}` : ''}
        </p>
      )}

      {data.state === 'STALE' ? (
        <>
          {data.justTaken ? null : (
            <p className="notice" role="status">
              {t('alerts.page.stale', { when: data.offered })}
            </p>
          )}
          {data.current ? (
            <p>
              {t('alerts.page.current')} : {data.current}
            </p>
          ) : null}
          {data.others.length > 0 ? (
            <>
              <h2>{t('alerts.page.others')}</h2>
              <p>{t(data.current ? 'alerts.page.takeMoves' : 'alerts.page.takeBooks')}</p>
              <ul className="slot-list">
                {data.others.map((other) => (
                  <li key={other.start}>
                    <TakeButton
                      start={other.start}
                      label={t('alerts.page.takeOther', { when: other.when })}
                    />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('alerts.page.noOthers')}</p>
          )}
          {data.canStop ? <p>{t('alerts.page.keepsWatching')}</p> : null}
        </>
      ) : null}

      {data.state === 'WAITING' ? (
        <>
          {data.current ? (
            <p>
              {t('alerts.page.current')} : {data.current}
            </p>
          ) : null}
          <p>{t('alerts.page.waiting')}</p>
        </>
      ) : null}

      {data.state === 'TAKEN' ? (
        <>
          <p>{t('alerts.page.taken')}</p>
          {data.current ? (
            <p>
              {t('alerts.page.current')} : {data.current}
            </p>
          ) : null}
          {data.manageLink ? (
            <p>
              <Link to={data.manageLink} className="button">
                {t('alerts.page.manage')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}

      {data.state === 'ENDED' ? (
        <>
          <p>{t('alerts.page.ended')}</p>
          {bookAgain}
        </>
      ) : null}

      {data.state === 'STOPPED' ? (
        <>
          <p>{t('alerts.page.stopped')}</p>
          {data.manageLink ? (
            <p>
              <Link to={data.manageLink}>{t('alerts.page.manage')}</Link>
            </p>
          ) : (
            bookAgain
          )}
        </>
      ) : null}

      {data.canStop ? (
        <section aria-labelledby="stop-title">
          <h2 id="stop-title">{t('alerts.page.stop')}</h2>
          <p>{t('alerts.page.sent', { sent: data.alertsSent, max: data.maxAlerts })}</p>
          <Form method="post">
            <input type="hidden" name="alert" value="stop" />
            <input type="hidden" name="start" value="" />
            <button type="submit" className="button-secondary">
              {t('alerts.page.stop')}
            </button>
          </Form>
        </section>
      ) : null}

      {data.contactPhone ? (
        <p>
          {t('alerts.page.callUs')} <PhoneNumber e164={data.contactPhone} />
        </p>
      ) : null}
    </div>
  )
}
