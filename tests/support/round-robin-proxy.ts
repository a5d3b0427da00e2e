import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import httpProxy from 'http-proxy'

// A load balancer on loopback in front of several instances, behaving as nginx's upstream
// does by default: each request goes to the next instance in turn; a refused connection
// (the instance is down, nothing was sent) passes the request on to the next one; a
// connection lost once the request was sent answers 502, never a second try, since the
// first instance may have booked already.

export type RoundRobinProxy = {
  url: string
  /** Requests each instance answered, by its address. */
  served: Map<string, number>
  /** Requests answered 502 because their instance died with them. */
  lost: () => number
  close: () => Promise<void>
}

export const PROXY_LOST = 'the instance was lost during this request'

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const proxy = httpProxy.createProxyServer({ xfwd: true })
  const served = new Map(targets.map((target) => [target, 0]))
  let turn = 0
  let lost = 0
  const targetOf = new WeakMap<IncomingMessage, string>()
  proxy.on('proxyRes', (_answer, req) => {
    const target = targetOf.get(req)!
    served.set(target, served.get(target)! + 1)
  })

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, tries: number) {
    const target = targets[turn++ % targets.length]!
    targetOf.set(req, target)
    proxy.web(req, res, { target, buffer: Readable.from([body]) }, (error) => {
      const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED'
      if (refused && tries > 1) return forward(req, res, body, tries - 1)
      lost += 1
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end(PROXY_LOST)
    })
  }

  // The body is read first so that a refused request can go to the next instance whole.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => forward(req, res, Buffer.concat(chunks), targets.length))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          proxy.close()
          resolve()
        })
      }),
  }
}
