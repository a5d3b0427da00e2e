// What the entry points use of the statistics: the worker's daily tallies (decision 098).
export { tallyStatistics } from './tally.server'
