// How a topic is given (decision 082): one to one, booked in the journey and at the desk;
// or collective, in workshop sessions with seats, never offered as a one-to-one slot.

export const TOPIC_FORMATS = ['INDIVIDUAL', 'COLLECTIVE'] as const
export type TopicFormat = (typeof TOPIC_FORMATS)[number]

/** The filter of every query that lists topics to book one to one. */
export const ONE_TO_ONE = { format: 'INDIVIDUAL' } as const
