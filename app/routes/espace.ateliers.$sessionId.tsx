import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ATTENDANCE_MARKS } from '~/domain/workshops/participants'
import {
  submitAttendance,
  type AttendanceData,
} from '~/features/workshops/participant-pages.server'
import { sessionPage } from '~/features/workshops/session-pages.server'
import { workspaceSessionPath, WORKSHOPS_PATH } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/<id>: a workshop session, its participants and their attendance.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  sessionPage(request, params.sessionId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitAttendance(request, params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SessionPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as AttendanceData | undefined
  const { t } = useTranslation()
  const s = data.session
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={WORKSHOPS_PATH}>{t('workspace.workshops.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.notice && !actionData ? (
        <p className="notice notice-success" role="status">
          {t(`workspace.workshops.notice.${data.notice.key}`, { count: data.notice.count })}
        </p>
      ) : null}
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.workshops.attendance.${actionData.problem}`)}
        </p>
      ) : null}
      {s.cancelled ? (
        <p className="notice error">
          {t('workspace.workshops.cancelledNotice', { reason: s.reason ?? '' })}
        </p>
      ) : null}
      <dl className="workspace-facts">
        <dt>{t('workspace.workshops.when')}</dt>
        <dd>
          {s.day}, {s.time}
        </dd>
        <dt>{t('workspace.workshops.site')}</dt>
        <dd>{s.site}</dd>
        <dt>{t('workspace.workshops.advisors')}</dt>
        <dd>{s.advisors}</dd>
        <dt>{t('workspace.workshops.form.level')}</dt>
        <dd>{t(`workspace.workshops.level.${s.level}`)}</dd>
        <dt>{t('workspace.workshops.form.whatToBring')}</dt>
        <dd>{s.whatToBring ?? '—'}</dd>
        <dt>{t('workspace.workshops.seats')}</dt>
        <dd>{s.seats}</dd>
        <dt>{t('workspace.workshops.waiting')}</dt>
        <dd>{s.waiting}</dd>
      </dl>
      {s.series ? (
        <section aria-labelledby="series-title">
          <h2 id="series-title">
            {t(`workspace.workshops.series.${s.series.enrolment}`, {
              count: s.series.sessions.length,
            })}
          </h2>
          <ol className="workspace-links">
            {s.series.sessions.map((other) => (
              <li key={other.id}>
                {other.current ? (
                  <strong aria-current="page">{other.when}</strong>
                ) : (
                  <Link to={workspaceSessionPath(other.id)}>{other.when}</Link>
                )}
                {other.cancelled ? ` · ${t('workspace.workshops.cancelled')}` : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <ul className="workspace-links no-print">
        {data.report ? (
          <li>
            <Link to={data.report.path}>
              {data.report.filed ? t('reports.seeLink') : t('reports.writeLink')}
            </Link>
          </li>
        ) : null}
        {data.mayRegister ? (
          <li>
            <Link to={workspaceSessionPath(s.id, 'inscrire')}>
              {t('workspace.workshops.registerLink')}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to={workspaceSessionPath(s.id, 'emargement')}>
            {t('workspace.workshops.sheetLink')}
          </Link>
        </li>
        {data.mayManage ? (
          <>
            <li>
              <Link to={workspaceSessionPath(s.id, 'modifier')}>
                {t('workspace.workshops.changeLink')}
              </Link>
            </li>
            <li>
              <Link to={workspaceSessionPath(s.id, 'annuler')}>
                {t('workspace.workshops.cancelLink')}
              </Link>
            </li>
          </>
        ) : null}
      </ul>

      <section aria-labelledby="participants" className="workspace-participants">
        <h2 id="participants" tabIndex={-1}>
          {t('workspace.workshops.participants', { count: data.participants.length })}
        </h2>
        {data.mayMark && !data.started ? (
          <p className="hint">{t('workspace.workshops.attendance.later')}</p>
        ) : null}
        {data.participants.length === 0 ? (
          <p>{t('workspace.workshops.noParticipant')}</p>
        ) : (
          <table className="workspace-table">
            <thead>
              <tr>
                <th scope="col">{t('workspace.workshops.name')}</th>
                <th scope="col">{t('workspace.workshops.phone')}</th>
                <th scope="col">{t('workspace.workshops.status')}</th>
                <th scope="col">{t('workspace.workshops.companion')}</th>
                {data.mayMark && data.started ? (
                  <th scope="col">{t('workspace.workshops.attendance.title')}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {data.participants.map((participant) => (
                <tr key={participant.id}>
                  <td>
                    {participant.with ? (
                      participant.name
                    ) : (
                      <Link to={`/espace/usagers/${participant.residentId}`}>
                        {participant.name}
                      </Link>
                    )}
                  </td>
                  <td data-label={t('workspace.workshops.phone')} className="workspace-nowrap">
                    {participant.phone ?? participant.email ?? '—'}
                  </td>
                  <td data-label={t('workspace.workshops.status')}>
                    {t(`workspace.workshops.participantStatus.${participant.status}`)}
                  </td>
                  <td data-label={t('workspace.workshops.companion')}>
                    {participant.with
                      ? t('workspace.workshops.companionOf', { name: participant.with })
                      : (participant.companion ?? '—')}
                  </td>
                  {data.mayMark && data.started ? (
                    <td data-label={t('workspace.workshops.attendance.title')}>
                      {participant.status === 'CANCELLED' ? (
                        '—'
                      ) : (
                        <Form method="post" className="workspace-actions attendance-buttons">
                          <input type="hidden" name="registrationId" value={participant.id} />
                          {ATTENDANCE_MARKS.map((mark) => (
                            <button
                              key={mark}
                              type="submit"
                              name="mark"
                              value={mark}
                              aria-pressed={participant.status === mark}
                            >
                              {t(`workspace.workshops.participantStatus.${mark}`)}
                              <span className="visually-hidden"> ({participant.name})</span>
                            </button>
                          ))}
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('workspace.appointment.history')}</h2>
        <ol className="workspace-history">
          {data.history.map((event) => (
            <li key={event.id}>
              <strong>{event.when}</strong> · {event.who} · {event.what}
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}
