package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.EntityType;

/** A role a user of the store can have. */
public record Role(String name) implements NamedEntry {
    public static final EntityType<Role> TYPE = NamedEntry.type("role", Role::new);

    public Role {
        name = NAME.checkText(name);
    }
}
