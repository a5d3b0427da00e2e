// LaMednum's standard of digital mediation places, version 1.0.2 (the Table Schema
// `schema.json` of LaMednum/standard-mediation-num), written down field by field: the
// order of its columns, which are required, their types, patterns and closed lists. The
// feeds are built in this order and the tests check them with `placeProblems`.
// Lists of several values are one string joined by `|` (decision 088).

export const LIST_SEPARATOR = '|'

export const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
] as const
export type Service = (typeof SERVICES)[number]

export const ITINERANCE = ['Itinérant', 'Fixe'] as const

export const NATIONAL_PROGRAMMES = [
  'Aidants Connect',
  'Bibliothèques numérique de référence',
  'Certification PIX',
  'Conseillers numériques',
  'Emmaüs Connect',
  'France Services',
  'Grande école du numérique',
  'La Croix Rouge',
  "Point d'accès numérique CAF",
  'Promeneurs du net',
  'Relais numérique (Emmaüs Connect)',
] as const

export const ACCESS_MODES = [
  'Se présenter',
  'Téléphoner',
  'Contacter par mail',
  'Prendre un RDV en ligne',
  "Ce lieu n'accueille pas de public",
  'Envoyer un mail avec une fiche de prescription',
] as const

export const SUPPORT_MODES = [
  'En autonomie',
  'Accompagnement individuel',
  'Dans un atelier collectif',
  'À distance',
] as const

const PUBLICS = ['Jeunes', 'Étudiants', 'Familles et/ou enfants', 'Seniors', 'Femmes'] as const
const SPECIFIC_CARE = [
  'Surdité',
  'Handicaps moteurs',
  'Handicaps mentaux',
  'Illettrisme',
  'Langues étrangères (anglais)',
  'Langues étrangères (autres)',
  'Déficience visuelle',
] as const
const FEES = ['Gratuit', 'Gratuit sous condition', 'Payant'] as const

type FieldSpec = {
  name: string
  required?: true
  type?: 'string' | 'number' | 'date'
  pattern?: RegExp
  /** A closed list: one or several of its values, joined by `|`. */
  values?: readonly string[]
  /** Several values joined by `|`, each matching the pattern. */
  list?: true
  maxLength?: number
}

const EMAIL = /^[^\s@|]+@[^\s@|]+\.[^\s@|]+$/u
const URL_PATTERN = /^https?:\/\/[^\s|]+$/u

/** The 32 columns, in the standard's order. */
export const FIELDS: readonly FieldSpec[] = [
  { name: 'id', required: true },
  // SIRET (14 digits) or RNA (W and 9 characters); RIDET is not produced here.
  { name: 'pivot', required: true, pattern: /^(?:\d{14}|W[\dAB]\d{8})$/u },
  { name: 'nom', required: true },
  { name: 'commune', required: true },
  { name: 'code_postal', required: true, pattern: /^\d{5}$/u },
  { name: 'code_insee', pattern: /^(?:[013-9]\d|2[AB1-9])\d{3}$/u },
  { name: 'adresse', required: true },
  { name: 'complement_adresse' },
  { name: 'latitude', type: 'number' },
  { name: 'longitude', type: 'number' },
  { name: 'typologie' },
  {
    name: 'telephone',
    pattern: /^(?:\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/u,
    list: true,
  },
  { name: 'courriels', pattern: EMAIL, list: true },
  { name: 'site_web', pattern: URL_PATTERN, list: true },
  { name: 'horaires' },
  { name: 'presentation_resume', maxLength: 280 },
  { name: 'presentation_detail' },
  { name: 'source' },
  { name: 'itinerance', values: ITINERANCE },
  { name: 'structure_parente' },
  { name: 'date_maj', required: true, type: 'date' },
  { name: 'services', required: true, values: SERVICES },
  { name: 'publics_specifiquement_adresses', values: PUBLICS },
  { name: 'prise_en_charge_specifique', values: SPECIFIC_CARE },
  { name: 'frais_a_charge', values: FEES },
  { name: 'dispositif_programmes_nationaux', values: NATIONAL_PROGRAMMES },
  { name: 'formations_labels' },
  { name: 'autres_formations_labels' },
  { name: 'modalites_acces', values: ACCESS_MODES },
  { name: 'modalites_accompagnement', values: SUPPORT_MODES },
  { name: 'fiche_acces_libre', pattern: URL_PATTERN },
  { name: 'prise_rdv', pattern: URL_PATTERN },
]

export const FIELD_NAMES = FIELDS.map((field) => field.name)

/** One place as the standard's JSON form has it: absent fields are left out. */
export type Place = Record<string, string | number>

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

function valueProblem(field: FieldSpec, value: string | number): string | null {
  if (field.type === 'number') {
    return typeof value === 'number' && Number.isFinite(value) ? null : 'not a number'
  }
  if (typeof value !== 'string') return 'not a string'
  if (value.trim() === '') return 'empty'
  if (field.type === 'date') return isDate(value) ? null : 'not a date (YYYY-MM-DD)'
  if (field.maxLength !== undefined && value.length > field.maxLength) return 'too long'
  const parts = field.values || field.list ? value.split(LIST_SEPARATOR) : [value]
  if (new Set(parts).size !== parts.length) return 'a value repeated'
  for (const part of parts) {
    if (field.values && !field.values.includes(part)) return `"${part}" not in the list`
    if (field.pattern && !field.pattern.test(part)) return `"${part}" does not match`
  }
  return null
}

/** The value, when the standard accepts it in that field; null otherwise. */
export function accepted(name: string, value: string | null): string | null {
  const field = FIELDS.find((candidate) => candidate.name === name)
  return value !== null && field && valueProblem(field, value) === null ? value : null
}

/** What makes a place invalid against the standard ("field: reason"); empty when valid. */
export function placeProblems(place: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = []
  for (const name of Object.keys(place)) {
    if (!FIELD_NAMES.includes(name)) problems.push(`${name}: not a field of the standard`)
  }
  for (const field of FIELDS) {
    const value = place[field.name]
    if (value === undefined || value === null) {
      if (field.required) problems.push(`${field.name}: required`)
      continue
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${field.name}: not a string or a number`)
      continue
    }
    const problem = valueProblem(field, value)
    if (problem) problems.push(`${field.name}: ${problem}`)
  }
  return problems
}

/** A place as one CSV row, in the standard's column order; absent fields are empty cells. */
export function csvRowOf(place: Place): string[] {
  return FIELD_NAMES.map((name) => (place[name] === undefined ? '' : String(place[name])))
}

/** A CSV row read back as a place (the inverse of csvRowOf): numbers become numbers. */
export function placeOfCsvRow(header: readonly string[], row: readonly string[]): Place {
  const place: Place = {}
  header.forEach((name, index) => {
    const cell = row[index] ?? ''
    if (cell === '') return
    const field = FIELDS.find((candidate) => candidate.name === name)
    place[name] = field?.type === 'number' ? Number(cell) : cell
  })
  return place
}
