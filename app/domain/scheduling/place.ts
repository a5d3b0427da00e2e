/**
 * Where an appointment is held, as URLs and forms write it: a site id, or this word for
 * phone help (a rule or appointment without a site).
 */
export const PHONE_PLACE = 'telephone'
