package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Last-resort embedded MongoDB-wire server: mongo-java-server with its H2 (MVStore) backend, so data
 * persists in one file across restarts.
 *
 * <pre>java -jar mongo-java-server-launcher.jar &lt;port&gt; &lt;h2-file-path&gt; [--exit-on-stdin-eof]</pre>
 *
 * Binds 127.0.0.1 only. Prints "listening 127.0.0.1:&lt;port&gt;" on stdout when ready (port 0 picks a free
 * port and prints it). SIGTERM/SIGINT run a shutdown hook that stops the server and closes (commits)
 * the store. The server announces wire version 8 (MongoDB 4.2+ drivers, i.e. the Node driver 6/7 behind
 * Mongoose 8, refuse anything older; the library's default is 3.6 / wire 6).
 *
 * <p>Durability: the store commits every 100 ms (MVStore's default is 1 s; 100 ms is MongoDB's own journal
 * commit interval) and on shutdown. With {@code --exit-on-stdin-eof} the server shuts down cleanly (commits)
 * when its standard input closes, i.e. when the API that started it dies, even by SIGKILL: no orphaned server
 * keeps the store locked, and nothing acknowledged before the API died is lost.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // Before any logger exists: quiet, on stderr (the API keeps the last stderr lines for its error message).
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        // Every failed command (e.g. Mongoose's "create" of an existing collection) is logged with a stack trace
        // although the client gets the error anyway; so are client disconnects. Re-enable with
        // JAVA_TOOL_OPTIONS=-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire=warn
        setDefault("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire", "off");

        boolean exitOnStdinEof = args.length == 3 && "--exit-on-stdin-eof".equals(args[2]);
        if (args.length != 2 && !exitOnStdinEof) {
            usage("expected 2 arguments (and optionally --exit-on-stdin-eof), got " + args.length);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            usage("port must be an integer 0-65535: " + args[0]);
        }
        Path file = Path.of(args[1]).toAbsolutePath();
        Path parent = file.getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                fail("cannot create directory " + parent + ": " + e.getMessage());
            }
        }

        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).open();
            store.setAutoCommitDelay(100);
        } catch (RuntimeException e) {
            fail("cannot open H2 MVStore " + file + " (is another server using it?): " + e.getMessage());
            return;
        }

        H2Backend backend = new IndexedH2Backend(store);
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            safeClose(server, store);
            fail("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (closing.compareAndSet(false, true)) {
                safeClose(server, store);
                System.out.println("stopped");
                System.out.flush();
            }
            stopped.countDown();
        }, "mongo-java-server-shutdown"));

        InetSocketAddress address = server.getLocalAddress();
        System.out.println("listening 127.0.0.1:" + address.getPort() + " h2=" + file);
        System.out.flush();

        if (exitOnStdinEof) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // The parent never writes; anything read is ignored.
                    }
                } catch (IOException e) {
                    // A broken pipe means the parent is gone, as EOF does.
                }
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }

        stopped.await();
    }

    /** Stops accepting, closes cursors and the backend (which closes the MVStore, committing pending writes). */
    private static void safeClose(MongoServer server, MVStore store) {
        try {
            server.shutdown();
        } catch (RuntimeException e) {
            System.err.println("mongo-java-server: error while stopping the server: " + e);
        }
        try {
            if (!store.isClosed()) {
                store.close();
            }
        } catch (RuntimeException e) {
            System.err.println("mongo-java-server: error while closing the H2 store: " + e);
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void usage(String problem) {
        System.err.println("mongo-java-server: " + problem);
        System.err.println("usage: java -jar mongo-java-server-launcher.jar <port> <h2-file-path> [--exit-on-stdin-eof]");
        System.exit(2);
    }

    private static void fail(String message) {
        System.err.println("mongo-java-server: " + message);
        System.exit(1);
    }
}
