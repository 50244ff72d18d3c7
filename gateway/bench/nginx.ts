// nginx proxying the same service: one worker, upstream keep-alive, no access log.
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freePort, owned, waitUntilServing, type Started } from './processes.js'

export async function startNginx (upstream: string, dir: string): Promise<Started> {
  const port = await freePort()
  const { host } = new URL(upstream)
  await writeFile(join(dir, 'nginx.conf'), `
daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}; proxy_temp_path ${dir};
  fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  upstream origin { server ${host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}`)
  const child = owned(spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' }))
  const url = `http://127.0.0.1:${port}`
  await waitUntilServing(`${url}/healthz`, child)
  return { pid: child.pid ?? 0, url, stop: () => child.kill('SIGTERM') }
}
