package dev.hearth.core.devices;

/** The secrets file cannot be used: unreadable, readable by others, or malformed. Never quotes its content. */
public final class SecretsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretsFileException(String message) {
        super(message);
    }
}
