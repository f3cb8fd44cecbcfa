package io.microai.cli.stack;

import io.microai.shared.api.VerifierApi;
import java.util.List;

/** The signature verifier, {@code microai verifier}: healthy when {@code GET /health} answers 200. */
final class VerifierService implements ServiceKind {
    static final String ROLE = StackState.VERIFIER_ROLE;

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public List<ServiceSpec> plan(StackLayout layout) {
        String url = layout.verifierUrl();
        return List.of(ServiceSpec.named(ROLE, ROLE)
                .command(JavaService.command(layout, ROLE, ROLE))
                .env(layout.serviceEnv())
                .listensOn(layout.verifierHost(), layout.verifierPort(), "--verifier-port")
                .url(url)
                .healthUrl(url + VerifierApi.HEALTH_PATH)
                .metricsUrl(layout.metricsUrl(url), "metrics disabled")
                .marker(JavaService.marker(layout.files(), ROLE))
                .build());
    }
}
