// The `start` value of the walk-in choice on the booking page: a time the agent types
// (decision 063). The page and its schema both read it.
export const WALK_IN = 'autre'
