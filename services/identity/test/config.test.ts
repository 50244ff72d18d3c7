import t from 'tap'
import { loadIdentityConfig } from '../src/config.js'

const GOOD = {
  DATA_DIR: '/tmp/identity-config-test',
  MEFP_SECRET: '0123456789abcdef0123456789abcdef',
  APP_SECRET: 'fedcba9876543210'
}

/** The error loading `env` throws, or undefined when it loads. */
function failureOf (env: Record<string, string>): { code?: string, variables?: string[], message: string } | undefined {
  try {
    loadIdentityConfig(env)
    return undefined
  } catch (error) {
    return error as { code?: string, variables?: string[], message: string }
  }
}

t.test('a 32-byte MEFP_SECRET and a 16-byte APP_SECRET load', async (t) => {
  t.match(loadIdentityConfig(GOOD), { MEFP_SECRET: GOOD.MEFP_SECRET, APP_SECRET: GOOD.APP_SECRET })
})

t.test('a key or IV of the wrong length stops loading, naming the variable and never the value', async (t) => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['MEFP_SECRET', { MEFP_SECRET: GOOD.MEFP_SECRET.slice(1) }, '31 bytes'],
    ['MEFP_SECRET', { MEFP_SECRET: `${GOOD.MEFP_SECRET}x` }, '33 bytes'],
    // 32 characters, 34 bytes: the rule counts UTF-8 bytes, as the AES key is made of them.
    ['MEFP_SECRET', { MEFP_SECRET: `密${GOOD.MEFP_SECRET.slice(1)}` }, '32 characters of which one is Chinese'],
    ['APP_SECRET', { APP_SECRET: GOOD.APP_SECRET.slice(1) }, '15 bytes'],
    ['APP_SECRET', { APP_SECRET: `${GOOD.APP_SECRET}0123456789abcdef` }, '32 bytes'],
    ['APP_SECRET', { APP_SECRET: `密${GOOD.APP_SECRET.slice(1)}` }, '16 characters of which one is Chinese']
  ]
  for (const [variable, change, name] of cases) {
    const error = failureOf({ ...GOOD, ...change })
    t.match(error, { code: 'KIT_CONFIG', variables: [variable] }, `${variable} of ${name}`)
    t.match(
      error?.message,
      new RegExp(`^  - ${variable} .*exactly ${variable === 'MEFP_SECRET' ? 32 : 16} bytes`, 'm'),
      'the message names the variable and the length due'
    )
    t.notOk(error?.message.includes(Object.values(change)[0] ?? ''), 'without the value')
  }
})

t.test('both wrong: one error naming both', async (t) => {
  const error = failureOf({ ...GOOD, MEFP_SECRET: 'short', APP_SECRET: 'short' })
  t.match(error, { code: 'KIT_CONFIG', variables: ['APP_SECRET', 'MEFP_SECRET'] })
})
