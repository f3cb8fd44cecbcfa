package io.microai.shared.api;

import java.util.List;

/**
 * The closed {@code outcome} values of {@link GatewayFamilies#STREAMS}: how a paid stream ended. The
 * gateway counts with them and every view reads them, so they are spelled once, here.
 */
public final class StreamLabels {
    /** Every chunk and the {@code done} event were written. */
    public static final String COMPLETED = "completed";
    /** The client went away before {@code done}; the provider call was stopped and nothing was settled. */
    public static final String CLIENT_GONE = "client_gone";
    /** The provider failed mid-stream or before its first chunk; an {@code error} event ended the stream. */
    public static final String PROVIDER_ERROR = "provider_error";
    /** The provider went quiet for longer than the idle timeout, or the stream outlived its total budget. */
    public static final String TIMEOUT = "timeout";
    /**
     * Every chunk was written, but the facilitator refused the settlement or did not answer: an {@code error}
     * event took the place of {@code done}, and no receipt was issued.
     */
    public static final String UNSETTLED = "unsettled";
    /** Every outcome, in the order the views list them. */
    public static final List<String> OUTCOMES = List.of(COMPLETED, CLIENT_GONE, PROVIDER_ERROR, TIMEOUT, UNSETTLED);

    private StreamLabels() {
    }
}
