// La Coop de la médiation numérique's vocabulary for activity reports (its `Activite` and
// `Beneficiaire` models): the codes are La Coop's own, so an exported file needs no
// translation. Labels are i18n keys `coop.<list>.<code>`.
import type { Theme } from '../topics/themes'

export const COOP_THEMES = [
  'DiagnosticNumerique',
  'PrendreEnMainDuMateriel',
  'MaintenanceDeMateriel',
  'GereSesContenusNumeriques',
  'NavigationSurInternet',
  'Email',
  'Bureautique',
  'ReseauxSociaux',
  'Sante',
  'BanqueEtAchatsEnLigne',
  'Entrepreneuriat',
  'InsertionProfessionnelle',
  'SecuriteNumerique',
  'Parentalite',
  'ScolariteEtNumerique',
  'CreerAvecLeNumerique',
  'CultureNumerique',
  'IntelligenceArtificielle',
  'AideAuxDemarchesAdministratives',
  'PapiersElectionsCitoyennete',
  'FamilleScolarite',
  'SocialSante',
  'TravailFormation',
  'Logement',
  'TransportsMobilite',
  'ArgentImpots',
  'Justice',
  'EtrangersEurope',
  'LoisirsSportsCulture',
  'Associations',
] as const
export type CoopTheme = (typeof COOP_THEMES)[number]

export const DURATIONS_MINUTES = [15, 30, 45, 60, 90, 120] as const
export const PLACE_TYPES = ['LieuActivite', 'Domicile', 'ADistance', 'Autre'] as const
export const EQUIPMENT = ['Ordinateur', 'Telephone', 'Tablette', 'Autre', 'Aucun'] as const
export const GENDERS = ['Masculin', 'Feminin', 'NonCommunique'] as const
export const AGE_BANDS = [
  'MoinsDeDouzeAns',
  'DouzeDixHuitAns',
  'DixHuitVingtQuatreAns',
  'VingtCinqTrenteNeufAns',
  'QuaranteCinquanteNeufAns',
  'SoixanteSoixanteNeufAns',
  'SoixanteDixPlus',
  'NonCommunique',
] as const
export const SOCIAL_STATUSES = [
  'Scolarise',
  'SansEmploi',
  'EnEmploi',
  'Retraite',
  'NonCommunique',
] as const
export const AUTONOMY = ['EntierementAccompagne', 'PartiellementAutonome', 'Autonome'] as const
export const REFERRAL_STRUCTURES = [
  'Administration',
  'MediationNumerique',
  'OperateurOuOrganismeEnCharge',
  'AideSociale',
  'InsertionProfessionnelle',
  'AideAuxDemarchesAdministratives',
  'Autre',
] as const
export const LEVELS = ['Debutant', 'Intermediaire', 'Avance'] as const

// France Services partner operators; the first five make about 80% of requests.
export const FRANCE_SERVICES_OPERATORS = [
  'FranceTitres',
  'CAF',
  'CPAM',
  'DGFiP',
  'CNAV',
  'MSA',
  'FranceTravail',
  'Justice',
  'LaPoste',
  'Autre',
] as const
export type FranceServicesOperator = (typeof FRANCE_SERVICES_OPERATORS)[number]

const PROCEDURE_THEME_CODES: Partial<Record<Theme, CoopTheme>> = {
  PAPERS_CITIZENSHIP: 'PapiersElectionsCitoyennete',
  FAMILY_SCHOOLING: 'FamilleScolarite',
  SOCIAL_HEALTH: 'SocialSante',
  WORK_TRAINING: 'TravailFormation',
  HOUSING: 'Logement',
  TRANSPORT_MOBILITY: 'TransportsMobilite',
  MONEY_TAXES: 'ArgentImpots',
  JUSTICE: 'Justice',
  FOREIGNERS_EUROPE: 'EtrangersEurope',
  LEISURE_SPORTS_CULTURE: 'LoisirsSportsCulture',
}

const DIGITAL_THEME_CODES: Partial<Record<Theme, CoopTheme>> = {
  DIGITAL_EQUIPMENT: 'PrendreEnMainDuMateriel',
  DIGITAL_BROWSING: 'NavigationSurInternet',
  DIGITAL_EMAIL: 'Email',
  DIGITAL_OFFICE: 'Bureautique',
  DIGITAL_SOCIAL_MEDIA: 'ReseauxSociaux',
  DIGITAL_HEALTH: 'Sante',
  DIGITAL_BANKING_SHOPPING: 'BanqueEtAchatsEnLigne',
  DIGITAL_ENTREPRENEURSHIP: 'Entrepreneuriat',
  DIGITAL_JOB_SEARCH: 'InsertionProfessionnelle',
  DIGITAL_SECURITY: 'SecuriteNumerique',
  DIGITAL_PARENTING: 'Parentalite',
  DIGITAL_SCHOOLING: 'ScolariteEtNumerique',
  DIGITAL_CREATION: 'CreerAvecLeNumerique',
  DIGITAL_CULTURE: 'CultureNumerique',
}

/** La Coop's themes for a topic of this national theme, when admins set none. */
export function defaultCoopThemes(theme: string): CoopTheme[] {
  const procedure = PROCEDURE_THEME_CODES[theme as Theme]
  if (procedure) return ['AideAuxDemarchesAdministratives', procedure]
  const digital = DIGITAL_THEME_CODES[theme as Theme]
  return digital ? [digital] : []
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

/** A topic's stored themes (a JSON array of codes) or the defaults of its national theme. */
export function topicCoopThemes(topic: { theme: string; coopThemes: string | null }): CoopTheme[] {
  if (!topic.coopThemes) return defaultCoopThemes(topic.theme)
  try {
    const parsed: unknown = JSON.parse(topic.coopThemes)
    if (!Array.isArray(parsed)) return defaultCoopThemes(topic.theme)
    const themes = parsed.filter((code): code is CoopTheme => isOneOf(COOP_THEMES, code))
    return themes.length > 0 ? themes : defaultCoopThemes(topic.theme)
  } catch {
    return defaultCoopThemes(topic.theme)
  }
}
