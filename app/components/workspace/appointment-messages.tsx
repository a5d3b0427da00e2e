import { messageIssue } from '~/domain/notifications/issues'
import { formatPhoneForDisplay } from '~/domain/residents/phone-display'
import { useTranslation } from '~/i18n/use-translation'

export type MessageRow = {
  id: string
  kind: string
  channel: 'SMS' | 'VOICE' | 'EMAIL'
  recipient: string
  status: string
  when: string
  error: string | null
}

/** The messages of one appointment (confirmation, reminders, changes) and what became of each. */
export function AppointmentMessages({ messages }: { messages: MessageRow[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('workspace.messages.title')}</h2>
      {messages.length === 0 ? (
        <p>{t('workspace.messages.none')}</p>
      ) : (
        <table className="workspace-table">
          <thead>
            <tr>
              <th scope="col">{t('workspace.messages.message')}</th>
              <th scope="col">{t('workspace.messages.channel')}</th>
              <th scope="col">{t('workspace.messages.to')}</th>
              <th scope="col">{t('workspace.messages.when')}</th>
              <th scope="col">{t('workspace.messages.status')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className={`message-${message.status.toLowerCase()}`}>
                <td data-label={t('workspace.messages.message')}>
                  {t(`workspace.messages.kinds.${kindLabel(message.kind)}`)}
                </td>
                <td data-label={t('workspace.messages.channel')}>
                  {t(`workspace.messages.channels.${message.channel}`)}
                </td>
                <td data-label={t('workspace.messages.to')} className="workspace-nowrap">
                  {recipientOf(message.recipient)}
                </td>
                <td data-label={t('workspace.messages.when')}>{message.when}</td>
                <td data-label={t('workspace.messages.status')}>
                  <MessageState status={message.status} error={message.error} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The state in words, with why it failed or was not sent; a technical note only if unknown. */
function MessageState({ status, error }: { status: string; error: string | null }) {
  const { t } = useTranslation()
  const issue = messageIssue(error)
  const state = t(`workspace.messages.statuses.${status}`)
  if (!issue) return <>{state}</>
  return (
    <>
      {`${state} — ${t(`workspace.messages.issues.${issue}`)}`}
      {issue === 'OTHER' ? <span className="hint"> ({error})</span> : null}
    </>
  )
}

/** Numbers as people write them ("06 12 34 56 78"); an email as it is. */
function recipientOf(recipient: string) {
  return recipient.startsWith('+') ? formatPhoneForDisplay(recipient) : recipient
}

// Reminders are stored per policy key (REMINDER:SAME_DAY…); they read as one kind.
function kindLabel(kind: string) {
  return kind.startsWith('REMINDER:') ? 'REMINDER' : kind
}
