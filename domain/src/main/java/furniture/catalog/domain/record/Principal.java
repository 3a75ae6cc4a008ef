package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;

/** Who acts: the authenticated caller whose name goes into created_by, updated_by, deleted_by (at most 100 characters). */
public record Principal(String name) {
    private static final FieldSpec SPEC = FieldSpec.text("principal", 100).asRequired();

    public Principal {
        name = SPEC.checkText(name);
    }

    public static Principal of(String name) {
        return new Principal(name);
    }

    /** A name read from a row the Python original wrote without one; null stays null. */
    public static Principal fromStored(String name) {
        if (name == null) {
            return null;
        }
        try {
            return new Principal(name);
        } catch (InvalidFieldException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
