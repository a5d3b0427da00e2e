// An error as the logs keep it: its kind, its code and where it was thrown, never its
// message nor its other fields, which may quote what a person typed (Prisma prints a
// query's arguments, a parser the text it choked on). pino-http hands its serialiser the
// error already serialised by pino ({ type, message, stack, ... }); an Error is read alike.
type LoggedError = { type: string; code?: string | number; stack?: string }

export function errorForLog(error: unknown): LoggedError {
  if (typeof error !== 'object' || error === null) return { type: typeof error }
  const { type, name, code, stack } = error as Record<string, unknown>
  const frames = String(stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .map((line) => line.trim())
  return {
    type: String(type ?? name ?? error.constructor.name),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: frames.join('\n'),
  }
}
