// The weight of resume.html as a driver's browser loads it through the all-in-one platform: bytes
// on the wire (headers and bodies, as Chromium counts them) and requests for a first view (empty
// cache) and a repeat view, and the time to first contentful paint, beside a blank page served by a
// bare node:http server on the same machine (the browser's own floor).
//
//   corepack pnpm bench        (in packages/h5; needs /usr/bin/chromium)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Page } from 'playwright-core'
import { loadPlatformConfig, startPlatform } from '@driver/platform'
import { CHROMIUM_PATH, chromiumAvailable } from '@driver/testing'
import { SITE_ROOT, VENDOR_FILES } from '../src/index.js'

const ROUNDS = 7

if (!chromiumAvailable()) {
  console.log(`page-weight: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium); skipped`)
  process.exit(0)
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

/** Bytes and requests of one navigation, and its first contentful paint. */
async function view (page: Page, url: string, ready: string) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  let bytes = 0
  let requests = 0
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; requests++ })
  await page.goto(url)
  await page.waitForSelector(ready)
  await page.waitForLoadState('networkidle')
  const fcp = await page.evaluate<number>(
    `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`
  )
  await cdp.detach()
  return { bytes, requests, fcp }
}

/** A free loopback port: WeChat's login must be told where to come back before the gateway listens. */
async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const address = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}

const dataDir = mkdtempSync(join(tmpdir(), 'h5-bench-'))
const platform = await startPlatform(loadPlatformConfig({
  PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000'
}))
const address = platform.gateway.server.address()
const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
const blank = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
  response.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>空白</title><p>空白页</p></html>')
})
await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve))
const blankAddress = blank.address()
const blankUrl = typeof blankAddress === 'object' && blankAddress ? `http://127.0.0.1:${blankAddress.port}/` : ''

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-background-networking']
})
try {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 })
  // No page.route here: Playwright turns the browser's HTTP cache off while routing, and the repeat view needs it.
  const page = await context.newPage()
  // Log in through the WeChat simulator, then give the resume some content to show.
  await page.goto(`${base}/wx/html/index.html`)
  await page.locator('[data-field="nick_name"]').filter({ hasText: /\S/ }).waitFor()
  const resume = { real_name: '李四', married: 1, education: 2, id_num: '11010519491231002X', self_evaluation: '驾龄十年' }
  await page.evaluate(`api.post('/wx/resume/opt', ${JSON.stringify(resume)})`)

  const first = []
  const repeat = []
  const floor = []
  const cdp = await context.newCDPSession(page)
  for (let round = 0; round < ROUNDS; round++) {
    await cdp.send('Network.clearBrowserCache')
    first.push(await view(page, `${base}/wx/html/resume.html`, 'dd[data-field="real_name"]'))
    repeat.push(await view(page, `${base}/wx/html/resume.html`, 'dd[data-field="real_name"]'))
    floor.push(await view(page, blankUrl, 'p'))
  }
  const line = (name: string, views: Array<Awaited<ReturnType<typeof view>>>) => console.log(
    `${name.padEnd(26)} ${String(median(views.map((v) => v.bytes))).padStart(8)} B  ` +
    `${String(median(views.map((v) => v.requests))).padStart(3)} requests  ` +
    `FCP ${median(views.map((v) => v.fcp)).toFixed(0).padStart(4)} ms (median of ${ROUNDS})`
  )
  console.log(`page-weight of resume.html, ${new Date().toISOString()}, Chromium ${browser.version()}`)
  line('resume.html, first view', first)
  line('resume.html, repeat view', repeat)
  line('blank page (floor)', floor)

  // For reference: the files' own size, and gzip's (the gateway sends brotli or gzip, whichever the browser takes).
  const files: Record<string, string> = { ...VENDOR_FILES, 'resume.html': join(SITE_ROOT, 'resume.html') }
  for (const name of ['api.js', 'forms.js', 'labels.js', 'resume.js']) files[name] = join(SITE_ROOT, 'js', name)
  files['site.css'] = join(SITE_ROOT, 'css', 'site.css')
  let raw = 0
  let gzipped = 0
  for (const path of Object.values(files)) {
    const bytes = readFileSync(path)
    raw += bytes.length
    gzipped += gzipSync(bytes, { level: 6 }).length
  }
  console.log(`resume.html's files: ${raw} B uncompressed, ${gzipped} B gzipped (level 6)`)
} finally {
  await browser.close()
  blank.close()
  await platform.close()
  rmSync(dataDir, { recursive: true, force: true })
}
