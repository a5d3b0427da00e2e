import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PrintButton } from '~/components/print-button'
import { signInSheet } from '~/features/workshops/session-pages.server'
import { workspaceSessionPath } from '~/features/workshops/paths'
import { useTranslation } from '~/i18n/use-translation'

// /espace/ateliers/<id>/emargement: the sign-in sheet (feuille d'émargement), one table of
// names with an empty column to sign, printed by the browser.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  signInSheet(request, params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
  { name: 'robots', content: 'noindex' },
]

export default function SignInSheet() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace sign-in-sheet">
      <p className="back-link">
        <Link to={workspaceSessionPath(data.id)}>{t('workspace.workshops.backToSession')}</Link>
      </p>
      <PrintButton />
      <h1>{`${data.title} · ${data.organisation}`}</h1>
      {data.cancelled ? <p className="notice error">{t('workspace.workshops.cancelled')}</p> : null}
      <dl className="workspace-facts sign-in-facts">
        <dt>{t('workspace.workshops.topic')}</dt>
        <dd>{data.topic}</dd>
        <dt>{t('workspace.workshops.when')}</dt>
        <dd>
          {data.day}, {data.time}
        </dd>
        <dt>{t('workspace.workshops.site')}</dt>
        <dd>{data.site}</dd>
        <dt>{t('workspace.workshops.advisors')}</dt>
        <dd>{data.advisors}</dd>
      </dl>
      <table className="agenda-table sign-in-table">
        <thead>
          <tr>
            <th scope="col" className="sign-in-number">
              {t('workspace.workshops.sheet.number')}
            </th>
            <th scope="col">{t('workspace.workshops.sheet.name')}</th>
            <th scope="col" className="sign-in-signature">
              {t('workspace.workshops.sheet.signature')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.participants.map((participant, index) => (
            <tr key={participant.id}>
              <td>{index + 1}</td>
              <td>
                {participant.name}
                {participant.with
                  ? ` (${t('workspace.workshops.companionOf', { name: participant.with })})`
                  : ''}
              </td>
              <td />
            </tr>
          ))}
          {Array.from({ length: data.blankLines }, (_, index) => (
            <tr key={`blank-${index}`}>
              <td>{data.participants.length + index + 1}</td>
              <td>
                <span className="visually-hidden">{t('workspace.workshops.sheet.blank')}</span>
              </td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
