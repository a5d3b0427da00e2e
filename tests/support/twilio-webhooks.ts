import twilio from 'twilio'
import type { ActionFunctionArgs } from '@remix-run/node'

// Twilio's POSTs to the webhook routes, as Twilio sends them: a form, signed for the public
// URL with the account's token; the app may sit behind a proxy, so the request reaches it
// on another host.

type Action = (args: ActionFunctionArgs) => unknown

export function postToWebhook(
  action: Action,
  publicUrl: string,
  path: string,
  params: Record<string, string>,
  /** The token it is signed with; null: unsigned. */
  token: string | null,
) {
  const url = `${publicUrl}${path}`
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (token) headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(token, url, params)
  const request = new Request(`http://127.0.0.1:3000${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  })
  return action({ request, params: {}, context: {} } as ActionFunctionArgs) as Promise<Response>
}

/** The SMS reply in a TwiML answer, or null when there is none. */
export const replyText = async (response: Response) =>
  /<Message>([^<]*)<\/Message>/u.exec(await response.text())?.[1]?.replace(/&apos;/gu, "'") ?? null

let inboundCount = 0

/** A resident's SMS to one of our numbers (`to` unless given), as Twilio posts it: its own id. */
export function postInboundSms(
  action: Action,
  settings: { publicUrl: string; token: string; to: string },
  params: { From: string; Body: string; To?: string; MessageSid?: string },
) {
  inboundCount += 1
  return postToWebhook(
    action,
    settings.publicUrl,
    '/webhooks/twilio/sms',
    {
      To: settings.to,
      MessageSid: `SMin${String(inboundCount).padStart(30, '0')}`,
      ...params,
    },
    settings.token,
  )
}
