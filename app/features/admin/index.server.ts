// What other features and their routes read of the organisation's team and sites.
export {
  advisorById,
  advisorsByIds,
  organisationAdvisors,
  organisationSites,
  receivingAdvisors,
  siteById,
} from './directory.server'
