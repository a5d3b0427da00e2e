// Once before the browser suite's files start, two at a time: @sparticuz/chromium unpacks
// its browser into /tmp on first use, and two files unpacking it at once would read a
// half-written file.
export async function setup() {
  if (process.env.CHROMIUM_PATH) return
  const { default: chromium } = await import('@sparticuz/chromium')
  await chromium.executablePath()
}
