/**
 * Provider gateways over HTTP and what guards them.
 *
 * <p>Choices:
 * <ul>
 *   <li><b>One client.</b> Every built-in provider gateway of a node shares one {@code ProviderHttp}: one OkHttp
 *       client with a connection pool, connect/read/call timeouts and a bound on requests in flight. OkHttp's silent
 *       retry and redirects are off.</li>
 *   <li><b>Outcomes.</b> Accepted: a 2xx carrying the provider's id. Retryable (certainly not taken): failure before
 *       the request started to be written (refused connection, DNS, connect timeout), 429 with its Retry-After
 *       (seconds or HTTP date), 408, 500, 502, 503, and the statuses that say our own configuration is wrong (401,
 *       403, 404, redirects, Twilio's account errors): the breaker then pauses the provider rather than failing
 *       every message. Permanent: any other 4xx (invalid number, landline), opted-out when the provider says the
 *       recipient unsubscribed (Twilio 21610, the webhook's {@code optedOut}). Ambiguous, never resent: a failure
 *       after the request started to be written (reset, read or call timeout, an empty answer), a 2xx without an
 *       id or with a body that cannot be read, 504 and any other status. 500 counts as "nothing taken" because
 *       Zenvia documents it as safe to retry and Twilio answers it from its API tier; 504 comes from a proxy that
 *       gave up waiting for the provider, which may have taken the message.</li>
 *   <li><b>Guard.</b> {@code GuardedGateway} adds a token-bucket rate limit (per node) and a circuit breaker, and
 *       tells the dispatcher through {@code GatewayAvailability} when not to claim.</li>
 *   <li><b>Logs.</b> Message id and masked number only; never the text, a token or an auth header. What a provider
 *       says back goes into reasons with anything number-like replaced by {@code [number]}.</li>
 * </ul>
 */
package dev.torpedo.sms.impl.gateway;
