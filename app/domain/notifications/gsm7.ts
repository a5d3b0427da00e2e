import { SegmentedMessage } from 'sms-segments-calculator'

// One character outside GSM-7 turns a whole SMS into UCS-2, where a segment holds 70
// characters instead of 160. French text is therefore transliterated before sending.
// GSM-7 keeps à é è ù ì ò É Ç (and ä ö ü ñ): those stay. Lowercase ç is not in the
// alphabet; its Ç slot shows as a capital on most phones ("reÇu"), so ç becomes c.

const TRANSLITERATIONS: Record<string, string> = {
  â: 'a',
  á: 'a',
  ã: 'a',
  À: 'A',
  Â: 'A',
  Á: 'A',
  Ã: 'A',
  ê: 'e',
  ë: 'e',
  È: 'E',
  Ê: 'E',
  Ë: 'E',
  î: 'i',
  ï: 'i',
  í: 'i',
  Î: 'I',
  Ï: 'I',
  Ì: 'I',
  Í: 'I',
  ô: 'o',
  ó: 'o',
  õ: 'o',
  Ô: 'O',
  Ò: 'O',
  Ó: 'O',
  Õ: 'O',
  û: 'u',
  ú: 'u',
  Û: 'U',
  Ù: 'U',
  Ú: 'U',
  ç: 'c',
  ÿ: 'y',
  Ÿ: 'Y',
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

/** The same text using only the GSM-7 alphabet and its extension table. */
export function toGsm7(text: string): string {
  const mapped = [...text.normalize('NFC')]
    .map((char) => TRANSLITERATIONS[char] ?? char)
    .join('')
    .replace(GUILLEMET_OPEN, '"')
    .replace(GUILLEMET_CLOSE, '"')
    .replace(SPACES, ' ')
    .replace(ZERO_WIDTH, '')
  return replaceNonGsm(mapped)
}

/** Whatever the table does not know: the letter without its accent, else "?". */
function replaceNonGsm(text: string): string {
  const strange = new Set(new SegmentedMessage(text).getNonGsmCharacters())
  if (strange.size === 0) return text
  let result = text
  for (const grapheme of strange) {
    const bare = grapheme.normalize('NFD').replace(/\p{M}/gu, '')
    const replacement = bare && isGsm7(bare) ? bare : '?'
    result = result.split(grapheme).join(replacement)
  }
  return result
}

export function isGsm7(text: string): boolean {
  return new SegmentedMessage(text).encodingName === 'GSM-7'
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

/** One GSM-7 segment: 160 characters, the cheap and reliable SMS. */
export function fitsOneSegment(text: string): boolean {
  const size = smsSegments(text)
  return size.encoding === 'GSM-7' && size.segments === 1
}
