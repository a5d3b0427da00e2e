// Times as pages and emails print them (app/domain/time/format.ts): the spaces inside a
// time are non-breaking, so "9 h 30" never wraps. Tests write times plainly; this puts
// the non-breaking spaces where formatTime does.

const NON_BREAKING_SPACE = '\u00a0'

/** "de 9 h à 12 h 30" as printed: "de 9\u00a0h à 12\u00a0h\u00a030". */
export function printed(text: string): string {
  return text.replace(/(\d) h(?: (\d\d))?(?![\p{L}\d])/gu, (_, hour: string, minutes?: string) =>
    minutes
      ? `${hour}${NON_BREAKING_SPACE}h${NON_BREAKING_SPACE}${minutes}`
      : `${hour}${NON_BREAKING_SPACE}h`,
  )
}
