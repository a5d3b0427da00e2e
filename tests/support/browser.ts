import AxeBuilder from '@axe-core/playwright'
import { chromium as playwright, type Browser, type Page } from 'playwright-core'

/**
 * A real Chromium: the one npm installed (@sparticuz/chromium, unpacked into /tmp on first
 * launch), or CHROMIUM_PATH (for example Debian's /usr/bin/chromium). Never downloaded.
 */
export async function launchChromium(): Promise<Browser> {
  if (process.env.CHROMIUM_PATH) {
    return playwright.launch({
      executablePath: process.env.CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  }
  const { default: chromium } = await import('@sparticuz/chromium')
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  })
}

/** axe-core on the page as it is now, WCAG 2.1 A and AA rules. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }))
}
