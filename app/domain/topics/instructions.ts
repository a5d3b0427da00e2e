// A topic's instructions are written once ("Apportez votre numéro fiscal") for both
// modes. By phone nothing is brought: the same words are said as something to have at
// hand, so no phone appointment says "Apportez".

export type Mode = 'IN_PERSON' | 'PHONE'

// A leading "bring" verb, in each language the instructions may be written in.
const BRING = /^(apportez|amenez|apporter|amener|bring|please bring)\b\s*/iu

/** The instructions as the mode reads them: "Apportez votre CV" by phone is "Ayez sous la main votre CV". */
export function instructionsFor(instructions: string, mode: Mode): string {
  const text = instructions.trim()
  if (mode === 'IN_PERSON') return text
  return text.replace(BRING, (verb) =>
    /^(bring|please)/iu.test(verb) ? 'Have ready: ' : 'Ayez sous la main ',
  )
}
