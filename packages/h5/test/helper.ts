import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { loadPlatformConfig, startPlatform } from '@driver/platform'
import { CHROMIUM_PATH, skipWithoutChromium } from '@driver/testing'

/** What of a tap test this needs. */
type Tap = {
  teardown: (fn: () => unknown) => void
  testdir: () => string
  plan: (count: number, comment?: string) => void
}

/** A 1×1 PNG: WeChat's avatar CDN as the browser sees it in the tests (no test reaches the internet). */
const AVATAR = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'
)

const LOGIN_401 = /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/

/** Where the pages' screenshots go when H5_SCREENSHOTS=1 (`corepack pnpm screenshots` in packages/h5). */
const SCREENSHOTS = process.env.H5_SCREENSHOTS === '1' ? new URL('../screenshots/', import.meta.url) : undefined

async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface Site {
  /** The gateway: `http://127.0.0.1:<port>`. */
  base: string
  browser: Browser
  /** A new browser profile (cookies of its own: another WeChat person) with a 375 px wide page. */
  driver: (options?: { userAgent?: string }) => Promise<{ context: BrowserContext, page: Page, errors: string[] }>
  /** The latest code the development outbox holds for a phone. */
  smsCode: (phone: string) => Promise<string>
  /** Saves a screenshot of the page when screenshots are asked for. */
  screenshot: (page: Page, name: string) => Promise<void>
}

/**
 * The all-in-one platform in the test's folder and one headless Chromium in front of it. Every
 * page's console errors, failed requests and uncaught exceptions are collected in `errors`.
 */
export async function buildSite (t: Tap, env: Record<string, string> = {}): Promise<Site> {
  skipWithoutChromium(t)
  const closing: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closing.reverse()) await close() })
  const port = await freePort()
  const platform = await startPlatform(loadPlatformConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: t.testdir(),
    LOG_LEVEL: 'silent',
    // One browser loads a page's seven files and its API calls from one IP, many pages a minute.
    RATE_LIMIT_MAX: '100000',
    ...env
  }))
  closing.push(() => platform.close())
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-background-networking']
  })
  closing.push(() => browser.close())
  const base = `http://127.0.0.1:${port}`

  return {
    base,
    browser,
    async driver (options = {}) {
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN', userAgent: options.userAgent
      })
      await context.route(/^https:\/\/(thirdwx|wx)\.qlogo\.cn\//, (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: AVATAR }))
      const page = await context.newPage()
      const errors: string[] = []
      page.on('console', (message) => {
        // The browser reports the 401 that sends a page without a session to the login; nothing else may be.
        if (message.type() !== 'error' || LOGIN_401.test(message.text())) return
        errors.push(`${page.url()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`))
      page.on('dialog', (dialog) => { void dialog.accept() })
      return { context, page, errors }
    },
    async smsCode (phone) {
      const answer = await fetch(`${base}/dev/sms/outbox?phone=${phone}`)
      const outbox = await answer.json() as { data: Array<{ code: string }> }
      return outbox.data[0]?.code ?? ''
    },
    async screenshot (page, name) {
      if (!SCREENSHOTS) return
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS.pathname, `${name}.png`), fullPage: true })
    }
  }
}

/**
 * Waits until an element of `selector` (hidden or not) has a text matching `text`: any text when
 * absent, exactly a string. Locators, not page functions: the pages' CSP forbids evaluating strings
 * and the tests are compiled without the DOM library.
 */
export async function shows (page: Page, selector: string, text: RegExp | string = /\S/): Promise<void> {
  const hasText = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text
  await page.locator(selector).filter({ hasText }).first().waitFor({ state: 'attached' })
}

/** Waits until the page's message box says `text`. */
export async function messageIs (page: Page, text: string): Promise<void> {
  await shows(page, '#message', text)
}

/** A small JPEG drawn by the browser itself: a photo as a driver's phone would give one. */
export async function photo (page: Page, label: string): Promise<{ name: string, mimeType: string, buffer: Buffer }> {
  const dataUrl = await page.evaluate<string>(`(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 200
    const context = canvas.getContext('2d')
    context.fillStyle = '#dfe8f1'
    context.fillRect(0, 0, 320, 200)
    context.fillStyle = '#333'
    context.font = '28px sans-serif'
    context.fillText(${JSON.stringify(label)}, 20, 110)
    return canvas.toDataURL('image/jpeg', 0.8)
  })()`)
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(dataUrl.split(',')[1] ?? '', 'base64') }
}

/** Taps a photo slot and gives the file chooser the photo (the direct path, outside WeChat). */
export async function upload (page: Page, field: string, label: string): Promise<void> {
  const file = await photo(page, label)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(`.p_mag:has(#${field})`)])
  await chooser.setFiles(file)
  await page.locator(`#${field}[data-id]`).waitFor({ state: 'attached' })
}
