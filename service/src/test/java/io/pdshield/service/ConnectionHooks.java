package io.pdshield.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.function.UnaryOperator;

/**
 * Fault injection for the tests, through {@link Database#wrap}: connections that run a hook before
 * each call and then make the real call. A hook that throws (an {@link java.sql.SQLException} the
 * method declares, say) replaces the call.
 */
final class ConnectionHooks {
    private ConnectionHooks() {
    }

    interface Hook {
        /** Runs before {@code method} of {@code real} is called with {@code args}. */
        void before(Connection real, String method, Object[] args) throws Exception;
    }

    static UnaryOperator<Connection> before(Hook hook) {
        return c -> (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    hook.before(c, method.getName(), args);
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
