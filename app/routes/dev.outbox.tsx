import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { isProduction } from '~/platform/runtime.server'
import { sessionSecret } from '~/platform/secrets.server'
import { loadAppointment, render } from '~/features/notifications/render.server'
import { publicUrl } from '~/features/notifications/worker.server'
import { handleInboundSms, recordStatus } from '~/features/notifications/webhooks.server'

// Development only: every message of the outbox as it reads (SMS text, call script, email),
// with its status; simulate a resident's SMS reply or a delivery failure. 404 in production.

function requireDevelopment() {
  if (isProduction()) throw new Response('Not found', { status: 404 })
}

export async function loader(_: LoaderFunctionArgs) {
  requireDevelopment()
  const rows = await db().notification.findMany({ orderBy: { createdAt: 'desc' }, take: 50 })
  const context = { publicUrl: publicUrl(), secret: sessionSecret() }
  const messages = await Promise.all(
    rows.map(async (row) => {
      const appointment = row.appointmentId ? await loadAppointment(db(), row.appointmentId) : null
      let text = ''
      try {
        if (appointment) {
          const rendered = render(row, appointment, context)
          text =
            rendered.channel === 'SMS'
              ? rendered.body
              : rendered.channel === 'VOICE'
                ? rendered.twiml.replace(/<[^>]+>/gu, ' ').replace(/\s+/gu, ' ')
                : `${rendered.mail.subject}\n\n${rendered.mail.text}`
        }
      } catch (error) {
        text = String(error)
      }
      return {
        id: row.id,
        kind: row.kind,
        channel: row.channel,
        recipient: row.recipient,
        status: row.status,
        dueAt: row.dueAt.toISOString(),
        lastError: row.lastError,
        canFail: Boolean(row.providerMessageId) && row.channel !== 'EMAIL',
        text,
      }
    }),
  )
  return { messages }
}

export async function action({ request }: ActionFunctionArgs) {
  requireDevelopment()
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  if (intent === 'reply') {
    const reply = await handleInboundSms(
      db(),
      { From: String(form.get('from') ?? ''), Body: String(form.get('body') ?? '') },
      new Date(),
    )
    return { reply: reply ?? '' }
  }
  if (intent === 'fail') {
    const row = await db().notification.findUnique({
      where: { id: String(form.get('id') ?? '') },
      select: { providerMessageId: true, channel: true },
    })
    if (row?.providerMessageId) {
      await recordStatus(
        db(),
        row.channel === 'VOICE'
          ? { CallSid: row.providerMessageId, CallStatus: 'no-answer' }
          : { MessageSid: row.providerMessageId, MessageStatus: 'undelivered', ErrorCode: '30003' },
        new Date(),
      )
    }
    return { reply: null }
  }
  return { reply: null }
}

export const meta: MetaFunction = () => [
  { title: 'Outbox · Permanence' },
  { name: 'robots', content: 'noindex' },
]

export default function DevOutbox() {
  const { messages } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1>{t('devOutbox.title')}</h1>
      <p>{t('devOutbox.intro')}</p>
      {result?.reply !== null && result?.reply !== undefined ? (
        <p role="status">
          {t('devOutbox.replyResult')} {result.reply || t('devOutbox.noReply')}
        </p>
      ) : null}
      {messages.length === 0 ? <p>{t('devOutbox.empty')}</p> : null}
      <ol>
        {messages.map((message) => (
          <li key={message.id}>
            <h2>
              {message.kind} · {message.channel} · {message.recipient}
            </h2>
            <p>
              {t('devOutbox.status')} <strong>{message.status}</strong> · {t('devOutbox.due')}{' '}
              <time dateTime={message.dueAt}>{message.dueAt}</time>
              {message.lastError ? ` · ${message.lastError}` : ''}
            </p>
            <pre>{message.text}</pre>
            {message.channel === 'SMS' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="reply" />
                <input type="hidden" name="from" value={message.recipient} />
                <label htmlFor={`reply-${message.id}`}>{t('devOutbox.replyLabel')}</label>
                <input id={`reply-${message.id}`} name="body" defaultValue="ANNULER" />
                <button type="submit">{t('devOutbox.replySubmit')}</button>
              </Form>
            ) : null}
            {message.canFail ? (
              <Form method="post">
                <input type="hidden" name="intent" value="fail" />
                <input type="hidden" name="id" value={message.id} />
                <button type="submit">{t('devOutbox.failSubmit')}</button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  )
}
