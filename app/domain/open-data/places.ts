import type { CoopTheme } from '../reports/coop'
import { openingHoursOf, type HoursRule } from './opening-hours'
import {
  accepted,
  FIELD_NAMES,
  LIST_SEPARATOR,
  SERVICES,
  type Place,
  type Service,
} from './standard'

// One site as a place of the standard, from what the app knows of it (the feature reads
// it from the database). Why a site is left out of the feeds is said by `unpublishedReason`.

/** La Coop's thématiques as the standard's services (its nine coarser kinds of help). */
const SERVICE_OF_THEME: Record<CoopTheme, Service> = {
  DiagnosticNumerique: 'Maîtrise des outils numériques du quotidien',
  PrendreEnMainDuMateriel: 'Maîtrise des outils numériques du quotidien',
  MaintenanceDeMateriel: 'Maîtrise des outils numériques du quotidien',
  GereSesContenusNumeriques: 'Maîtrise des outils numériques du quotidien',
  NavigationSurInternet: 'Maîtrise des outils numériques du quotidien',
  Email: 'Maîtrise des outils numériques du quotidien',
  Bureautique: 'Maîtrise des outils numériques du quotidien',
  ReseauxSociaux: 'Maîtrise des outils numériques du quotidien',
  Sante: 'Maîtrise des outils numériques du quotidien',
  BanqueEtAchatsEnLigne: 'Maîtrise des outils numériques du quotidien',
  Entrepreneuriat: 'Insertion professionnelle via le numérique',
  InsertionProfessionnelle: 'Insertion professionnelle via le numérique',
  SecuriteNumerique: 'Utilisation sécurisée du numérique',
  Parentalite: 'Parentalité et éducation avec le numérique',
  ScolariteEtNumerique: 'Parentalité et éducation avec le numérique',
  CreerAvecLeNumerique: 'Loisirs et créations numériques',
  CultureNumerique: 'Compréhension du monde numérique',
  IntelligenceArtificielle: 'Compréhension du monde numérique',
  AideAuxDemarchesAdministratives: 'Aide aux démarches administratives',
  PapiersElectionsCitoyennete: 'Aide aux démarches administratives',
  FamilleScolarite: 'Aide aux démarches administratives',
  SocialSante: 'Aide aux démarches administratives',
  TravailFormation: 'Aide aux démarches administratives',
  Logement: 'Aide aux démarches administratives',
  TransportsMobilite: 'Aide aux démarches administratives',
  ArgentImpots: 'Aide aux démarches administratives',
  Justice: 'Aide aux démarches administratives',
  EtrangersEurope: 'Aide aux démarches administratives',
  LoisirsSportsCulture: 'Aide aux démarches administratives',
  Associations: 'Aide aux démarches administratives',
}

export const ID_PREFIX = 'permanence-'

export type PlaceSource = {
  siteId: string
  name: string
  address: string
  postalCode: string
  city: string
  inseeCode: string | null
  latitude: number | null
  longitude: number | null
  /** E.164: the site's number, else the organisation's. */
  phone: string | null
  email: string | null
  /** The site's own pivot, else the organisation's. */
  pivot: string | null
  organisationName: string
  franceServices: boolean
  /** The rules in effect at the site, of every advisor. */
  rules: readonly HoursRule[]
  /** La Coop's themes of the topics served at the site. */
  themes: readonly CoopTheme[]
  /** Phone appointments are offered by the organisation. */
  phoneAppointments: boolean
  /** One of the site's advisors also holds hours at another site. */
  itinerant: boolean
  /** The later of the site's and its rules' last change, "YYYY-MM-DD". */
  updatedOn: string
  bookingUrl: string
}

export type UnpublishedReason = 'NOT_LISTED' | 'INACTIVE' | 'NO_PIVOT' | 'NO_SERVICE'

/** Why a site is not in the feeds, or null when it is. */
export function unpublishedReason(site: {
  active: boolean
  openData: boolean
  pivot: string | null
  themes: readonly CoopTheme[]
}): UnpublishedReason | null {
  if (!site.active) return 'INACTIVE'
  if (!site.openData) return 'NOT_LISTED'
  if (!site.pivot) return 'NO_PIVOT'
  if (site.themes.length === 0) return 'NO_SERVICE'
  return null
}

const joined = (values: readonly string[]) => [...new Set(values)].join(LIST_SEPARATOR)

/** Services in the standard's order, so the same site always reads the same. */
function servicesOf(themes: readonly CoopTheme[]): string {
  const services = new Set(themes.map((theme) => SERVICE_OF_THEME[theme]))
  return joined(SERVICES.filter((service) => services.has(service)))
}

/** The place of a publishable site (unpublishedReason null), its fields in the standard's order. */
export function placeOf(source: PlaceSource): Place {
  const fields: Record<string, string | number | null> = {
    id: `${ID_PREFIX}${source.siteId}`,
    pivot: source.pivot,
    nom: source.name,
    commune: source.city,
    code_postal: source.postalCode,
    // A value the standard's pattern refuses is left out rather than published invalid.
    code_insee: accepted('code_insee', source.inseeCode),
    adresse: source.address,
    latitude: source.latitude,
    longitude: source.longitude,
    telephone: accepted('telephone', source.phone),
    courriels: accepted('courriels', source.email),
    horaires: openingHoursOf(source.rules),
    source: source.organisationName,
    itinerance: source.itinerant ? 'Itinérant' : 'Fixe',
    date_maj: source.updatedOn,
    services: servicesOf(source.themes),
    dispositif_programmes_nationaux: joined(
      source.franceServices
        ? ['Conseillers numériques', 'France Services']
        : ['Conseillers numériques'],
    ),
    modalites_acces: joined(
      source.phoneAppointments
        ? ['Prendre un RDV en ligne', 'Téléphoner']
        : ['Prendre un RDV en ligne'],
    ),
    prise_rdv: source.bookingUrl,
  }
  const place: Place = {}
  for (const name of FIELD_NAMES) {
    const value = fields[name]
    if (value !== null && value !== undefined && value !== '') place[name] = value
  }
  return place
}
