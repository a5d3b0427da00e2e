import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { residentExportPage } from '~/features/residents/rights.server'
import { useTranslation } from '~/i18n/use-translation'
import { PrintButton } from '~/components/print-button'

// /espace/usagers/:residentId/donnees: everything held about the resident, on a page to
// print and hand over (right of access, decision 091). Audited like the JSON file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return residentExportPage(request, params.residentId)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
  { name: 'robots', content: 'noindex' },
]

export default function ResidentData() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const r = data.resident
  const yesNo = (value: boolean) => (value ? t('rights.yes') : t('rights.no'))
  return (
    <div className="page workspace rights-export">
      <p className="no-print">
        <Link to={`/espace/usagers/${r.id}`}>{t('rights.back')}</Link>
      </p>
      <PrintButton />
      <h1>{data.title}</h1>
      <p>{t('rights.intro', { organisation: data.organisation, when: data.exportedAt })}</p>

      <section aria-labelledby="identity-title">
        <h2 id="identity-title">{t('rights.identity')}</h2>
        <dl className="workspace-facts">
          <dt>{t('rights.firstName')}</dt>
          <dd>{r.firstName}</dd>
          <dt>{t('rights.lastName')}</dt>
          <dd>{r.lastName}</dd>
          <dt>{t('rights.phone')}</dt>
          <dd>{r.phone ?? t('rights.none')}</dd>
          <dt>{t('rights.phoneType')}</dt>
          <dd>{r.phoneType ? t(`rights.phoneTypes.${r.phoneType}`) : t('rights.none')}</dd>
          <dt>{t('rights.email')}</dt>
          <dd>{r.email ?? t('rights.none')}</dd>
          <dt>{t('rights.createdVia')}</dt>
          <dd>{t(`rights.channels.${r.createdVia}`)}</dd>
          <dt>{t('rights.createdAt')}</dt>
          <dd>{r.createdAt}</dd>
        </dl>
      </section>

      <section aria-labelledby="preferences-title">
        <h2 id="preferences-title">{t('rights.preferences')}</h2>
        <dl className="workspace-facts">
          <dt>{t('rights.language')}</dt>
          <dd>{r.preferredLanguage === 'en' ? 'English' : 'Français'}</dd>
          <dt>{t('rights.consent')}</dt>
          <dd>{yesNo(r.notificationConsent)}</dd>
          <dt>{t('rights.smsOptedOut')}</dt>
          <dd>{yesNo(r.smsOptedOut)}</dd>
        </dl>
      </section>

      <section aria-labelledby="appointments-title">
        <h2 id="appointments-title">{t('rights.appointments')}</h2>
        {data.appointments.length === 0 ? (
          <p>{t('rights.noAppointments')}</p>
        ) : (
          <ul className="workspace-results">
            {data.appointments.map((row) => (
              <li key={row.id}>
                <strong>{row.startsAt}</strong> · {row.topic} ·{' '}
                {row.place ?? t('workspace.calendar.phone')} · {row.advisor} ·{' '}
                {t(`workspace.calendar.status.${row.status}`)}
                {row.helper.name ? <> · {t('rights.helper', { name: row.helper.name })}</> : null}
                {row.note ? <> · {t('rights.note', { note: row.note })}</> : null}
                {row.cancellationReason ? (
                  <> · {t('rights.cancellationReason', { reason: row.cancellationReason })}</>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="workshops-title">
        <h2 id="workshops-title">{t('rights.workshops')}</h2>
        {data.workshops.length === 0 ? (
          <p>{t('rights.noWorkshops')}</p>
        ) : (
          <ul className="workspace-results">
            {data.workshops.map((row) => (
              <li key={row.id}>
                <strong>{row.startsAt}</strong> · {row.topic} · {row.place} ·{' '}
                {row.waiting ? `${t('rights.waitlist')} : ` : null}
                {t(`workspace.residents.workshopStatus.${row.status}`)}
                {row.companionName ? <> · {t('rights.companion')}</> : null}
                {row.helper ? <> · {t('rights.helper', { name: row.helper })}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="earlier-title">
        <h2 id="earlier-title">{t('rights.earlierSlots')}</h2>
        {data.earlierSlotRequests.length === 0 ? (
          <p>{t('rights.noEarlierSlots')}</p>
        ) : (
          <ul className="workspace-results">
            {data.earlierSlotRequests.map((row) => (
              <li key={row.id}>
                <strong>{row.createdAt}</strong> · {row.topic} ·{' '}
                {row.place ?? t('workspace.calendar.phone')} ·{' '}
                {t(`rights.earlierSlotStatus.${row.status}`)} ·{' '}
                {t('rights.alertsSent', { sent: row.alertsSent, max: row.maxAlerts })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('rights.reports')}</h2>
        {data.activityReports.length === 0 ? (
          <p>{t('rights.noReports')}</p>
        ) : (
          <ul className="workspace-results">
            {data.activityReports.map((row) => (
              <li key={row.id}>
                <strong>{row.date}</strong> · {t(`rights.reportKinds.${row.kind}`)}
                {row.workshopTitle ? ` · ${row.workshopTitle}` : null} · {row.advisor}
                {row.notes ? <> · {t('rights.note', { note: row.notes })}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t('rights.messages')}</h2>
        {data.messages.length === 0 ? (
          <p>{t('rights.noMessages')}</p>
        ) : (
          <ul className="workspace-results">
            {data.messages.map((row) => (
              <li key={row.id}>
                {t(`rights.messageChannels.${row.channel}`)} · {row.kind} · {row.recipient} ·{' '}
                {t(`rights.messageStatus.${row.status}`)} ·{' '}
                {row.sentAt
                  ? t('rights.messageSent', { when: row.sentAt })
                  : t('rights.messageDue', { when: row.dueAt })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('rights.history')}</h2>
        {data.history.length === 0 ? (
          <p>{t('rights.noHistory')}</p>
        ) : (
          <ol className="workspace-history">
            {data.history.map((row) => (
              <li key={row.id}>
                <strong>{row.at}</strong> · {row.by} · {row.action} · {row.summary}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}
