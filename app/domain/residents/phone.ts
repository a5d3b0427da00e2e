import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max'
import type { ProblemCode } from '~/domain/input/problems'

// The one phone parser of the app (docs/decisions/020-phone-numbers.md).

/** Metropolitan France, the overseas departments and regions, and the collectivities
 * that share the French numbering plan (dialled "0…" from France). */
export const DEFAULT_PHONE_REGIONS: readonly string[] = [
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
]
export const PHONE_EXAMPLE = '06 12 34 56 78'
/** What a phone field takes: a number in any usual spelling, with a word or two around it. */
export const PHONE_INPUT_MAX_LENGTH = 40

// One country per overseas calling code (590 GP/BL/MF, 594 GF, 596 MQ, 262 RE/YT, 508 PM):
// libphonenumber then picks the exact territory from the number itself.
const OVERSEAS_DIALLED_AS_NATIONAL: CountryCode[] = ['GP', 'GF', 'MQ', 'RE', 'PM']

export type PhoneType = 'MOBILE' | 'FIXED'
export type NormalisedPhone = { e164: string; type: PhoneType; region: string }
export type PhoneProblem = Extract<
  ProblemCode,
  'INVALID_PHONE' | 'PHONE_REGION_NOT_ALLOWED' | 'PHONE_NOT_REACHABLE'
>
export type PhoneResult =
  { ok: true; phone: NormalisedPhone } | { ok: false; problem: PhoneProblem; example: string }

/**
 * Any usual spelling ("06 12 34 56 78", "+33 6…", "0033…", "(+33) 6…", "0690…") to E.164
 * with its kind and territory. A mobile gets SMS; a fixed line, 09 VoIP boxes included,
 * gets voice calls. Premium, shared-cost and free-phone numbers reach no person.
 */
export function normalisePhone(
  raw: string,
  allowedRegions: readonly string[] = DEFAULT_PHONE_REGIONS,
): PhoneResult {
  const parsed = parse(raw)
  if (!parsed || !parsed.isValid() || parsed.ext) return refuse('INVALID_PHONE')
  const region = parsed.country
  if (!region || !allowedRegions.includes(region)) return refuse('PHONE_REGION_NOT_ALLOWED')
  const type = phoneType(parsed)
  if (!type) return refuse('PHONE_NOT_REACHABLE')
  return { ok: true, phone: { e164: parsed.number, type, region } }
}

function refuse(problem: PhoneProblem): PhoneResult {
  return { ok: false, problem, example: PHONE_EXAMPLE }
}

function parse(raw: string): PhoneNumber | undefined {
  // NFKC turns full-width digits (some phone keyboards) into ASCII. Words around the
  // number ("portable : 06…") are ignored, as a receptionist would.
  const parsed = parsePhoneNumberFromString(raw.normalize('NFKC'), { defaultCountry: 'FR' })
  if (parsed?.countryCallingCode !== '33') return parsed
  return overseasReading(parsed) ?? parsed
}

/**
 * From France, overseas numbers are dialled like national ones ("0690 12 34 56" is a
 * Guadeloupe mobile), and people also write them "+33 690…". FR metadata rejects some
 * and wrongly accepts others (0596, 0269), so the overseas reading wins when valid.
 */
function overseasReading(parsed: PhoneNumber): PhoneNumber | undefined {
  const national = `0${parsed.nationalNumber}`
  for (const country of OVERSEAS_DIALLED_AS_NATIONAL) {
    const overseas = parsePhoneNumberFromString(national, {
      defaultCountry: country,
      extract: false,
    })
    if (overseas?.isValid()) return overseas
  }
  return undefined
}

function phoneType(parsed: PhoneNumber): PhoneType | undefined {
  switch (parsed.getType()) {
    // SMS first; a failed SMS falls back to a call, which reaches either kind.
    case 'MOBILE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'MOBILE'
    // 09 boxes ring the home phone but rarely take SMS: reminders go by voice.
    case 'FIXED_LINE':
    case 'VOIP':
      return 'FIXED'
    default:
      return undefined
  }
}

export { formatPhoneForDisplay } from './phone-display'
