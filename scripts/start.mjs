// One command on a fresh clone: install if needed, build, run the whole platform
// in this process on embedded defaults.
import { run } from './ensure-installed.mjs'

console.log('Building…')
run(process.execPath, ['node_modules/typescript/bin/tsc', '-b'])
await import('../packages/platform/dist/main.js')
