import { DateTime } from 'luxon'
import type { DisplayLanguage } from './format'

// Dates and times as a voice call says them. Text-to-speech reads "14 h 30" or "3/03"
// unreliably, so every number is written out: "mardi trois mars à quatorze heures trente".

const FR_UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
]
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante']

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
]
const EN_ORDINAL_UNITS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
]

/** 0 to 99 in words: "soixante et onze", "quatre-vingt-dix-neuf" / "seventy-one". */
export function numberInWords(n: number, language: DisplayLanguage): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`No words for ${n}`)
  return language === 'fr' ? frenchNumber(n) : englishNumber(n)
}

function frenchNumber(n: number): string {
  if (n <= 16) return FR_UNITS[n]
  if (n < 20) return `dix-${FR_UNITS[n - 10]}`
  // 70 to 99 count in twenties: soixante-dix, quatre-vingts, quatre-vingt-dix.
  if (n >= 80) return n === 80 ? 'quatre-vingts' : `quatre-vingt-${frenchNumber(n - 80)}`
  if (n >= 70) return n === 71 ? 'soixante et onze' : `soixante-${frenchNumber(n - 60)}`
  const tens = FR_TENS[Math.floor(n / 10)]
  const unit = n % 10
  if (unit === 0) return tens
  return unit === 1 ? `${tens} et un` : `${tens}-${FR_UNITS[unit]}`
}

function englishNumber(n: number): string {
  if (n < 20) return EN_UNITS[n]
  const tens = EN_TENS[Math.floor(n / 10)]
  return n % 10 === 0 ? tens : `${tens}-${EN_UNITS[n % 10]}`
}

/** Hours and minutes are feminine in French: "une heure", "vingt et une heures". */
function frenchFeminine(n: number): string {
  return frenchNumber(n).replace(/un$/u, 'une')
}

function englishOrdinal(n: number): string {
  if (n < 20) return EN_ORDINAL_UNITS[n]
  const tens = Math.floor(n / 10)
  if (n % 10 === 0) return `${EN_TENS[tens].slice(0, -1)}ieth`
  return `${EN_TENS[tens]}-${EN_ORDINAL_UNITS[n % 10]}`
}

function localTime(instant: Date, zone: string, language: DisplayLanguage): DateTime {
  const time = DateTime.fromJSDate(instant, { zone }).setLocale(
    language === 'fr' ? 'fr-FR' : 'en-GB',
  )
  if (!time.isValid) throw new RangeError(`Cannot say ${String(instant)} in zone "${zone}"`)
  return time
}

/** "mardi trois mars à quatorze heures trente" / "Tuesday the third of March at two thirty pm". */
export function spokenDateTime(instant: Date, zone: string, language: DisplayLanguage): string {
  const time = localTime(instant, zone, language)
  return language === 'fr' ? frenchDateTime(time) : englishDateTime(time)
}

/** "quatorze heures trente" / "two thirty pm": the time alone. */
export function spokenTime(instant: Date, zone: string, language: DisplayLanguage): string {
  const time = localTime(instant, zone, language)
  return language === 'fr' ? frenchTime(time) : englishTime(time)
}

function frenchDateTime(time: DateTime): string {
  const day = time.day === 1 ? 'premier' : frenchNumber(time.day)
  return `${time.toFormat('cccc')} ${day} ${time.toFormat('LLLL')} à ${frenchTime(time)}`
}

function frenchTime(time: DateTime): string {
  const hours = `${frenchFeminine(time.hour)} ${time.hour === 1 ? 'heure' : 'heures'}`
  const minutes = time.minute === 0 ? '' : ` ${frenchFeminine(time.minute)}`
  return `${hours}${minutes}`
}

function englishDateTime(time: DateTime): string {
  const date = `${time.toFormat('cccc')} the ${englishOrdinal(time.day)} of ${time.toFormat('LLLL')}`
  return `${date} at ${englishTime(time)}`
}

function englishTime(time: DateTime): string {
  const hour = englishNumber(time.hour % 12 || 12)
  const minutes =
    time.minute === 0
      ? ''
      : time.minute < 10
        ? ` oh ${englishNumber(time.minute)}`
        : ` ${englishNumber(time.minute)}`
  // Without dots: "p.m." would end a spoken sentence with two full stops.
  const suffix = time.hour < 12 ? 'am' : 'pm'
  return `${hour}${minutes} ${suffix}`
}
