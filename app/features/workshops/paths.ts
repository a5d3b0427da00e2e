// The public links of what is not an appointment: each carries an opaque token only
// (manageTokenFor of the row's id), never a name or a number.

/** A workshop registration: the seat, and giving it back. */
export const registrationPath = (token: string) => `/atelier/${token}`

/** A place on a waiting list: the offer of a freed seat, and leaving the list. */
export const waitlistPath = (token: string) => `/attente/${token}`

/** An earlier-slot alert: take the earlier time offered, or stop the alerts. */
export const alertPath = (token: string) => `/alerte/${token}`

/** The workspace's workshop sessions to come (decision 082). */
export const WORKSHOPS_PATH = '/espace/ateliers'

/**
 * A session in the workspace: its participants and attendance; `modifier`, `annuler`,
 * `inscrire` (at the desk) and `emargement` (the sign-in sheet) follow it.
 */
export const workspaceSessionPath = (
  sessionId: string,
  page?: 'modifier' | 'annuler' | 'inscrire' | 'emargement',
) => `${WORKSHOPS_PATH}/${sessionId}${page ? `/${page}` : ''}`

/** Giving a registration's seat back, confirmed on a page of its own. */
export const giveBackPath = (token: string) => `${registrationPath(token)}/liberer`

/** Leaving a waiting list, confirmed on a page of its own. */
export const leaveWaitlistPath = (token: string) => `${waitlistPath(token)}/quitter`

/** The query of the workshops page: its filters by site and by theme. */
export const WORKSHOP_FILTERS = { site: 'lieu', theme: 'theme' } as const

/** An organisation's public workshops: the list (filtered by site and theme), one session. */
export function workshopPaths(organisationSlug: string) {
  const list = `/${organisationSlug}/ateliers`
  return {
    list: (filters: { siteId?: string | null; theme?: string | null } = {}) => {
      const query = new URLSearchParams()
      if (filters.siteId) query.set(WORKSHOP_FILTERS.site, filters.siteId)
      if (filters.theme) query.set(WORKSHOP_FILTERS.theme, filters.theme)
      const search = query.toString()
      return search ? `${list}?${search}` : list
    },
    session: (sessionId: string) => `${list}/${sessionId}`,
  }
}
