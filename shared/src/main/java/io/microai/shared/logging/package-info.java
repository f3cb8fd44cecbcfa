/**
 * How the services log: {@code LOG_FORMAT} chooses java.util.logging's text or one JSON object per
 * line ({@link io.microai.shared.logging.JsonLogFormatter}); {@link io.microai.shared.logging.AccessLog}
 * writes the one line per request.
 */
package io.microai.shared.logging;
