import type { ActionFunctionArgs } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import { forbidden, isSigned, readWebhook } from '~/features/notifications/webhooks.server'
import { handleOfferKeypad } from '~/features/notifications/offer-answers.server'

// The key pressed during the call offering a seat or an earlier slot (Gather action): 1
// takes it. Signed like every Twilio webhook (decision 042).
export async function action({ request }: ActionFunctionArgs) {
  const webhook = await readWebhook(request)
  if (!isSigned(webhook)) return forbidden()
  const id = new URL(request.url).searchParams.get('n') ?? ''
  const xml = await handleOfferKeypad(db(), id, webhook.params, new Date())
  return new Response(xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } })
}
