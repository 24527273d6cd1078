package dev.hearth.core.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a store asks the storage thread to do with the connection. It runs on the storage thread
 * only; the connection must not escape it (the guard refuses a call from any other thread).
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
