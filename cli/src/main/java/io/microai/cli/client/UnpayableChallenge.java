package io.microai.cli.client;

/**
 * A 402 this client cannot pay in the protocol it was asked to speak: the terms are missing, of another
 * protocol, or not something it may sign. Not a transport failure: the gateway answered, and counted the
 * answer.
 */
final class UnpayableChallenge extends Exception {
    UnpayableChallenge(String message) {
        super(message);
    }
}
