import type { ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import {
  forbidden,
  isSigned,
  readWebhook,
  recordStatus,
} from '~/features/notifications/webhooks.server'

// Twilio's delivery status callback for SMS and calls (signed; see 042-twilio-webhooks.md).
export async function action({ request }: ActionFunctionArgs) {
  const webhook = await readWebhook(request)
  if (!isSigned(webhook)) return forbidden()
  await recordStatus(db(), webhook.params, new Date())
  return new Response(null, { status: 204 })
}
