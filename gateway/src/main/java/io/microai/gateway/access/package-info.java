/** The gateway's access line: the fields it adds to the shared {@code AccessLogHandler}'s. */
package io.microai.gateway.access;
