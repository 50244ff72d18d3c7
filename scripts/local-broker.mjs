// The local RabbitMQ standing in for a compose file's rabbitmq service (scripts/run-like-compose.mjs):
// the compose file's password, for a user and a vhost named for this run (so nothing of an earlier
// or a parallel run is touched), removed after.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

function rabbitmqctl (...args) {
  return execFileSync('rabbitmqctl', ['-q', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * A function from the AMQP_URL compose gives (`amqp://user:password@rabbitmq:5672`) to one on the
 * local broker; `hosts` are the compose file's service names, `cleanups` gets the removal steps.
 */
export function localBroker ({ hosts, fail, cleanups }) {
  const runName = `driver-ci-${randomBytes(4).toString('hex')}`
  const passwords = new Set()
  return (composeUrl) => {
    const url = new URL(composeUrl)
    if (!hosts.includes(url.hostname)) {
      fail(`AMQP_URL points at ${url.hostname}, which is not a service of the compose file`)
    }
    if (url.username === '' || url.password === '') fail('AMQP_URL carries no user and password')
    const password = decodeURIComponent(url.password)
    if (passwords.size === 0) {
      rabbitmqctl('add_vhost', runName)
      cleanups.push(() => rabbitmqctl('delete_vhost', runName))
      rabbitmqctl('add_user', runName, password)
      cleanups.push(() => rabbitmqctl('delete_user', runName))
      rabbitmqctl('set_permissions', '-p', runName, runName, '.*', '.*', '.*')
    }
    passwords.add(password)
    if (passwords.size > 1) fail('the services are given different RabbitMQ passwords')
    url.username = runName
    url.hostname = '127.0.0.1'
    url.pathname = `/${runName}`
    return url.toString()
  }
}
