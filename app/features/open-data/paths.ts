// The open-data feeds' URLs: the whole instance, and each organisation.

export const instanceFeeds = { json: '/donnees/lieux.json', csv: '/donnees/lieux.csv' }

export const organisationFeeds = (organisationSlug: string) => ({
  json: `/${organisationSlug}/donnees/lieux.json`,
  csv: `/${organisationSlug}/donnees/lieux.csv`,
})
