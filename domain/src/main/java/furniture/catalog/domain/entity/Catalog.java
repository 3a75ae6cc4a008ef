package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.EntityType;
import java.util.List;

/** The five kinds of record the catalog owns. */
public final class Catalog {
    public static final List<EntityType<?>> TYPES = List.of(Color.TYPE, Role.TYPE, WoodType.TYPE, UnitOfMeasure.TYPE, FurnitureType.TYPE);

    private Catalog() {}
}
