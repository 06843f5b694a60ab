package io.pdshield.service.subject;

/**
 * Sends a one-time code to a phone or an e-mail address (an SMS gateway, a mail server). The
 * clear destination is handed over for sending only and never stored.
 */
public interface CodeSender {
    void send(String kind, String destination, String maskedDestination, String code);

    /** The demo sender: writes the code to the log with the destination masked. */
    CodeSender LOG = (kind, destination, masked, code) ->
            org.slf4j.LoggerFactory.getLogger(CodeSender.class).info("one-time code for {} {}: {}", kind, masked, code);
}
