package dev.torpedo.sms.bench;

import dev.torpedo.sms.impl.testing.TestDatabase;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Stops and starts this machine's PostgreSQL or MariaDB server, as {@code .ci/run} starts them: what a database
 * restart in the middle of a drain needs ({@link CrashRun}). Runs as root, on Debian's packages.
 */
final class DatabaseServer {

    private DatabaseServer() {
    }

    static void stop(TestDatabase database) throws IOException, InterruptedException {
        switch (database) {
            case POSTGRESQL -> run("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "stop",
                    "-m", "fast");
            case MARIADB -> run("mysqladmin", "-uroot", "shutdown");
            default -> throw new IllegalArgumentException("No server to stop for " + database);
        }
        awaitPort(port(database), false);
    }

    static void start(TestDatabase database) throws IOException, InterruptedException {
        switch (database) {
            case POSTGRESQL -> run("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "start");
            case MARIADB -> run("start-stop-daemon", "--start", "--oknodo", "--background", "--exec",
                    "/usr/sbin/mariadbd");
            default -> throw new IllegalArgumentException("No server to start for " + database);
        }
        awaitPort(port(database), true);
    }

    private static int port(TestDatabase database) {
        return database == TestDatabase.POSTGRESQL ? 5432 : 3306;
    }

    private static String postgresVersion() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString()).findFirst()
                    .orElseThrow(() -> new IOException("No cluster under /etc/postgresql"));
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static void awaitPort(int port, boolean open) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> listening(port) == open);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
