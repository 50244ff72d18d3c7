export { buildGateway, type GatewayOptions } from './app.js'
export { GatewayConfigSchema, loadGatewayConfig, type GatewayConfig } from './config.js'
export { gatewayOptions } from './options.js'
export { ROUTE_TABLE, UPSTREAMS, type Upstream } from './route-table.js'
