import { connect } from 'amqplib'
import { AMQP_URL } from './rabbitmq-scope.js'

let available: Promise<boolean> | undefined

/** Whether the RabbitMQ at AMQP_URL accepts a connection (asked once per process). */
export function rabbitmqAvailable (): Promise<boolean> {
  available ??= connect(AMQP_URL, { timeout: 2_000 }).then(
    async (connection) => {
      await connection.close()
      return true
    },
    () => false
  )
  return available
}

/** The broker's address without its credentials, for messages. */
function brokerAddress (): string {
  const url = new URL(AMQP_URL)
  return `${url.protocol}//${url.host}`
}

/**
 * Call first in a test file that needs RabbitMQ. Without a broker the file is skipped with
 * one line saying how to run it, unless REQUIRE_RABBITMQ=1 (CI), where that is a failure.
 */
export async function skipWithoutRabbitmq (t: { plan: (count: number, comment?: string) => void }): Promise<void> {
  if (await rabbitmqAvailable()) return
  const how = `start RabbitMQ there (e.g. \`rabbitmq-server -detached\`) or set AMQP_URL`
  if (process.env.REQUIRE_RABBITMQ === '1') {
    throw new Error(`REQUIRE_RABBITMQ=1 but no RabbitMQ answers at ${brokerAddress()}: ${how}`)
  }
  t.plan(0, `no RabbitMQ at ${brokerAddress()}: ${how}, then run this file again`)
  process.exit(0)
}
