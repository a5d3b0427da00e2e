// The workspace's workshop pages (decision 082); the pages, their server and the calendars
// link to them.

export const WORKSHOPS_PATH = '/espace/ateliers'

/** A session's page; `/modifier`, `/annuler`, `/inscrire`, `/emargement` follow it. */
export const sessionPath = (
  id: string,
  page?: 'modifier' | 'annuler' | 'inscrire' | 'emargement',
) => `${WORKSHOPS_PATH}/${id}${page ? `/${page}` : ''}`
