import { Agent } from 'undici';
import type { NetworkSettings } from '../../../shared/destinations/schema';
import { createConnector } from './connector';
import { chooseProxy, type ProxyChoice } from './proxy-selection';

/**
 * One undici Agent per stream: keep-alive connections to its destination,
 * opened through createConnector (proxy, extra CA, pin). The route is decided
 * once, when the sender is made: a stream has one destination.
 */
export interface StreamDispatcher {
  agent: Agent;
  route: ProxyChoice;
}

export interface DispatcherOptions {
  connectTimeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export function createStreamDispatcher(
  target: URL,
  network: NetworkSettings,
  options: DispatcherOptions,
): StreamDispatcher {
  const route = chooseProxy(target, network, options.env ?? process.env);
  const agent = new Agent({
    connect: createConnector({
      proxy: route.proxy,
      caCertificatePem: network.caCertificatePem,
      pinnedCertificateSha256: network.pinnedCertificateSha256,
      connectTimeoutMs: options.connectTimeoutMs,
    }),
    // A stream sends one batch at a time; a couple of warm connections cover
    // a request in flight plus Test stream without opening new ones each time.
    connections: 4,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
  });
  return { agent, route };
}
