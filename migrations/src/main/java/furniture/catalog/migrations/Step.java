package furniture.catalog.migrations;

/**
 * One migration run by a command, for its report line.
 *
 * @param action "applied", "reverted", "adopted", …
 * @param version the migration's version
 * @param description its description
 * @param millis how long it took
 */
public record Step(String action, int version, String description, long millis) {
    public String line() {
        return action + " " + version + " (" + description + ") in " + millis + " ms";
    }
}
