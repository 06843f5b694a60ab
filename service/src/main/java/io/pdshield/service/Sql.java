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

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T tx(Database db, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
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
