// One service as two replicas behind the gateway, as `docker compose up --scale <service>=2` runs it
// (scripts/run-like-compose.mjs names both in the gateway's <SERVICE>_URL and starts the second one
// once the gateway runs): the gateway's /readyz lists both as ok; requests through the gateway reach
// both; one is killed with SIGKILL; once the gateway's /readyz says it is `down` (the gateway
// noticed), no request fails, reads and writes alike.
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const NOTICE_TIMEOUT_MS = 10_000
const READY_TIMEOUT_MS = 60_000
/** Requests sent after the kill is noticed; with the rest, within the gateway's 300 a minute per client. */
const AFTER_NOTICE = 60
/** Clients sending at once. */
const CLIENTS = 4
/** Between two requests of the traffic, so it lasts while the kill is noticed without meeting the rate limit. */
const PACE_MS = 20

/** A read and a write of the service that need no session: the WeChat login's start, and the logout. */
function request (gateway, index) {
  const headers = { 'x-request-id': `replica-check-${index}` }
  if (index % 2 === 0) {
    return fetch(`${gateway}/wx/auth/login?redirect=%2Fwx%2Fhtml%2F`, { headers, redirect: 'manual' })
  }
  return fetch(`${gateway}/wx/auth/logout`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'from=replica-check'
  })
}

/** What a request came to: its status, or the error that kept it from one; a 5xx or an error is a failure. */
async function outcome (gateway, index) {
  const method = index % 2 === 0 ? 'GET' : 'POST'
  try {
    const response = await request(gateway, index)
    await response.arrayBuffer()
    return { index, method, status: response.status, failed: response.status >= 500 }
  } catch (error) {
    return { index, method, status: error.cause?.code ?? error.message, failed: true }
  }
}

async function replicasOf (gateway, service) {
  const response = await fetch(`${gateway}/readyz`)
  const body = await response.json()
  return body.replicas?.[service] ?? {}
}

/** How many of a replica's log lines carry the check's request ids. */
function linesOf (log) {
  return readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('replica-check-')).length
}

/** Until the gateway's /readyz lists every replica as ok (a replica's /readyz says 200). */
async function untilListed (gateway, service, replicas, fail, tail) {
  const urls = replicas.map(({ url }) => url)
  const deadline = Date.now() + READY_TIMEOUT_MS
  let said = await replicasOf(gateway, service)
  while (urls.some((url) => said[url] !== 'ok') || Object.keys(said).length !== urls.length) {
    const exited = replicas.find(({ entry }) => entry.exited)
    if (exited) fail(`${exited.entry.name} exited; its output:\n${tail(exited.entry.log)}`)
    if (Date.now() > deadline) {
      fail(`the gateway's /readyz should list ${urls.join(' and ')} as ok: ${JSON.stringify(said)}`)
    }
    await sleep(250)
    said = await replicasOf(gateway, service)
  }
  return said
}

/**
 * @param {object} options
 * @param {string} options.gateway the gateway's URL
 * @param {string} options.service the service started twice
 * @param {{ url: string, entry: { name: string, child: import('node:child_process').ChildProcess, log: string } }[]}
 *   options.replicas each replica's URL and process (run-like-compose's entry)
 * @param {(message: string) => never} options.fail
 * @param {(log: string) => string} options.tail the end of a log, for a failure's message
 */
export async function replicaCheck ({ gateway, service, replicas, fail, tail }) {
  const said = await untilListed(gateway, service, replicas, fail, tail)
  console.log(`run-like-compose: ${service} as two replicas, the gateway's /readyz: ${JSON.stringify(said)}`)

  let index = 0
  const spread = []
  for (let i = 0; i < 20; i++) spread.push(await outcome(gateway, index++))
  const failed = spread.filter((result) => result.failed)
  if (failed.length > 0) fail(`requests to ${service} failed with both replicas up: ${JSON.stringify(failed)}`)
  let counts = replicas.map(({ entry }) => linesOf(entry.log))
  for (let waited = 0; counts.some((count) => count === 0) && waited < 2_000; waited += 100) {
    await sleep(100)
    counts = replicas.map(({ entry }) => linesOf(entry.log))
  }
  if (counts.some((count) => count === 0)) fail(`20 requests did not reach both replicas (log lines: ${counts})`)
  console.log(`run-like-compose: 20 requests reached both replicas (log lines with their ids: ${counts.join(', ')})`)

  // Traffic from a few clients at once, so requests are in flight when the replica is killed.
  const [, killed] = replicas
  let noticedAt
  const results = []
  const client = async () => {
    while (results.filter((result) => result.sentAt > noticedAt).length < AFTER_NOTICE) {
      const sentAt = Date.now()
      results.push({ ...await outcome(gateway, index++), sentAt })
      await sleep(PACE_MS)
    }
  }
  const clients = Promise.all(Array.from({ length: CLIENTS }, client))
  while (results.length < 2 * CLIENTS) await sleep(PACE_MS)
  killed.entry.stopped = true
  killed.entry.child.kill('SIGKILL')
  const killedAt = Date.now()
  while ((await replicasOf(gateway, service))[killed.url] !== 'down') {
    if (Date.now() > killedAt + NOTICE_TIMEOUT_MS) {
      fail(`the gateway did not notice ${killed.url} was killed in ${NOTICE_TIMEOUT_MS} ms`)
    }
    await sleep(PACE_MS)
  }
  noticedAt = Date.now()
  await clients
  const after = results.filter((result) => result.sentAt > noticedAt)
  const failedAfter = after.filter((result) => result.failed)
  if (failedAfter.length > 0) {
    fail(`${failedAfter.length} of ${after.length} requests failed after the kill was noticed: ` +
      JSON.stringify(failedAfter))
  }
  const failedBefore = results.filter((result) => result.failed).map(({ method, status }) => `${method} ${status}`)
  console.log(`run-like-compose: ${service}-2 killed (SIGKILL), the gateway noticed in ${noticedAt - killedAt} ms; ` +
    `failed before: ${failedBefore.length === 0 ? 'none' : failedBefore.join(', ')}; ` +
    `${after.length} reads and writes after it from ${CLIENTS} clients, none failed`)
}
