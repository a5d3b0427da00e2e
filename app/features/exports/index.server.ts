// What routes use of exports (decision 086): the page, its form and the streamed file; what
// another feature's file reuses (the audit log's CSV, decision 091): the writer and its response.
export { exportAction, exportDownload, exportPage } from './page.server'
export { downloadResponse, exportFile, type FileOutcome } from './file.server'
