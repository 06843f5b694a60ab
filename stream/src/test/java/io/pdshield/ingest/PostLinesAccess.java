package io.pdshield.ingest;

/** Test access to {@link PostLines}' package-private helpers. */
public final class PostLinesAccess {
    private PostLinesAccess() {
    }

    public static boolean validUtf8(byte[] b) {
        return PostLines.validUtf8(b);
    }
}
