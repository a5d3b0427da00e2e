// What other features and their routes use of open data: the admin pages say whether a
// site is published and link the feeds.
export { siteOpenData, type SiteOpenData } from './site-status.server'
export { instanceFeeds, organisationFeeds } from './paths'
