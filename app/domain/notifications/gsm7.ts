import { SegmentedMessage } from 'sms-segments-calculator'

// One character outside GSM-7 turns a whole SMS into UCS-2, where a segment holds 70
// characters instead of 160. French text is therefore transliterated before sending.
// GSM-7 keeps à é è ù ì ò É Ç (and ä ö ü ñ): those stay. Lowercase ç is not in the
// alphabet; its Ç slot shows as a capital on most phones ("reÇu"), so ç becomes c.

// The alphabet of 3GPP TS 23.038, so templates can be measured without the calculator's
// grapheme splitting (milliseconds per call); tests check it against the calculator.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
/** Sent as an escape and the character: they count twice. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€')
export const SMS_SEGMENT_UNITS = 160

// Accented letters need no entry: they lose their accent (ê → e, ç → c) below.
const TRANSLITERATIONS: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  '’': "'",
  '‘': "'",
  '‚': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '°': 'o',
  '•': '-',
  '×': 'x',
}

// French typography puts a (non-breaking) space inside guillemets: « texte » → "texte".
const GUILLEMET_OPEN = /«\s*/gu
const GUILLEMET_CLOSE = /\s*»/gu
// Non-breaking, narrow and other typographic spaces, and tabs.
const SPACES = /[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/gu

const isGsm7Char = (char: string) => GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char)

// The same alphabet as regular expressions: one native pass over a text instead of an
// array of its characters, as the worker measures every SMS several times (fit, sms.ts).
const CLASS_SYNTAX = /[\\\][^\-/{}()|.*+?$]/gu
const classOf = (chars: Iterable<string>) => [...chars].join('').replace(CLASS_SYNTAX, '\\$&')
const GSM7_CLASS = classOf([...GSM7_BASIC, ...GSM7_EXTENSION])
const ONLY_GSM7 = new RegExp(`^[${GSM7_CLASS}]*$`, 'u')
const NOT_GSM7 = new RegExp(`[^${GSM7_CLASS}]`, 'gu')
const EXTENSION_CHAR = new RegExp(`[${classOf(GSM7_EXTENSION)}]`, 'gu')

export function isGsm7(text: string): boolean {
  return ONLY_GSM7.test(text)
}

/** Characters as the network counts them: extension characters take two. */
export function gsm7Units(text: string): number {
  return [...text].length + (text.match(EXTENSION_CHAR)?.length ?? 0)
}

/** The same text using only the GSM-7 alphabet and its extension table. */
export function toGsm7(text: string): string {
  const typographed = text
    .normalize('NFC')
    .replace(GUILLEMET_OPEN, '"')
    .replace(GUILLEMET_CLOSE, '"')
    .replace(SPACES, ' ')
    .replace(ZERO_WIDTH, '')
  return typographed.replace(NOT_GSM7, (char) => TRANSLITERATIONS[char] ?? nearestGsm7(char))
}

/** Whatever the table does not know: the letter without its accent, else "?". */
function nearestGsm7(char: string): string {
  if (isGsm7Char(char)) return char
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '')
  // A lone accent left over from decomposed text simply goes.
  if (!bare) return ''
  return isGsm7(bare) ? bare : '?'
}

export type SmsSize = {
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  /** Characters as the phone network counts them (extension characters count twice). */
  units: number
}

/** Encoding and segment count exactly as Twilio computes them. */
export function smsSegments(text: string): SmsSize {
  const message = new SegmentedMessage(text)
  const bitsPerUnit = message.encodingName === 'GSM-7' ? 7 : 16
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    units: Math.round(message.messageSize / bitsPerUnit),
  }
}

/** One GSM-7 segment (160 units), as Twilio's calculator says: the reference for tests. */
export function fitsOneSegment(text: string): boolean {
  const size = smsSegments(text)
  return size.encoding === 'GSM-7' && size.segments === 1
}

/**
 * The same answer from the alphabet table, without the calculator's grapheme splitting
 * (about 1 ms per text, which capped the worker under 300 SMS/s). Tests prove both agree.
 */
export function isOneGsm7Segment(text: string): boolean {
  return isGsm7(text) && gsm7Units(text) <= SMS_SEGMENT_UNITS
}

/**
 * The segments an SMS costs, for the outbox row (statistics, billing): one from the alphabet
 * table in the usual case, the calculator only for the rare longer text (decision 087).
 */
export function smsSegmentCount(text: string): number {
  return isOneGsm7Segment(text) ? 1 : smsSegments(text).segments
}
