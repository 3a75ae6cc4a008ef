package furniture.catalog.migrations;

import java.util.List;

/**
 * The answer of {@code check}: whether the database is exactly at head with valid checksums and the model's schema,
 * and why not.
 *
 * @param version the version the database is at (0 for base), or -1 when it could not be told
 * @param pending how many migrations of this build are not applied yet, or -1 when it could not be told
 * @param drift each difference between the live schema and the model (empty when none, or when not compared)
 */
public record CheckResult(boolean ok, String message, int version, int pending, List<Drift> drift) {

    /** One difference from the model, and whether it breaks the service (else it is additive). */
    public record Drift(String difference, boolean breaking) {}

    public CheckResult {
        drift = List.copyOf(drift);
    }

    public CheckResult(boolean ok, String message, int version, int pending) {
        this(ok, message, version, pending, List.of());
    }

    public CheckResult(boolean ok, String message) {
        this(ok, message, -1, -1);
    }
}
