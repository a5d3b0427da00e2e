// What other features, their routes and the entry points use of retention: the daily run,
// the one anonymisation of a resident (retention and erasure), the settings of the periods.
export { anonymiseResident, type Tx as RetentionTx } from './anonymise.server'
export { lastRun, periodsOf, runRetention, type RunOutcome } from './job.server'
export { warnAdvisorByEmail } from './advisor-warning.server'
export { retentionSettings, saveRetentionPeriods, type RetentionSettings } from './settings.server'
