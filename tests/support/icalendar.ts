// The rules of RFC 5545 (iCalendar) and RFC 5546 (iTIP) a calendar file must follow to be
// read by every calendar, checked on the text as sent. No parser is installed (ical.js
// would be the reference one): this reads content lines by the RFC's grammar.

type Line = { name: string; params: Record<string, string>; value: string }
type Component = { name: string; lines: Line[]; children: Component[] }

const CRLF = '\r\n'
// name *(";" param) ":" value, where a param value is a quoted-string or paramtext.
const NAME = '[A-Za-z0-9-]+'
const PARAM_VALUE = '(?:"[^"\\x00-\\x08\\x0A-\\x1F\\x7F]*"|[^";:,\\x00-\\x08\\x0A-\\x1F\\x7F]*)'
const PARAM = `;${NAME}=${PARAM_VALUE}(?:,${PARAM_VALUE})*`
const CONTENT_LINE = new RegExp(`^(${NAME})((?:${PARAM})*):([^\\x00-\\x08\\x0A-\\x1F\\x7F]*)$`, 'u')
const PARAM_PART = new RegExp(`;(${NAME})=(${PARAM_VALUE}(?:,${PARAM_VALUE})*)`, 'gu')

const DATE_TIME = /^\d{8}T\d{6}Z?$/u
const DURATION = /^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/u
const CAL_ADDRESS = /^mailto:[^@\s]+@[^@\s]+$/iu
const URI = /^[a-z][a-z0-9+.-]*:\S+$/iu
// TEXT values escape backslashes, semicolons and commas (RFC 5545 3.3.11).
const UNESCAPED_TEXT = /(^|[^\\])(\\\\)*[;,]/u
const TEXT_PROPERTIES = ['SUMMARY', 'DESCRIPTION', 'LOCATION', 'COMMENT']

/** Every rule the file breaks, in words; an empty list for a valid file. */
export function icalendarProblems(text: string): string[] {
  const problems: string[] = []
  if (!text.endsWith(CRLF)) problems.push('the file does not end with CRLF')
  const physical = text.split(CRLF).slice(0, -1)
  physical.forEach((line, index) => {
    const octets = Buffer.byteLength(line, 'utf8')
    if (octets > 75) problems.push(`line ${index + 1} is ${octets} octets long (75 at most)`)
    if (/[\r\n]/u.test(line)) problems.push(`line ${index + 1} holds a bare CR or LF`)
  })
  const lines = unfold(physical)
  const parsed: Line[] = []
  for (const line of lines) {
    const match = CONTENT_LINE.exec(line)
    if (!match) {
      problems.push(`not a content line: ${line}`)
      continue
    }
    const params: Record<string, string> = {}
    for (const [, name, value] of match[2].matchAll(PARAM_PART)) params[name.toUpperCase()] = value
    parsed.push({ name: match[1].toUpperCase(), params, value: match[3] })
  }
  const root = nest(parsed, problems)
  if (root.length !== 1 || root[0].name !== 'VCALENDAR') {
    problems.push('the file is not one VCALENDAR')
    return problems
  }
  checkCalendar(root[0], problems)
  return problems
}

/** A long line continues on the next ones, each starting with a space or a tab. */
function unfold(physical: string[]): string[] {
  const lines: string[] = []
  for (const line of physical) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += line.slice(1)
    } else {
      lines.push(line)
    }
  }
  return lines
}

function nest(lines: Line[], problems: string[]): Component[] {
  const top: Component = { name: '', lines: [], children: [] }
  const stack = [top]
  for (const line of lines) {
    const current = stack[stack.length - 1]
    if (line.name === 'BEGIN') {
      const child = { name: line.value.toUpperCase(), lines: [], children: [] }
      current.children.push(child)
      stack.push(child)
    } else if (line.name === 'END') {
      if (current.name !== line.value.toUpperCase())
        problems.push(`END:${line.value} closes ${current.name}`)
      else stack.pop()
    } else {
      current.lines.push(line)
    }
  }
  if (stack.length !== 1) problems.push(`${stack[stack.length - 1].name} is never closed`)
  return top.children
}

