package io.microai.shared.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves a Prometheus registry from Undertow through client_java's own scrape handler, which does
 * the content negotiation (text 0.0.4, OpenMetrics), gzip and {@code name[]} filtering.
 */
public final class MetricsHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(MetricsHandler.class.getName());
    private final PrometheusScrapeHandler scrapeHandler;

    public MetricsHandler(PrometheusRegistry registry) {
        this.scrapeHandler = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            // Rendering writes to a blocking stream; keep it off the IO threads.
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        scrapeHandler.handleRequest(new Exchange(exchange));
    }

    private static final class Exchange implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {
        private final HttpServerExchange exchange;

        Exchange(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public String getQueryString() {
            String query = exchange.getQueryString();
            return query == null || query.isEmpty() ? null : query;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            HeaderValues values = exchange.getRequestHeaders().get(name);
            return values == null ? Collections.emptyEnumeration() : Collections.enumeration(values);
        }

        @Override
        public String getMethod() {
            return exchange.getRequestMethod().toString();
        }

        @Override
        public String getRequestPath() {
            return exchange.getRequestPath();
        }

        @Override
        public void setHeader(String name, String value) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(name), value);
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            exchange.setStatusCode(statusCode);
            if (contentLength > 0) {
                exchange.setResponseContentLength(contentLength);
            }
            return exchange.getOutputStream();
        }

        @Override
        public void handleException(IOException e) throws IOException {
            throw e;
        }

        @Override
        public void handleException(RuntimeException e) {
            LOG.log(Level.WARNING, "scrape failed", e);
            if (!exchange.isResponseStarted()) {
                exchange.setStatusCode(500);
                exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Type"), "application/json");
                exchange.getResponseSender().send("{\"error\":\"scrape_failed\",\"message\":\"metrics could not be rendered\"}");
            }
        }

        @Override
        public void close() {
            exchange.endExchange();
        }
    }
}
