/**
 * The paid summary as Server-Sent Events. After the same payment step as the JSON route, the stream source
 * ({@link io.microai.gateway.stream.StreamSourceHandler}) picks where the chunks come from — the cache, or a
 * {@link io.microai.gateway.stream.StreamFlight} shared by every identical request in flight — and the
 * {@link io.microai.gateway.stream.StreamResponder} writes them, settles, and ends with the receipt.
 */
package io.microai.gateway.stream;
