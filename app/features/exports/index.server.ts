// What routes use of exports (decision 086): the page, its form and the streamed file.
export { exportAction, exportDownload, exportPage } from './page.server'
