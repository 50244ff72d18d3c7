// Checks what ops rely on in the compose file as compose resolves it (`docker-compose config` as
// JSON), for every container: memory, CPU and process limits; rotated logs; an init; a read-only
// root file system; no capabilities but those it names; no privilege escalation; every secret's
// file present and mounted where its NAME_FILE says; no secret's value in any environment.
//
//   docker-compose --env-file .env config | python3 -c '…yaml to json…' > compose.json
//   node scripts/check-compose.mjs compose.json
import { existsSync, readFileSync } from 'node:fs'
import { secretProblems } from './compose-secrets.mjs'

/** What is wrong with one service, each problem naming it. */
export function serviceProblems (compose, name) {
  const service = compose.services[name]
  const problems = []
  const expect = (ok, what) => { if (!ok) problems.push(`${name}: ${what}`) }
  expect(Boolean(service.mem_limit), 'no mem_limit')
  expect(Number(service.cpus) > 0, 'no cpus limit')
  expect(Number(service.pids_limit) > 0, 'no pids_limit')
  const logging = service.logging ?? {}
  expect(logging.driver === 'json-file' && logging.options?.['max-size'] && logging.options?.['max-file'],
    'logs are not rotated (logging: json-file with max-size and max-file)')
  expect(service.init === true, 'no init: true')
  expect(service.read_only === true, 'no read_only: true')
  expect(JSON.stringify(service.cap_drop) === '["ALL"]', 'does not drop every capability (cap_drop: [ALL])')
  expect((service.security_opt ?? []).includes('no-new-privileges:true'), 'no security_opt no-new-privileges:true')
  return [...problems, ...secretProblems(compose, name)]
}

/** Secret values (of the files compose mounts) found in a service's environment, by variable. */
export function leakedSecrets (compose) {
  const values = Object.entries(compose.secrets ?? {})
    .filter(([, secret]) => secret.file && existsSync(secret.file))
    .map(([name, secret]) => [name, readFileSync(secret.file, 'utf8').trim()])
    .filter(([, value]) => value.length >= 8)
  const leaks = []
  for (const [name, service] of Object.entries(compose.services)) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      for (const [secret, text] of values) {
        if (String(value ?? '').includes(text)) leaks.push(`${name}: ${key} holds the secret ${secret}`)
      }
    }
  }
  return leaks
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const compose = JSON.parse(readFileSync(process.argv[2], 'utf8'))
  const problems = [
    ...Object.keys(compose.services).flatMap((name) => serviceProblems(compose, name)),
    ...leakedSecrets(compose)
  ]
  for (const problem of problems) console.error(`check-compose: ${problem}`)
  if (problems.length > 0) process.exit(1)
  const names = Object.keys(compose.services)
  console.log(`check-compose: ${names.length} containers (${names.join(', ')}) limited, rotated, hardened; ` +
    `${Object.keys(compose.secrets ?? {}).length} secrets, as files, none in an environment`)
}
