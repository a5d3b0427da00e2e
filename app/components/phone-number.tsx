import { formatPhoneForDisplay } from '~/domain/residents/phone-display'

/** A phone number people can read aloud and tap to call. */
export function PhoneNumber({ e164 }: { e164: string }) {
  return (
    <a href={`tel:${e164}`} className="phone">
      {formatPhoneForDisplay(e164)}
    </a>
  )
}

/** "…appellera au 06 12 34 56 78.": a sentence ending on a number, when it is known. */
export function NumberSentence({ text, e164 }: { text: string; e164: string | null }) {
  return e164 ? (
    <p>
      {text}
      <PhoneNumber e164={e164} />.
    </p>
  ) : null
}
