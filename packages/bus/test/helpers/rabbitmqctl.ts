import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * The broker-side ids of the named services' connections. Tests close only these, with
 * `rabbitmqctl close_connection <pid> test`, not `close_all_connections`: other processes share this broker.
 */
export async function connectionsOf (services: string[]): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', [
    'list_connections', 'pid', 'client_properties', '-q', '--no-table-headers'
  ])
  return stdout.split('\n')
    .filter((line) => services.some((service) => line.includes(`{"connection_name","${service}"}`)))
    .map((line) => line.split('\t')[0] as string)
}

export async function closeConnections (pids: string[]): Promise<void> {
  await Promise.all(pids.map((pid) => run('rabbitmqctl', ['close_connection', pid, 'test'])))
}

export async function queuesStartingWith (prefix: string): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers'])
  return stdout.split('\n').map((line) => line.trim()).filter((name) => name.startsWith(prefix))
}
