package io.pdshield.stream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test hook of the failure test: throws once per JVM and token, wherever the job reaches it
 * first. The job only calls it when started with a failure token ({@code StreamJob.Options}).
 */
public final class FailureInjector {
    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

    private FailureInjector() {
    }

    static void maybeFail(String token) {
        if (FIRED.add(token)) throw new InjectedFailure("injected task failure (" + token + ")");
    }

    public static boolean fired(String token) {
        return FIRED.contains(token);
    }

    /** The injected failure. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String m) {
            super(m);
        }
    }
}
