package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.EntityType;

/** A color furniture comes in. */
public record Color(String name) implements NamedEntry {
    public static final EntityType<Color> TYPE = NamedEntry.type("color", Color::new);

    public Color {
        name = NAME.checkText(name);
    }
}
