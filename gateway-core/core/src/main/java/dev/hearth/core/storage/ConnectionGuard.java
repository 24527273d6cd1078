package dev.hearth.core.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The connection as the stores see it: every call is checked to come from the storage thread and
 * refused otherwise, so a connection that escaped a {@link SqlWork} cannot be used elsewhere.
 * Observed (tests), statements, result sets and metadata are wrapped too and every call is
 * reported; unobserved (production), only the connection's calls pay for the check.
 */
final class ConnectionGuard implements InvocationHandler {
    private final Object target;
    private final Thread owner;
    private final JdbcCalls calls;
    private final boolean deep;

    private ConnectionGuard(Object target, Thread owner, JdbcCalls calls, boolean deep) {
        this.target = target;
        this.owner = owner;
        this.calls = calls;
        this.deep = deep;
    }

    static Connection guard(Connection c, Thread owner, JdbcCalls calls) {
        return (Connection) wrap(c, Connection.class, owner, calls, calls != JdbcCalls.NONE);
    }

    private static Object wrap(Object target, Class<?> type, Thread owner, JdbcCalls calls, boolean deep) {
        return Proxy.newProxyInstance(ConnectionGuard.class.getClassLoader(), new Class<?>[] {type},
                new ConnectionGuard(target, owner, calls, deep));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Thread t = Thread.currentThread();
        String call = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        // observed, a statement being prepared or run is named by its SQL: a test can tell the stores apart
        if (deep && args != null && args.length > 0 && args[0] instanceof String sql) call += " " + sql;
        calls.called(t, call);
        if (t != owner) {
            throw new IllegalStateException(call + " on thread " + t.getName()
                    + ": only the storage thread (" + owner.getName() + ") may use the SQLite connection");
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (!deep || result == null) return result;
        Class<?> r = method.getReturnType();
        if (r.isInterface() && (Statement.class.isAssignableFrom(r) || r == Connection.class || r == ResultSet.class || r == DatabaseMetaData.class)) {
            return wrap(result, r, owner, calls, true);
        }
        return result;
    }
}
