import { formatPhoneForDisplay } from '~/domain/residents/phone-display'

/** A phone number people can read aloud and tap to call. */
export function PhoneNumber({ e164 }: { e164: string }) {
  return (
    <a href={`tel:${e164}`} className="phone">
      {formatPhoneForDisplay(e164)}
    </a>
  )
}
