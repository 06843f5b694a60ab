package io.pdshield.service;

import io.pdshield.ingest.Post;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network that hangs instead of closing (a partition, a firewall dropping packets): the service's
 * connections to PostgreSQL stay open but nothing comes back. Without a timeout pgjdbc waits for
 * ever; the service must instead count such a connection as lost after the network timeout, retry
 * the unit of work on a fresh connection, and not be blocked by the abandoned transaction's locks
 * (the server ends it: {@code idle_in_transaction_session_timeout}). The service reaches a real
 * PostgreSQL ({@link TestPostgres}) through a TCP proxy that can make every open connection hang:
 * bytes are read and dropped, sockets stay open.
 */
class HangingNetworkTest {
    @TempDir
    Path tmp;

    @Test
    void aConnectionThatHangsMidCommitCostsSecondsAndLosesNothing() throws Exception {
        ServiceConfig base = Backend.POSTGRES.config(tmp);
        Matcher m = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/").matcher(base.jdbcUrl());
        assertTrue(m.find(), base.jdbcUrl());
        int pgPort = Integer.parseInt(m.group(1));
        List<Post> posts = Posts.of(Posts.corpus(99, 4, 40));
        int half = posts.size() / 2;
        try (HangProxy proxy = new HangProxy(pgPort)) {
            String viaProxy = base.jdbcUrl().replace(":" + pgPort + "/", ":" + proxy.port() + "/") + "&socketTimeout=2";
            try (Service service = Service.open(base.withJdbcUrl(viaProxy), Clock.SYSTEM)) {
                assertEquals(half, service.ingestor().ingest(posts.subList(0, half), null, "test").inserted());

                // the next commit goes out on a network that has just started to hang
                AtomicBoolean armed = new AtomicBoolean(true);
                AtomicInteger hangs = new AtomicInteger();
                service.db().wrap = ConnectionHooks.before((c, method, args) -> {
                    if (method.equals("commit") && armed.getAndSet(false)) hangs.addAndGet(proxy.hangAll());
                });
                long t0 = System.nanoTime();
                Ingestor.Result r = service.ingestor().ingest(posts.subList(half, posts.size()), null, "test");
                double seconds = (System.nanoTime() - t0) / 1e9;
                service.db().wrap = java.util.function.UnaryOperator.identity();
                long retries = service.db().retry().retries();
                System.out.printf("HANG connections_hung=%d seconds=%.1f retries=%d inserted=%d%n", hangs.get(), seconds, retries, r.inserted());

                assertTrue(hangs.get() >= 1, "the proxy made the open connections hang: " + hangs.get());
                assertEquals(posts.size() - half, r.inserted(), "every post of the second batch stored");
                assertTrue(retries >= 1, "the hung commit was retried");
                assertEquals(0, service.db().retry().gaveUp());
                assertTrue(seconds < 20, "seconds, not for ever: " + seconds);
                assertEquals((long) posts.size(), (long) Sql.tx(service.db(), c -> Sql.count(c, "SELECT COUNT(*) FROM posts")), "each post once");
                long duplicates = Sql.tx(service.db(), c -> Sql.count(c,
                        "SELECT COUNT(*) FROM (SELECT source, message_id FROM posts GROUP BY source, message_id HAVING COUNT(*) > 1) d"));
                assertEquals(0L, duplicates, "no post twice");
                assertEquals(0, service.audit().verify(), "the audit chain is intact");
            }
        }
    }

    /** A TCP proxy to 127.0.0.1:{@code upstream}; {@link #hangAll} makes the open connections hang. */
    static final class HangProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int upstream;
        private final List<Pair> pairs = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        HangProxy(int upstream) throws IOException {
            this.upstream = upstream;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::accept, "hang-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** From now on the connections open now forward nothing (both ways) and stay open; returns how many. */
        int hangAll() {
            int n = 0;
            for (Pair p : pairs) {
                if (!p.hung) {
                    p.hung = true;
                    n++;
                }
            }
            return n;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket up = new Socket(InetAddress.getLoopbackAddress(), upstream);
                    Pair p = new Pair(client, up);
                    pairs.add(p);
                    pump(p, client, up);
                    pump(p, up, client);
                } catch (IOException e) {
                    if (!server.isClosed()) throw new IllegalStateException(e);
                }
            }
        }

        private static void pump(Pair p, Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                // the streams are not closed here: closing one closes its socket, and a hung connection's
                // other end must stay open (the server must not learn that the client is gone)
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (p.hung) continue; // dropped, like packets into a partition
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // the other side went away
                } finally {
                    if (!p.hung) p.close();
                }
            }, "hang-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Pair p : pairs) p.close();
        }

        private static final class Pair {
            final Socket a, b;
            volatile boolean hung;

            Pair(Socket a, Socket b) {
                this.a = a;
                this.b = b;
            }

            void close() {
                try {
                    a.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                try {
                    b.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
