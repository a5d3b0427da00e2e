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
                <td>{t(`workspace.messages.kinds.${kindLabel(message.kind)}`)}</td>
                <td>{t(`workspace.messages.channels.${message.channel}`)}</td>
                <td>{message.recipient}</td>
                <td>{message.when}</td>
                <td>
                  {[t(`workspace.messages.statuses.${message.status}`), message.error]
                    .filter(Boolean)
                    .join(' — ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

// Reminders are stored per policy key (REMINDER:SAME_DAY…); they read as one kind.
function kindLabel(kind: string) {
  return kind.startsWith('REMINDER:') ? 'REMINDER' : kind
}
