import { defaultCoopThemes, type CoopTheme } from './coop'

// What a topic stores of the La Coop themes an admin ticked (Topic.coopThemes): nothing
// when they are the defaults of its national theme (or none was ticked), so a topic whose
// theme changes later follows the new defaults; otherwise the codes, as a JSON array.
export function storedCoopThemes(theme: string, chosen: readonly CoopTheme[]): string | null {
  if (chosen.length === 0) return null
  const defaults = defaultCoopThemes(theme)
  const same = defaults.length === chosen.length && defaults.every((code) => chosen.includes(code))
  return same ? null : JSON.stringify(chosen)
}
