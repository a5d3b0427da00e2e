import type { Problem } from '~/domain/input/problems'

// Who an SMS comes from (docs/decisions/044-sms-sender-name.md). An organisation may set a
// name ("MAIRIEVOUV") in place of the service's number. Since March 2025 French operators
// accept alphanumeric senders of at most 11 letters or digits, without spaces; and a reply
// cannot reach a name, so its SMS do not ask for "ANNULER".

export const SENDER_NAME_MIN_LENGTH = 3
export const SENDER_NAME_MAX_LENGTH = 11

/**
 * The operators' rule for an alphanumeric sender: 3 to 11 unaccented letters or digits,
 * no space, at least one letter (all digits would read as a number).
 */
export function senderNameProblem(name: string): Problem | null {
  if (name.length < SENDER_NAME_MIN_LENGTH)
    return { code: 'TOO_SHORT', min: SENDER_NAME_MIN_LENGTH }
  if (name.length > SENDER_NAME_MAX_LENGTH) return { code: 'TOO_LONG', max: SENDER_NAME_MAX_LENGTH }
  if (!/^[A-Za-z0-9]+$/u.test(name) || !/[A-Za-z]/u.test(name)) {
    return { code: 'SENDER_CHARACTERS' }
  }
  return null
}

/** A sender people can reply to is a number ("+33757…", a short code "38100"). */
export function isPhoneNumberSender(from: string): boolean {
  return /^\+?\d+$/u.test(from)
}

export type SmsSender = {
  /** The `From` of the organisation's SMS; null: the server's own sender. */
  from: string | null
  /** Whether a reply ("ANNULER") reaches the service. */
  takesReplies: boolean
}

/**
 * The organisation's name when it follows the operators' rule (a name saved before the
 * rule, with a space, is not used); otherwise the server's sender (`TWILIO_FROM`, or a
 * messaging service, null here, whose pool is numbers).
 */
export function smsSender(organisationName: string | null, serverFrom: string | null): SmsSender {
  if (organisationName && !senderNameProblem(organisationName)) {
    return { from: organisationName, takesReplies: false }
  }
  return { from: null, takesReplies: !serverFrom || isPhoneNumberSender(serverFrom) }
}
