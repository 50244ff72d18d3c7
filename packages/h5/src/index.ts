import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** The pages, their scripts and styles, served as they are (no build step). */
export const SITE_ROOT = fileURLToPath(new URL('../site/', import.meta.url))

/**
 * The libraries the pages load from `/wx/html/vendor/<name>`, straight from their npm packages
 * (this package's dependencies), so the site needs no CDN and the lockfile pins what is served.
 */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'jquery.min.js': require.resolve('jquery/dist/jquery.min.js'),
  'weui.min.css': require.resolve('weui/dist/style/weui.min.css')
}
