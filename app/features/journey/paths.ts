export const JOURNEY_STEPS = 6

/** One home for the booking journey's URLs, so every step links the same way. */
export function journeyPaths(organisationSlug: string, topicId = '') {
  const topics = `/${organisationSlug}/rendez-vous`
  const topic = `${topics}/${topicId}`
  return {
    organisation: `/${organisationSlug}`,
    topics,
    mode: topic,
    sites: `${topic}/lieu`,
    slots: (place: string, week?: string) =>
      `${topic}/creneaux/${place}${week ? `?semaine=${week}` : ''}`,
    contact: (place: string, start: string) => `${topic}/creneaux/${place}/${start}/coordonnees`,
    review: (place: string, start: string) => `${topic}/creneaux/${place}/${start}/confirmer`,
    /** No time free at the place: be told when one frees up. */
    alert: (place: string) => `${topic}/creneaux/${place}/alerte`,
  }
}
