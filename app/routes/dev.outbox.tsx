import { randomUUID } from 'node:crypto'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { config } from '~/platform/config/config.server'
import { db } from '~/platform/database/client.server'
import { isFromThisMachine } from '~/platform/http/local-request.server'
import { receivedLocally, type ReceivedMessage } from '~/features/notifications/local-outbox.server'
import { handleInboundSms, recordStatus } from '~/features/notifications/webhooks.server'

// Demo only, and only from this machine: what the local providers received (SMS, call
// scripts, emails), with the outbox row's status; simulate a resident's SMS reply or a
// delivery failure. 404 in production and for any other client.

function requireLocalDemo({ request, context }: { request: Request; context: unknown }) {
  if (!config().demo || !isFromThisMachine(request, context)) {
    throw new Response('Not found', { status: 404 })
  }
}

export async function loader(args: LoaderFunctionArgs) {
  requireLocalDemo(args)
  return receivedLocally(db())
}

export async function action(args: ActionFunctionArgs) {
  requireLocalDemo(args)
  const form = await args.request.formData()
  const intent = String(form.get('intent') ?? '')
  if (intent === 'reply') {
    // As Twilio would post it: from the resident, to the number the SMS left from, with an
    // id of its own (each simulated reply is a new message).
    const reply = await handleInboundSms(
      db(),
      {
        From: String(form.get('from') ?? ''),
        To: String(form.get('to') ?? ''),
        MessageSid: `SMdev${randomUUID().replace(/-/gu, '')}`,
        Body: String(form.get('body') ?? ''),
      },
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
  const { listening, messages } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1>{t('devOutbox.title')}</h1>
      <p>{t('devOutbox.intro')}</p>
      {listening ? null : <p className="notice">{t('devOutbox.elsewhere')}</p>}
      {result?.reply !== null && result?.reply !== undefined ? (
        <p role="status">
          {t('devOutbox.replyResult')} {result.reply || t('devOutbox.noReply')}
        </p>
      ) : null}
      {messages.length === 0 ? <p>{t('devOutbox.empty')}</p> : null}
      <ol className="dev-outbox">
        {messages.map((message) => (
          <Received key={message.id} message={message} />
        ))}
      </ol>
    </div>
  )
}

function Received({ message }: { message: ReceivedMessage }) {
  const { t } = useTranslation()
  const { row } = message
  return (
    <li>
      <h2>
        {t(`devOutbox.channel.${message.channel}`)} · {message.to}
      </h2>
      <p>
        {t('devOutbox.received')} <time dateTime={message.at}>{message.at}</time> ·{' '}
        {row ? (
          <>
            {row.kind} · {t('devOutbox.status')} <strong>{row.status}</strong>
            {row.lastError ? ` · ${row.lastError}` : ''}
          </>
        ) : (
          t('devOutbox.noRow')
        )}
      </p>
      {message.subject ? (
        <p>
          {t('devOutbox.subject')} {message.subject}
        </p>
      ) : null}
      <pre>{message.content}</pre>
      {message.calendar ? (
        <p>
          {t('devOutbox.calendar')} {message.calendar}
        </p>
      ) : null}
      {message.channel === 'SMS' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="from" value={message.to} />
          <input type="hidden" name="to" value={message.from ?? ''} />
          <label htmlFor={`reply-${message.id}`}>{t('devOutbox.replyLabel')}</label>
          <input id={`reply-${message.id}`} name="body" defaultValue="ANNULER" />
          <button type="submit">{t('devOutbox.replySubmit')}</button>
        </Form>
      ) : null}
      {row && message.channel !== 'EMAIL' ? (
        <Form method="post">
          <input type="hidden" name="intent" value="fail" />
          <input type="hidden" name="id" value={row.id} />
          <button type="submit">{t('devOutbox.failSubmit')}</button>
        </Form>
      ) : null}
    </li>
  )
}
