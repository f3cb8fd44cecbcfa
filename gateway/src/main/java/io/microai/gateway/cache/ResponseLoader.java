package io.microai.gateway.cache;

/**
 * Produces the value for a cache miss. Unlike {@link java.util.function.Supplier} it may throw a checked
 * exception, so an AI provider's failure reaches the HTTP layer with its own type.
 */
@FunctionalInterface
public interface ResponseLoader<E extends Exception> {

    /** @return the value to cache; must not be null */
    String load() throws E;
}
