package io.pdshield.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void sharedIsOneServer() {
        assertSame(TestPostgres.shared(), TestPostgres.shared());
    }

    @Test
    void serverIsPostgres17() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        assertTrue(url.matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/t_\\d+\\?user=postgres"), url);
        try (Connection c = DriverManager.getConnection(url)) {
            String version = query(c, "SELECT version()");
            assertTrue(version.startsWith("PostgreSQL 17"), version);
            assertEquals("UTF8", query(c, "SHOW server_encoding"));
        }
        String pgVersion = Files.readString(TestPostgres.shared().dataDirectory().resolve("PG_VERSION")).trim();
        assertEquals("17", pgVersion);
    }

    @Test
    void databasesAreIndependent() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String a = pg.newDatabase();
        String b = pg.newDatabase();
        assertNotEquals(a, b);
        try (Connection c = DriverManager.getConnection(a); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO person VALUES (1, 'only in a')");
        }
        try (Connection c = DriverManager.getConnection(b); Statement s = c.createStatement()) {
            assertEquals(null, query(c, "SELECT to_regclass('public.person')::text"));
            s.execute("CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL)");
            assertEquals("0", query(c, "SELECT count(*) FROM person"));
        }
        try (Connection c = DriverManager.getConnection(a)) {
            assertEquals("only in a", query(c, "SELECT name FROM person WHERE id = 1"));
        }
    }

    @Test
    void dumpHoldsTheRowsOfThatDatabaseOnly() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        String url = pg.newDatabase();
        String other = pg.newDatabase();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA vault");
            s.execute("CREATE TYPE vault.kind AS ENUM ('email', 'iban')");
            s.execute("CREATE TABLE vault.subject (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " kind vault.kind NOT NULL, value text NOT NULL, blob bytea,"
                    + " created timestamptz NOT NULL DEFAULT now(), upper_value text GENERATED ALWAYS AS (upper(value)) STORED)");
            s.execute("CREATE INDEX subject_kind ON vault.subject (kind)");
            s.execute("CREATE SEQUENCE vault.counter START 40");
            s.execute("SELECT nextval('vault.counter')");
            s.execute("CREATE VIEW vault.emails AS SELECT id, value FROM vault.subject WHERE kind = 'email'");
            s.execute("COMMENT ON TABLE vault.subject IS 'data subjects'");
            s.execute("INSERT INTO vault.subject (kind, value, blob) VALUES"
                    + " ('email', 'zebulon.quixote@example.org', 'abc'), ('iban', 'tab\there', NULL)");
            s.execute("CREATE MATERIALIZED VIEW vault.mv AS SELECT 'in-matview-' || id AS v FROM vault.subject");
        }
        try (Connection c = DriverManager.getConnection(other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v text)");
            s.execute("INSERT INTO t VALUES ('value-of-the-other-database')");
        }

        String dump = pg.dump(url);
        assertTrue(dump.contains("zebulon.quixote@example.org"), dump);
        assertTrue(dump.contains("tab\\there"), dump);                     // COPY text escaping
        assertTrue(dump.contains("\\\\x616263"), dump);                    // bytea, hex as in pg_dump
        assertTrue(dump.contains("in-matview-1"), dump);
        assertTrue(dump.contains("CREATE SCHEMA vault;"), dump);
        assertTrue(dump.contains("CREATE TYPE vault.kind AS ENUM ('email', 'iban');"), dump);
        assertTrue(dump.contains("CREATE TABLE vault.subject ("), dump);
        assertTrue(dump.contains("GENERATED ALWAYS AS IDENTITY"), dump);
        assertTrue(dump.contains("COPY vault.subject (id, kind, value, blob, created) FROM stdin;"), dump);
        assertTrue(dump.contains("CREATE INDEX subject_kind ON vault.subject USING btree (kind);"), dump);
        assertTrue(dump.contains("SELECT pg_catalog.setval('vault.counter', 40, true);"), dump);
        assertTrue(dump.contains("CREATE VIEW vault.emails AS"), dump);
        assertTrue(dump.contains("COMMENT ON TABLE vault.subject IS 'data subjects';"), dump);
        assertTrue(dump.contains("ADD CONSTRAINT subject_pkey PRIMARY KEY (id);"), dump);
        assertFalse(dump.contains("value-of-the-other-database"), dump);

        String otherDump = pg.dump(other);
        assertTrue(otherDump.contains("value-of-the-other-database"), otherDump);
        assertFalse(otherDump.contains("zebulon"), otherDump);
    }

    @Test
    void dumpOfAnEmptyDatabase() {
        TestPostgres pg = TestPostgres.shared();
        String dump = pg.dump(pg.newDatabase());
        assertTrue(dump.contains("PostgreSQL database dump complete"), dump);
        assertFalse(dump.contains("CREATE TABLE"), dump);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }
}
