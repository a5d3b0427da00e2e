import { Writable } from 'node:stream'
import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './components/nonce'
import { fixedT, languageOf } from './i18n/i18n.server'
import { TextsProvider } from './i18n/texts'
import { textsFor } from './i18n/texts.server'
import { answersBusy, busyResponse, noteDatabaseBusy } from './platform/http/database-busy.server'
import type { LoadContext } from './platform/http/app.server'
import type { RefusalTexts } from './platform/http/request-guards.server'

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

type Context = Partial<LoadContext>

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (noteDatabaseBusy(error, request, context)) return
  // A 404 or 405 is the reader's mistake, said by its page; anything else is ours: the
  // request's log line says it, at error level, with the stack (decision 074).
  if (request.signal.aborted || isRouteErrorResponse(error)) return
  ;(context as Context).reportError?.(error)
}

// The pages of requests refused before Remix (app/platform/http/request-guards.server.ts).
export const refusalTexts: RefusalTexts = async (request, refusal) => {
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const home = t('error.backHome')
  if (refusal === 'failed') {
    return { language, title: t('error.title'), message: t('error.generic'), home }
  }
  return {
    language,
    title: t(`error.refused.${refusal}.title`),
    message: t(`error.refused.${refusal}.message`),
    home,
  }
}

async function busyPage(request: Request) {
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return busyResponse({ language, title: t('error.busyTitle'), message: t('error.busy') })
}

// Client-side navigations and submissions (JavaScript on): the same 503.
export const handleDataRequest: HandleDataRequestFunction = (response, { request, context }) =>
  answersBusy(context) ? busyPage(request) : response

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: Context,
) {
  if (answersBusy(loadContext)) return busyPage(request)
  const nonce = loadContext.cspNonce ?? ''
  const texts = await textsFor(request)

  // No page defers data, so the whole document is ready at once. Sent as one body, gzip
  // compresses it in one call instead of one per React chunk (decision 016).
  return new Promise<Response>((resolve, reject) => {
    let rendered = false
    const chunks: Buffer[] = []
    const document = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(Buffer.from(chunk))
        done()
      },
      final(done) {
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
        resolve(
          new Response(withoutNulBytes(Buffer.concat(chunks)), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        )
        done()
      },
    })
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TextsProvider value={texts}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </TextsProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          rendered = true
          pipe(document)
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the document is ready are reported by Remix; later ones only here.
          if (rendered) loadContext.reportError?.(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1_000)
  })
}

// React 18.3's stream writer can leave a zero byte where a chunk of 2 KB ends inside a
// multi-byte letter (react#24985): harmless in text, a U+FFFD in an attribute or a script.
// No page has a NUL of its own (input drops them, decision 074), so every one goes.
function withoutNulBytes(body: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  return body.includes(0) ? Buffer.concat([body.filter((byte) => byte !== 0)]) : body
}
