import type { LoadContext } from './app.server'

/**
 * A request made on this machine straight to the app: the TCP peer is a loopback address
 * and no proxy forwarded it. The peer, not X-Forwarded-For (which anyone can write); and a
 * forwarded request may come from anywhere, even through a proxy on this machine.
 */
export function isFromThisMachine(request: Request, context: unknown): boolean {
  const peer = (context as Partial<LoadContext> | undefined)?.socketAddress ?? ''
  const forwarded = request.headers.has('x-forwarded-for') || request.headers.has('forwarded')
  return !forwarded && isLoopback(peer)
}

function isLoopback(address: string) {
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/u.test(address)
}
