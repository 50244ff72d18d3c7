// The container's entry point: one image, the process chosen by its first argument.
const entries = {
  gateway: '../gateway/dist/server.js',
  identity: '../services/identity/dist/server.js',
  resumes: '../services/resumes/dist/server.js',
  media: '../services/media/dist/server.js',
  sms: '../services/sms/dist/server.js',
  'all-in-one': '../packages/platform/dist/main.js'
}

const name = process.argv[2] ?? 'all-in-one'
const entry = entries[name]
if (!entry) {
  console.error(`unknown process "${name}"; one of: ${Object.keys(entries).join(', ')}`)
  process.exit(2)
}
await import(entry)
