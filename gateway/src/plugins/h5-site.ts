import { basename } from 'node:path'
import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { SITE_ROOT, VENDOR_FILES } from '@driver/h5'
import { staticFileRoutes } from '@driver/kit'

export const SITE_PREFIX = '/wx/html/'

/**
 * The pages run only what this origin serves, plus WeChat's JS-SDK (loaded inside WeChat only).
 * Photos show from our `/wx/images/`, from `data:` (`wx.getLocalImgData` on iOS) and `blob:`
 * (a file input's preview), from WeChat's local ids on Android (`weixin://`) and its avatar hosts,
 * and a sales person's QR code from where WeChat shows QR codes (`qrCodeOrigin`).
 */
export function siteCsp (qrCodeOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://res.wx.qq.com https://res2.wx.qq.com",
    "style-src 'self'",
    `img-src 'self' data: blob: weixin: wxlocalresource: https://thirdwx.qlogo.cn https://wx.qlogo.cn ${qrCodeOrigin}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ')
}

const VENDOR_DIRS = [...new Set(Object.values(VENDOR_FILES).map((path) => path.slice(0, -basename(path).length)))]

/** Our own files change with a deploy and carry no hash: every view revalidates (a 304 when unchanged). */
const siteHeaders = (csp: string) => (reply: FastifyReply): void => {
  reply.header('cache-control', 'no-cache')
  reply.header('content-security-policy', csp)
  reply.header('x-content-type-options', 'nosniff')
}

/**
 * The drivers' H5 site (`packages/h5`) at `/wx/html/`, the home page at `/`. The pages need no
 * session: their first API call answers 401 and the page sends the browser to the login.
 */
export const h5Site: FastifyPluginAsync<{ qrCodeOrigin: string }> = async (app, { qrCodeOrigin }) => {
  // A page view is a dozen files: their request lines are written at debug.
  staticFileRoutes(app)
  // Only the site's files, in this plugin's scope (the API's answers are small): a first view on a
  // phone's network is WeUI and jQuery, a fifth of their size compressed. Registered before the files.
  await app.register(fastifyCompress, { globalDecompression: false, encodings: ['br', 'gzip'] })
  await app.register(fastifyStatic, {
    root: SITE_ROOT,
    prefix: SITE_PREFIX,
    index: ['index.html'],
    redirect: true,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: siteHeaders(siteCsp(qrCodeOrigin))
  })
  // The libraries change only with the lockfile: a day's freshness, then a revalidation.
  const vendorNames = new Set(Object.keys(VENDOR_FILES))
  await app.register(fastifyStatic, {
    root: VENDOR_DIRS,
    prefix: `${SITE_PREFIX}vendor/`,
    decorateReply: false,
    index: false,
    allowedPath: (path) => vendorNames.has(path.replace(/^\//, '')),
    maxAge: 86_400_000,
    setHeaders: (reply) => { reply.header('x-content-type-options', 'nosniff') }
  })
  app.get('/', (_request, reply) => reply.redirect(SITE_PREFIX))
  app.get(SITE_PREFIX.slice(0, -1), (_request, reply) => reply.redirect(SITE_PREFIX))
}
