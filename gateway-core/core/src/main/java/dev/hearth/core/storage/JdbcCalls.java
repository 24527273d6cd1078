package dev.hearth.core.storage;

/**
 * Told about every JDBC call made through the database's connection, its statements and result
 * sets, with the thread that made it: tests use it to show that only the storage thread touches
 * SQLite. Called on that thread; must be cheap and must not call the database.
 */
@FunctionalInterface
public interface JdbcCalls {
    /** No observation: only the connection's own calls are checked, its statements run unwrapped. */
    JdbcCalls NONE = (thread, call) -> { };

    void called(Thread thread, String call);
}
