// How a stored (E.164) number reads, without libphonenumber's metadata: this runs in the
// browser too, where public pages must stay light. Parsing stays in phone.ts.

// Calling codes of the French numbering plan whose numbers are dialled "0…" from France.
const METROPOLITAN = '+33'
const OVERSEAS = ['+590', '+594', '+596', '+262']

/** "06 12 34 56 78", "0690 12 34 56"; other numbers in international form. */
export function formatPhoneForDisplay(e164: string): string {
  if (/^\+33\d{9}$/.test(e164)) {
    const national = `0${e164.slice(METROPOLITAN.length)}`
    return national.replace(/(\d{2})(?=\d)/g, '$1 ')
  }
  const overseas = OVERSEAS.find((code) => e164.startsWith(code) && e164.length === code.length + 9)
  if (overseas) {
    const national = `0${e164.slice(overseas.length)}`
    return `${national.slice(0, 4)} ${national.slice(4).replace(/(\d{2})(?=\d)/g, '$1 ')}`
  }
  return e164
}
