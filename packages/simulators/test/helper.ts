/** The official account the WeChat simulator plays in these tests. */
export const APP_ID = 'wx-test-app'
export const APP_SECRET = 'test-app-secret-0123456789abcdef'
/** The MeFP simulator's key and IV in these tests: 32 and 16 bytes. */
export const MEFP_KEYS = { secret: 'simulators-test-mefp-key-32bytes', iv: 'sim-test-iv-16by' }

export { consume } from '@driver/testing'
