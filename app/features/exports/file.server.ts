import { PassThrough, pipeline, Transform, type Readable, type Writable } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import { guardRow, type ExportCell } from '~/domain/exports/formula-guard'
import type { ExportFormat } from './filters.server'
import { DAY_MS, MINUTE_MS } from '~/domain/scheduling/calendar'

// The file, written as its rows are read (decision 086): CSV for Excel in France (UTF-8
// with a BOM, `;` between cells, as Excel's French locale expects) or XLSX through
// exceljs's streaming writer, with typed date and time cells. Every text cell goes
// through the formula guard first. Writing waits while the reader is behind, so memory
// holds a batch of rows whatever the export's size.

export type FileOutcome = { rows: number; complete: boolean }

export type ExportFile = {
  body: Readable
  /** Settles when the last row is written, or the download stopped. */
  done: Promise<FileOutcome>
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The file as a download: never cached, its name chosen by the caller (ids and dates only). */
export function downloadResponse(file: ExportFile, format: ExportFormat, name: string): Response {
  return new Response(createReadableStreamFromReadable(file.body), {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** Rows between two looks at the reader: the writer pauses there while it is behind. */
const PAUSE_EVERY = 200

/** Lets the reader catch up: until the buffer drains, or the download is closed. */
function keepUp(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain) return new Promise((resolve) => setImmediate(resolve))
  return new Promise((resolve) => {
    const go = () => {
      stream.off('drain', go)
      stream.off('close', go)
      resolve()
    }
    stream.on('drain', go)
    stream.on('close', go)
  })
}

export function exportFile(
  format: ExportFormat,
  sheetName: string,
  columns: readonly string[],
  rows: AsyncIterable<ExportCell[]>,
): ExportFile {
  return format === 'csv' ? csvFile(columns, rows) : xlsxFile(sheetName, columns, rows)
}

/** Bytes sent at once: writers emit a chunk per row or so, the socket wants fewer, larger. */
const CHUNK_BYTES = 64 * 1024

/** The writer's output in chunks of CHUNK_BYTES; destroying one end destroys the other. */
function chunked(source: Readable): Readable {
  let pending: Buffer[] = []
  let length = 0
  const take = () => {
    const chunk = Buffer.concat(pending, length)
    pending = []
    length = 0
    return chunk
  }
  const output = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk)
      length += chunk.length
      done(null, length >= CHUNK_BYTES ? take() : undefined)
    },
    flush(done) {
      done(null, length > 0 ? take() : undefined)
    },
  })
  return pipeline(source, output, () => {})
}

const csvCell = (cell: ExportCell) =>
  cell === null ? '' : typeof cell === 'object' ? cell.iso : cell

function csvFile(columns: readonly string[], rows: AsyncIterable<ExportCell[]>): ExportFile {
  const csv = stringify({ delimiter: ';', bom: true, record_delimiter: 'windows' })
  const done = (async (): Promise<FileOutcome> => {
    let count = 0
    try {
      csv.write(columns)
      for await (const row of rows) {
        if (csv.destroyed) return { rows: count, complete: false }
        csv.write(guardRow(row).map(csvCell))
        count += 1
        if (count % PAUSE_EVERY === 0) await keepUp(csv)
      }
      csv.end()
      return { rows: count, complete: true }
    } catch (error) {
      csv.destroy(error as Error)
      return { rows: count, complete: false }
    }
  })()
  return { body: chunked(csv), done }
}

/** A local date or time as Excel stores it: days since its epoch, the time as a fraction. */
function xlsxCell(cell: ExportCell): ExcelJS.CellValue {
  if (cell === null || typeof cell !== 'object') return cell
  if (cell.kind === 'date') return new Date(`${cell.iso}T00:00:00Z`)
  const [hours, minutes] = cell.iso.split(':').map(Number)
  return ((hours ?? 0) * 60 + (minutes ?? 0)) / (DAY_MS / MINUTE_MS)
}

const NUMBER_FORMATS = { date: 'dd/mm/yyyy', time: 'hh:mm' } as const

function xlsxFile(
  sheetName: string,
  columns: readonly string[],
  rows: AsyncIterable<ExportCell[]>,
): ExportFile {
  const body = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: body,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName)
  sheet.columns = columns.map((header) => ({ header, key: header, width: 16 }))
  sheet.getRow(1).commit()
  const done = (async (): Promise<FileOutcome> => {
    let count = 0
    try {
      for await (const row of rows) {
        if (body.destroyed) return { rows: count, complete: false }
        const added = sheet.addRow(guardRow(row).map(xlsxCell))
        row.forEach((cell, index) => {
          if (cell !== null && typeof cell === 'object') {
            added.getCell(index + 1).numFmt = NUMBER_FORMATS[cell.kind]
          }
        })
        added.commit()
        count += 1
        if (count % PAUSE_EVERY === 0) await keepUp(body)
      }
      sheet.commit()
      await workbook.commit()
      return { rows: count, complete: true }
    } catch (error) {
      body.destroy(error as Error)
      return { rows: count, complete: false }
    }
  })()
  return { body: chunked(body), done }
}
