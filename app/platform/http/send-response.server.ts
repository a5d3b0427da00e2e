import { sendRemixResponse } from '@remix-run/express/dist/server.js'
import type express from 'express'

// Remix's own sender writes a body's chunks as fast as they come, whatever the client
// reads: a large streamed file (an export, decision 086) would pile up in memory behind a
// slow connection. This one waits for the socket to drain between chunks, and stops
// reading the body when the client goes away; headers and flushes are as Remix's.

export async function sendResponse(response: express.Response, answer: Response) {
  if (!answer.body) return sendRemixResponse(response, answer)
  response.statusMessage = answer.statusText
  response.status(answer.status)
  for (const [key, value] of answer.headers.entries()) response.append(key, value)
  if (/text\/event-stream/i.test(answer.headers.get('Content-Type') ?? '')) {
    response.flushHeaders()
  }
  const reader = answer.body.getReader()
  const flushable = response as { flush?: () => void }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const more = response.write(value)
      flushable.flush?.()
      if (!more && !(await drained(response))) {
        await reader.cancel()
        return
      }
    }
    response.end()
  } catch (error) {
    response.destroy(error as Error)
    throw error
  }
}

/** True once the socket takes more, false if the client went away first. */
function drained(response: express.Response): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (more: boolean) => () => {
      response.off('drain', onDrain)
      response.off('close', onClose)
      resolve(more)
    }
    const onDrain = settle(true)
    const onClose = settle(false)
    response.on('drain', onDrain)
    response.on('close', onClose)
  })
}
