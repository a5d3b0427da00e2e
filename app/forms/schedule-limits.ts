// Values of the hours and absence forms the browser needs too (maxlength, the phone
// choice), apart from the zod schemas so that the pages do not load the validation code.
export const REASON_MAX = 200
/** The place value of phone help in the rule form (a rule without a site). */
export const PHONE_PLACE = 'telephone'
