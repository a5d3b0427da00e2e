import type { ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import {
  forbidden,
  handleKeypad,
  isSigned,
  readWebhook,
} from '~/features/notifications/webhooks.server'

// The keypad choice of a reminder call (Gather action): 1 confirms, 2 cancels.
export async function action({ request }: ActionFunctionArgs) {
  const webhook = await readWebhook(request)
  if (!isSigned(webhook)) return forbidden()
  const id = new URL(request.url).searchParams.get('n') ?? ''
  const xml = await handleKeypad(db(), id, webhook.params, new Date())
  return new Response(xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } })
}
