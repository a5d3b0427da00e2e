// Spreadsheets run a cell as a formula when its text starts with one of these (OWASP's
// "CSV injection"): a note typed as `=HYPERLINK(...)` must stay text in the advisor's Excel.
// Tab and carriage return are on OWASP's list too: some spreadsheets skip them first.
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r']

/** The text as a spreadsheet shows it without running it: a leading `'` where needed. */
export function neutraliseFormula(text: string): string {
  return FORMULA_STARTS.some((start) => text.startsWith(start)) ? `'${text}` : text
}

/** Every text cell of a row neutralised; numbers, dates and empty cells as they are. */
export function guardRow(cells: readonly ExportCell[]): ExportCell[] {
  return cells.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))
}

/** What an exported cell holds: text, a number, a local date or time, or nothing. */
export type ExportCell = string | number | LocalDate | null

/** A wall-clock date (and time) at the organisation, as a spreadsheet shows it. */
export type LocalDate = { kind: 'date'; iso: string } | { kind: 'time'; iso: string }
