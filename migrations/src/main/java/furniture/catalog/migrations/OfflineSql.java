package furniture.catalog.migrations;

import furniture.catalog.migrations.history.AppliedMigration;
import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.SchemaHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code upgrade --sql} and {@code downgrade --sql}: the exact SQL the command would run from where the database is
 * now, history rows included, for a DBA to review or run by hand (Alembic's offline mode). Reads the database's
 * version; changes nothing. Run by hand, the script leaves the database as the command would, checksums included.
 */
final class OfflineSql {
    private static final String HISTORY = "`" + SchemaHistory.TABLE + "`";
    /** Flyway's own history table, as its MySQL support creates it. */
    private static final String CREATE_HISTORY = "CREATE TABLE " + HISTORY + " (\n"
            + "    `installed_rank` INT NOT NULL,\n    `version` VARCHAR(50),\n    `description` VARCHAR(200) NOT NULL,\n"
            + "    `type` VARCHAR(20) NOT NULL,\n    `script` VARCHAR(1000) NOT NULL,\n    `checksum` INT,\n"
            + "    `installed_by` VARCHAR(100) NOT NULL,\n    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
            + "    `execution_time` INT NOT NULL,\n    `success` BOOL NOT NULL,\n"
            + "    CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)\n) ENGINE=InnoDB;\n"
            + "CREATE INDEX `flyway_schema_history_s_idx` ON " + HISTORY + " (`success`);\n";

    private final MigrationContext ctx;

    OfflineSql(MigrationContext ctx) {
        this.ctx = ctx;
    }

    String upgrade(String target) {
        MigrationSet set = ctx.migrations();
        try (Connection c = ctx.connector().connect()) {
            DatabaseState state = MigrationContext.state(c);
            refuseProblems(set, state);
            if (state.awaitingAdoption()) {
                throw MigrationException.failure("adopting a Flask-Migrate database runs through Flyway's baseline, not as SQL; "
                        + "run `catalog db upgrade` (it runs no DDL for the adopted versions)");
            }
            int from = state.version();
            int to = Upgrade.upgradeTarget(set, state, target);
            if (to < from) {
                throw MigrationException.usage("the database is at " + from + ", past " + to + "; use `catalog db downgrade --sql " + to + "`");
            }
            Upgrade.refusePlaceholders(set, from, to); // its SQL is what someone may run by hand

            StringBuilder sql = header("upgrade", c.getCatalog(), from, to);
            if (!state.historyExists()) {
                sql.append("-- Flyway's history table\n").append(CREATE_HISTORY).append('\n');
            }
            int rank = state.rows().stream().mapToInt(AppliedMigration::rank).max().orElse(0);
            Preflight preflight = Preflight.of(ctx, c, "upgrade", set.between(from, to), false, false);
            for (Migration m : set.between(from, to)) {
                sql.append("-- ").append(m.version()).append(" (").append(m.description()).append("): ").append(m.script()).append('\n');
                statements(sql, preflight, m.script());
                sql.append("INSERT INTO ").append(HISTORY).append(" (`installed_rank`, `version`, `description`, `type`, `script`, ")
                        .append("`checksum`, `installed_by`, `execution_time`, `success`) VALUES (").append(++rank).append(", ")
                        .append(quote(Integer.toString(m.version()))).append(", ").append(quote(m.description())).append(", 'SQL', ")
                        .append(quote(m.script())).append(", ").append(m.checksum()).append(", ").append(quote(ctx.installedBy()))
                        .append(", 0, 1);\n\n");
            }
            return sql.toString();
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    String downgrade(String target) {
        MigrationSet set = ctx.migrations();
        try (Connection c = ctx.connector().connect()) {
            DatabaseState state = MigrationContext.state(c);
            refuseProblems(set, state);
            int from = state.version();
            int to = Downgrade.downgradeTarget(set, from, target == null ? "-1" : target.strip());
            List<Migration> plan = new ArrayList<>(set.between(to, from));
            Collections.reverse(plan);
            StringBuilder sql = header("downgrade", c.getCatalog(), from, to);
            sql.append("-- No backup is taken here: save what the statements marked \"drops data\" drop before running them.\n\n");
            Preflight preflight = Preflight.of(ctx, c, "downgrade", plan, true, false);
            List<AppliedMigration> live = new ArrayList<>(state.live());
            int rank = state.rows().stream().mapToInt(AppliedMigration::rank).max().orElse(0);
            for (Migration m : plan) {
                sql.append("-- ").append(m.version()).append(" (").append(m.description()).append("): ").append(m.downgradeScript()).append('\n');
                statements(sql, preflight, m.downgradeScript());
                // As the engine writes the history: the rows that count from this version up are cancelled (they stay),
                // the baselines from it up go.
                for (AppliedMigration row : SchemaHistory.cancellableFrom(live, m.version())) {
                    sql.append("INSERT INTO ").append(HISTORY).append(" (`installed_rank`, `version`, `description`, `type`, `script`, ")
                            .append("`checksum`, `installed_by`, `execution_time`, `success`) VALUES (").append(++rank).append(", ")
                            .append(quote(row.version())).append(", ").append(quote(SchemaHistory.DOWNGRADE_DESCRIPTION)).append(", 'DELETE', ")
                            .append(quote(row.script())).append(", ").append(row.checksum() == null ? "NULL" : row.checksum().toString())
                            .append(", ").append(quote(ctx.installedBy())).append(", 0, 1);\n");
                    live.remove(row);
                }
                for (AppliedMigration row : List.copyOf(live)) {
                    if (row.baseline() && row.versionNumber() >= m.version()) {
                        sql.append("DELETE FROM ").append(HISTORY).append(" WHERE `installed_rank` = ").append(row.rank()).append(";\n");
                        live.remove(row);
                    }
                }
                int previous = set.previous(m.version());
                int left = live.stream().filter(AppliedMigration::success).mapToInt(AppliedMigration::versionNumber).max().orElse(0);
                if (previous > 0 && left < previous) {
                    throw MigrationException.failure("version " + previous + " is counted by a baseline that the downgrade would "
                            + "rewrite; run `catalog db downgrade` itself rather than its SQL");
                }
                sql.append('\n');
            }
            return sql.toString();
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    private static void refuseProblems(MigrationSet set, DatabaseState state) {
        Status.problem(set, state).ifPresent(p -> {
            throw MigrationException.failure(p);
        });
    }

    private StringBuilder header(String command, String database, int from, int to) {
        return new StringBuilder("-- The SQL `catalog db ").append(command).append("` would run on `").append(database)
                .append("`, from ").append(from == 0 ? "base" : from).append(" to ").append(to == 0 ? "base" : to)
                .append(" (printed by --sql; nothing was changed).\n")
                .append("-- MySQL DDL is not transactional: run it in one go, and keep what it prints.\n")
                .append("SET NAMES utf8mb4;\n\n");
    }

    /**
     * The script's statements as they run (Flyway's split, the comments before each included), each after a
     * {@code -- review:} line for what it destroys or what is not understood of it; a statement that ended with another
     * delimiter is printed inside DELIMITER lines, so that a client runs it whole.
     */
    private static void statements(StringBuilder sql, Preflight preflight, String file) {
        java.util.Map<String, List<furniture.catalog.migrations.guard.DataGuard.Loss>> losses = preflight.lossesByScript();
        for (furniture.catalog.migrations.parse.AnalysedStatement s : preflight.script(file).statements()) {
            for (furniture.catalog.migrations.guard.DataGuard.Loss loss : losses.getOrDefault(file, List.of())) {
                if (loss.statement().equals(s)) {
                    boolean drops = loss.operation() instanceof furniture.catalog.migrations.operation.Operation.DropTable
                            || loss.operation() instanceof furniture.catalog.migrations.operation.Operation.DropColumn;
                    sql.append(drops ? "-- review: drops data: " : "-- review: destroys data: ").append(loss.describe()).append('\n');
                }
            }
            if (s.unreviewedOpaque()) {
                sql.append("-- review: ").append(s.opaque().get(0).describe()).append('\n');
            }
            String text = s.statement().sql();
            String delimiter = s.statement().delimiter();
            boolean commentAtEnd = text.lines().reduce((a, b) -> b).map(l -> l.contains("--") || l.contains("#")).orElse(false);
            if (";".equals(delimiter) || delimiter.isEmpty()) {
                sql.append(text).append(commentAtEnd ? "\n;" : ";").append('\n');
            } else {
                sql.append("DELIMITER ").append(delimiter).append('\n').append(text).append(commentAtEnd ? "\n" : "").append(delimiter)
                        .append("\nDELIMITER ;\n");
            }
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
