// Prints a fresh session key pair as .env lines (PEM newlines escaped as \n).
import { generateKeyPairSync } from 'node:crypto'

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const line = (pem) => pem.toString().trim().replaceAll('\n', '\\n')
console.log(`SESSION_PRIVATE_KEY="${line(privateKey.export({ type: 'pkcs8', format: 'pem' }))}"`)
console.log(`SESSION_PUBLIC_KEY="${line(publicKey.export({ type: 'spki', format: 'pem' }))}"`)
