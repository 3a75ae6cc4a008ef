package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.EntityType;

/** A category of furniture: chair, table, desk, … */
public record FurnitureType(String name) implements NamedEntry {
    public static final EntityType<FurnitureType> TYPE = NamedEntry.type("furniture type", FurnitureType::new);

    public FurnitureType {
        name = NAME.checkText(name);
    }
}