const all = (component: Component, name: string) =>
  component.lines.filter((line) => line.name === name)

function once(component: Component, name: string, problems: string[], required = true) {
  const found = all(component, name)
  if (found.length > 1) problems.push(`${component.name} has ${found.length} ${name}`)
  if (required && found.length === 0) problems.push(`${component.name} has no ${name}`)
  return found[0]
}

function checkCalendar(calendar: Component, problems: string[]) {
  once(calendar, 'PRODID', problems)
  if (once(calendar, 'VERSION', problems)?.value !== '2.0') problems.push('VERSION is not 2.0')
  const method = once(calendar, 'METHOD', problems, false)?.value
  const events = calendar.children.filter((child) => child.name === 'VEVENT')
  if (events.length === 0) problems.push('no VEVENT')
  for (const event of events) {
    checkEvent(event, problems)
    // RFC 5546: an invitation or its cancellation names who organises it and for whom.
    if (method === 'REQUEST' || method === 'CANCEL') {
      if (!all(event, 'ORGANIZER').length) problems.push(`METHOD:${method} without ORGANIZER`)
      if (!all(event, 'ATTENDEE').length) problems.push(`METHOD:${method} without ATTENDEE`)
    }
  }
}

function checkEvent(event: Component, problems: string[]) {
  once(event, 'UID', problems)
  for (const name of ['DTSTAMP', 'DTSTART']) {
    const line = once(event, name, problems)
    if (line && !DATE_TIME.test(line.value))
      problems.push(`${name} is not a DATE-TIME: ${line.value}`)
  }
  const end = once(event, 'DTEND', problems, false)
  const start = once(event, 'DTSTART', [], false)
  if (end && start && end.value <= start.value) problems.push('DTEND is not after DTSTART')
  const sequence = once(event, 'SEQUENCE', problems, false)
  if (sequence && !/^\d+$/u.test(sequence.value)) problems.push('SEQUENCE is not an integer')
  const status = once(event, 'STATUS', problems, false)
  if (status && !['TENTATIVE', 'CONFIRMED', 'CANCELLED'].includes(status.value))
    problems.push(`STATUS ${status.value} is not one of a VEVENT's`)
  for (const name of ['ORGANIZER', 'ATTENDEE']) {
    for (const line of all(event, name))
      if (!CAL_ADDRESS.test(line.value)) problems.push(`${name} has no address: "${line.value}"`)
  }
  once(event, 'ORGANIZER', problems, false)
  const url = once(event, 'URL', problems, false)
  if (url && !URI.test(url.value)) problems.push(`URL is not a URI: ${url.value}`)
  for (const name of TEXT_PROPERTIES) {
    for (const line of all(event, name))
      if (UNESCAPED_TEXT.test(line.value)) problems.push(`${name} has an unescaped ; or ,`)
  }
  for (const child of event.children) {
    if (child.name !== 'VALARM') {
      problems.push(`a VEVENT cannot hold ${child.name}`)
      continue
    }
    const action = once(child, 'ACTION', problems)?.value
    const trigger = once(child, 'TRIGGER', problems)
    if (trigger && !DURATION.test(trigger.value) && !DATE_TIME.test(trigger.value))
      problems.push(`TRIGGER is not a duration: ${trigger.value}`)
    if (action === 'DISPLAY') once(child, 'DESCRIPTION', problems)
  }
}

/** The unfolded value of a property of the first event, unescaped, for assertions. */
export function eventProperty(text: string, name: string): string | null {
  const lines = unfold(text.split(CRLF))
  const line = lines.find(
    (candidate) =>
      candidate.toUpperCase().startsWith(`${name}:`) ||
      candidate.toUpperCase().startsWith(`${name};`),
  )
  if (!line) return null
  const value = CONTENT_LINE.exec(line)?.[3] ?? ''
  return value.replace(/\\n/giu, '\n').replace(/\\([,;\\])/gu, '$1')
}
