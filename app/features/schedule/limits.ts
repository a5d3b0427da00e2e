// Values of the hours and absence forms the browser needs too (maxlength), apart from the
// zod schemas so that the pages do not load the validation code.
export const REASON_MAX = 200
