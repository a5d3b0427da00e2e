// Pages the app answers before (or instead of) Remix: the 503 of a busy database, a refused
// request. No script, no style, nothing that could fail in turn.

export type PlainPage = {
  language: string
  title: string
  message: string
  /** The words of a link to the home page, if the page offers one. */
  home?: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/gu, (character) => `&#${character.charCodeAt(0)};`)

export function plainPageHtml(page: PlainPage): string {
  const title = escapeHtml(page.title)
  const home = page.home ? `<p><a href="/">${escapeHtml(page.home)}</a></p>` : ''
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${escapeHtml(page.message)}</p>${home}</main></body>
</html>
`
}
