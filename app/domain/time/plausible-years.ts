// The years a person can mean. A date of year 1 or 9999 in a URL or a form is a typo or a
// probe: every reader of dates treats it as not a date, so it never reaches a query (the
// databases and Luxon disagree at the edges of their calendars: PostgreSQL refused year 1,
// a week after year 9999 is no date at all) and the reader is answered as for any
// malformed date (decision 074).
export const FIRST_PLAUSIBLE_YEAR = 2000
export const LAST_PLAUSIBLE_YEAR = 2199

export const isPlausibleYear = (year: number) =>
  year >= FIRST_PLAUSIBLE_YEAR && year <= LAST_PLAUSIBLE_YEAR

/**
 * The years computations may reach from a plausible date: the day after 31 December 2199,
 * the Monday before 1 January 2000. Inputs are checked with isPlausibleYear; this only
 * keeps what is derived from them computable.
 */
export const isComputableYear = (year: number) =>
  year >= FIRST_PLAUSIBLE_YEAR - 1 && year <= LAST_PLAUSIBLE_YEAR + 1
