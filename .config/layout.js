// The capabilities of app/features and which route files each one owns. Lint reads it to
// enforce the dependency rule; docs/architecture.md explains it.
export const ROUTE_OWNERS = {
  journey: ['_index.tsx', '$organisationSlug._index.tsx', '$organisationSlug.rendez-vous.*'],
  // The resident's links, and the page that sends them again to who lost them.
  manage: ['r.*', '$organisationSlug.lien-perdu*'],
  // espace.tsx is the workspace's layout; espace_.* pages are outside it (signed out).
  access: ['espace.tsx', 'espace_.*', 'espace.connexions.tsx'],
  calendar: [
    'espace._index.tsx',
    'espace.aujourdhui.*',
    'espace.semaine.*',
    'espace.agenda.*',
    'espace.lieux.*',
    'agenda.*',
  ],
  schedule: ['espace.horaires.*', 'espace.absences.*'],
  desk: ['espace.reserver.*', 'espace.creneaux.*', 'espace.rendez-vous.*'],
  residents: ['espace.usagers.*'],
  admin: ['espace.admin.*'],
  notifications: ['webhooks.*', 'dev.*'],
  // The workshops' workspace pages, their public pages and the resident's links.
  workshops: ['espace.ateliers*', '$organisationSlug.ateliers*', 'atelier.*', 'attente.*'],
  alerts: ['alerte.*'],
  reports: ['espace.comptes-rendus*'],
  exports: ['espace.exports*'],
  statistics: ['espace.statistiques*'],
  // The open-data feeds of digital mediation places, per organisation and for the instance.
  'open-data': ['donnees.*', '$organisationSlug.donnees*'],
  // The legal pages of each organisation: privacy notice, legal notice, accessibility.
  legal: [
    '$organisationSlug.vie-privee*',
    '$organisationSlug.mentions-legales*',
    '$organisationSlug.accessibilite*',
  ],
}

export const FEATURES = [...Object.keys(ROUTE_OWNERS), 'demo', 'retention']
