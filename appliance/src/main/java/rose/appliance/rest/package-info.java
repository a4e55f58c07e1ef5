/**
 * The REST API (reference 06): {@code /rest/...} over the {@code www} (HTTP) and
 * {@code www-ssl} (HTTPS, TLS 1.2+) services of {@code /ip service}, started, stopped and
 * re-ported live by the service supervisor like ssh and api.
 *
 * <p>Flow of one request: {@link rose.appliance.rest.RestServer} (Netty: [TLS], HTTP codec,
 * bounded aggregator) → {@code RestConnection} (one request at a time per connection, on a
 * worker; HTTP basic login through the shared {@link rose.cli.auth.Authenticator}) →
 * {@link rose.appliance.rest.RestJson} (strict, bounded body decoder) → {@code RestCommands}
 * (verb → API command through {@link rose.cli.lang.ApiCall}: the console's commands and its one
 * permission check) → JSON with every value a string, or
 * {@code {"error":N,"message":...,"detail":...}}.
 *
 * <p>Why Netty and not Micronaut (which the issue named): measured on this tree, Micronaut
 * 4.10's HTTP server needs Netty 4.2 (the tree pins 4.1 for the API server), 34 jars / 13 MB,
 * an annotation processor, and took 2.1–3.4 s to start one controller on the 2-core build
 * machine; the Netty HTTP codec is one 0.7 MB jar on the Netty already here and binds in
 * milliseconds.
 */
package rose.appliance.rest;
