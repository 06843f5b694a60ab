package io.pdshield.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers: parameters bound in order, rows mapped by a lambda. Stateless. */
public final class Sql {
    private Sql() {
    }

    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        }
    }

    public static <T> T one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> l = query(c, sql, row, args);
        return l.isEmpty() ? null : l.get(0);
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        Long n = one(c, sql, rs -> rs.getLong(1), args);
        return n == null ? 0 : n;
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    public static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[]{"id"})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                if (!rs.next()) throw new SQLException("no generated id for: " + sql);
                return rs.getLong(1);
            }
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.NULL);
            else if (a instanceof byte[] b) ps.setBytes(i + 1, b);
            else if (a instanceof Long l) ps.setLong(i + 1, l);
            else if (a instanceof Integer n) ps.setInt(i + 1, n);
            else if (a instanceof Double d) ps.setDouble(i + 1, d);
            else if (a instanceof Boolean b) ps.setBoolean(i + 1, b);
            else ps.setString(i + 1, a.toString());
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * When the connection is lost (or the database aborts the transaction for a conflict) the
     * whole unit of work runs again on a fresh connection ({@link Retry}); so {@code work} may run
     * more than once and must keep its effects in the transaction: anything it changes outside
     * (in-memory state, counters) must be reset at its start or done after this returns. A commit
     * whose answer was lost may have taken effect: the work then runs again, which suits reads and
     * idempotent writes; a write that must not be repeated says how to tell with
     * {@link #tx(Database, Work, Work)}.
     */
    public static <T> T tx(Database db, Work<T> work) {
        return tx(db, work, null);
    }

    /**
     * {@link #tx(Database, Work)}, for a write that must not be applied twice: after a commit whose
     * answer was lost, {@code committed} is asked (in a transaction of its own, on a fresh
     * connection) whether that commit took effect; if it did, that attempt's result is returned and
     * the work does not run again.
     */
    public static <T> T tx(Database db, Work<T> work, Work<Boolean> committed) {
        Retry.Attempts attempts = db.retry().start();
        CommitFailed unknown = null;
        while (true) {
            attempts.begin();
            try {
                if (unknown != null && committed != null) {
                    if (Boolean.TRUE.equals(check(db, committed))) {
                        @SuppressWarnings("unchecked") T t = (T) unknown.result;
                        return t;
                    }
                    unknown = null; // it did not commit: run the work again
                }
                return once(db, work, attempts.failed() > 0);
            } catch (CommitFailed e) {
                unknown = e;
                attempts.failed(e.getCause());
            } catch (SQLException | RuntimeException e) {
                attempts.failed(e);
            }
        }
    }

    /**
     * One attempt: a connection from the pool (checked when it runs {@code again}), the work, the
     * commit; rolled back when anything before the commit fails.
     */
    private static <T> T once(Database db, Work<T> work, boolean again) throws SQLException, CommitFailed {
        Connection c = again ? db.liveConnection() : db.connection();
        try {
            c.setAutoCommit(false);
            T t;
            try {
                t = work.run(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException r) { // a lost connection: the server rolls back on its own
                    e.addSuppressed(r);
                }
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                throw new CommitFailed(e, t);
            }
            return t;
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // returning a broken connection to the pool; the pool drops it. The outcome is already known.
            }
        }
    }

    /** Whether a commit whose answer was lost took effect, asked in a transaction of its own. */
    private static Boolean check(Database db, Work<Boolean> committed) throws SQLException {
        try {
            return once(db, committed, true);
        } catch (CommitFailed e) {
            throw (SQLException) e.getCause();
        }
    }

    /** A commit that failed: perhaps because it was not made, perhaps only its answer was lost. */
    private static final class CommitFailed extends Exception {
        final Object result;

        CommitFailed(SQLException e, Object result) {
            super(e.getMessage(), e, false, false);
            this.result = result;
        }
    }

    public static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    public static Double nullableDouble(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A database failure, unchecked. */
    static final class StoreException extends RuntimeException {
        StoreException(SQLException e) {
            super(e.getMessage(), e);
        }
    }
}
