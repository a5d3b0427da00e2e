import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '~/domain/residents/identity'
import { NOTE_MAX_LENGTH } from '~/domain/booking/limits'
import { PHONE_INPUT_MAX_LENGTH } from '~/domain/residents/phone'

// The largest valid contact form in a script whose letters take three bytes each in UTF-8:
// every field at its maximum length.

const THAI_LETTERS = 'กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ'

/** `count` letters of `alphabet`, picked by a fixed sequence (no two runs differ). */
export function letters(count: number, alphabet = THAI_LETTERS, seed = 1): string {
  let state = seed
  let text = ''
  for (let index = 0; index < count; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648
    text += alphabet[state % alphabet.length]
  }
  return text
}

/** An email of EMAIL_MAX_LENGTH letters: 64 before the @, labels of 63 at most. */
export function longestEmail(alphabet = THAI_LETTERS, seed = 7): string {
  const email = `${letters(64, alphabet, seed)}@${letters(63, alphabet, seed + 1)}.${letters(63, alphabet, seed + 2)}.${letters(61, alphabet, seed + 3)}`
  if (email.length !== EMAIL_MAX_LENGTH) throw new Error('the longest email is miscounted')
  return email
}

/** A valid phone number padded to the input's maximum length. */
const longestPhone = (number: string) => number.padStart(PHONE_INPUT_MAX_LENGTH, ' ')

export function longestContactForm(alphabet = THAI_LETTERS) {
  return {
    firstName: letters(NAME_MAX_LENGTH, alphabet, 2),
    lastName: letters(NAME_MAX_LENGTH, alphabet, 3),
    phone: longestPhone('06 12 34 56 78'),
    email: longestEmail(alphabet, 11),
    helperName: letters(NAME_MAX_LENGTH, alphabet, 4),
    helperPhone: longestPhone('06 98 76 54 32'),
    helperEmail: longestEmail(alphabet, 21),
    messagesTo: 'helper',
    note: letters(NOTE_MAX_LENGTH, alphabet, 5),
    consent: 'on',
  }
}
