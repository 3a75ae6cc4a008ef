package furniture.catalog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python original's own commands, {@code flask db current} and {@code flask db upgrade}, as the reference for
 * catalog's: the Flask application in {@code bench/flask-original} (the original's factory, Flask-SQLAlchemy,
 * Flask-Migrate and its five migrations) on Debian's packages, installed here when they are missing and this runs as
 * root. Each figure pairs the two commands on the same server, alternating which runs first, and is the median of the
 * per-pair ratios, so a machine busy during one pair weighs on both of its sides.
 */
final class FlaskReference {
    private static final Path FLASK = Path.of("/usr/bin/flask");

    private final Path app;
    private final String server;
    private final String user;
    private final String password;

    private FlaskReference(Path app, String server, String user, String password) {
        this.app = app;
        this.server = server;
        this.user = user;
        this.password = password;
    }

    /** The reference, or empty (with the reason logged) when Debian's Flask-Migrate cannot be had here. */
    static java.util.Optional<FlaskReference> find(Path root, String jdbcServer, String user, String password) throws Exception {
        if (!Files.isExecutable(FLASK) || !importable()) {
            boolean root0 = "root".equals(System.getProperty("user.name"));
            if (root0) {
                System.err.println("bench: installing Debian's python3-flask-migrate and python3-pymysql (the original's stack)");
                Process apt = new ProcessBuilder("apt-get", "install", "-y", "-q", "python3-flask-migrate", "python3-pymysql")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                apt.waitFor();
            }
            if (!Files.isExecutable(FLASK) || !importable()) {
                System.err.println("bench: Flask-Migrate is not installed (apt-get install python3-flask-migrate python3-pymysql); "
                        + "db_current and upgrade are compared with the mariadb client only");
                return java.util.Optional.empty();
            }
        }
        java.net.URI uri = java.net.URI.create(jdbcServer.substring("jdbc:".length()));
        String sqlalchemy = "mysql+pymysql://" + user + ":" + password + "@" + uri.getHost() + ":" + uri.getPort() + "/";
        return java.util.Optional.of(new FlaskReference(root.resolve("bench/flask-original"), sqlalchemy, user, password));
    }

    private static boolean importable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import flask_migrate, pymysql").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code flask db ARGS} on {@code database}; its time in seconds (fails when the command does). */
    double run(String database, Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(FLASK.toString(), "db"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = new HashMap<>(Map.of("FLASK_APP", "app", "CATALOG_BENCH_FLASK_URL", server + database));
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("flask db " + String.join(" ", args) + " failed; see " + out);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A pair's two timings: catalog's and the reference's. */
    interface Pair {
        double[] time(int pair, boolean catalogFirst) throws Exception;
    }

    /** {@code pairs} pairs, alternating which side goes first; the medians of each side and of the per-pair ratios. */
    static double[] paired(int pairs, Pair pair) throws Exception {
        List<Double> catalog = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double[] t = pair.time(i, i % 2 == 0);
            catalog.add(t[0]);
            reference.add(t[1]);
            ratios.add(t[0] / t[1]);
        }
        return new double[] {median(catalog), median(reference), median(ratios)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
