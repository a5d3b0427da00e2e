import { simpleParser, type ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** A real SMTP server on loopback that keeps what it receives; can refuse the next mail. */
export async function startLoopbackSmtp() {
  const received: ParsedMail[] = []
  let refuseNext = false
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
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
