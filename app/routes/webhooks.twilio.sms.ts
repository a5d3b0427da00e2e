import type { ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import {
  forbidden,
  handleInboundSms,
  isSigned,
  readWebhook,
  smsReply,
} from '~/features/notifications/webhooks.server'

// Inbound SMS: ANNULER cancels, STOP opts out; the reply goes back in the TwiML answer.
export async function action({ request }: ActionFunctionArgs) {
  const webhook = await readWebhook(request)
  if (!isSigned(webhook)) return forbidden()
  return smsReply(await handleInboundSms(db(), webhook.params, new Date()))
}
