import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on loopback that keeps what it receives; can refuse the next mail, or
 * hold it until the test releases it (to see what does not wait for the mail).
 */
export async function startLoopbackSmtp() {
  const received: ParsedMail[] = []
  let refuseNext = false
  let held: Promise<void> | null = null
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    async onRcptTo(_address, _session, callback) {
      if (held) {
        const gate = held
        held = null
        await gate
      }
      if (refuseNext) {
        refuseNext = false
        const error = new Error('No such user') as Error & { responseCode: number }
        error.responseCode = 550
        return callback(error)
      }
      callback()
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const port = (smtp.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: () => {
      refuseNext = true
    },
    /** The next mail waits at its recipient until `release` is called. */
    holdNext(): { release: () => void } {
      let release = () => undefined as void
      held = new Promise<void>((resolve) => (release = resolve))
      return { release }
    },
    /** How many mails `to` has received so far. */
    countTo(to: string): number {
      return received.filter((m) => JSON.stringify(m.to).includes(to)).length
    },
    /**
     * The link of the next mail to `to`, once more than `count` have arrived (mails the app
     * sends after its answer arrive a moment later); at most 10 s.
     */
    async nextLinkTo(to: string, pathPrefix: string, count: number): Promise<string> {
      for (let tries = 0; tries < 100 && this.countTo(to) <= count; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return this.linkTo(to, pathPrefix)
    },
    /** The path of the first link to this app in the last mail to `to`. */
    linkTo(to: string, pathPrefix: string): string {
      const mail = received.filter((m) => JSON.stringify(m.to).includes(to)).at(-1)
      if (!mail) throw new Error(`no mail to ${to}`)
      const match = new RegExp(`https?://[^\\s/]+(${pathPrefix}[A-Za-z0-9_-]+)`, 'u').exec(
        mail.text ?? '',
      )
      if (!match) throw new Error(`no link ${pathPrefix} in: ${mail.text}`)
      return match[1]!
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  }
}
