package furniture.catalog.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.entity.UnitOfMeasure;
import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.UnitOfMeasureServiceGrpc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up self-check of the gRPC surface: each kind of mismatch stops the start with one line naming it. */
class BindingCheckTest {

    @Test
    void theProductsBindingsPass() {
        for (GrpcModule.Binding b : GrpcModule.BINDINGS) {
            BindingCheck.check(b.type(), b.service(), b.resource().getDescriptorForType());
        }
    }

    @Test
    void anEntityWithoutAService() {
        List<GrpcModule.Binding> withoutWood = GrpcModule.BINDINGS.stream().filter(b -> b.type() != WoodType.TYPE).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GrpcModule.services(Catalog.TYPES, withoutWood, unusedUseCases()));
        assertEquals("the wood type has no gRPC service: bind it once in GrpcModule.BINDINGS", e.getMessage());
    }

    @Test
    void aServiceForAnEntityTheCatalogDoesNotHold() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GrpcModule.services(List.of(Color.TYPE), GrpcModule.BINDINGS.subList(0, 2), unusedUseCases()));
        assertEquals("furniture.catalog.v1.RoleService serves the role, which is not among the catalog's entity types (Catalog.TYPES)", e.getMessage());
    }

    @Test
    void aDeclaredFieldMissingFromTheResource() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BindingCheck.check(UnitOfMeasure.TYPE,
                ColorServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Color.getDescriptor()));
        assertEquals("furniture.catalog.v1.ColorService cannot serve the unit of measure: furniture.catalog.v1.Color has no field "
                + "abbreviation (string)", e.getMessage());
    }

    @Test
    void aResourceFieldTheEntityDoesNotDeclare() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BindingCheck.check(Color.TYPE,
                UnitOfMeasureServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.UnitOfMeasure.getDescriptor()));
        assertEquals("furniture.catalog.v1.UnitOfMeasureService cannot serve the color: furniture.catalog.v1.UnitOfMeasure has a "
                + "field abbreviation that the color does not declare: add it to the entity, or remove it from the proto", e.getMessage());
    }

    @Test
    void aFieldOfAnIncompatibleType() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BindingCheck.check(Color.TYPE,
                ColorServiceGrpc.getServiceDescriptor(), colorWith("name", FieldDescriptorProto.Type.TYPE_INT32)));
        assertEquals("furniture.catalog.v1.ColorService cannot serve the color: furniture.catalog.v1.Color.name is int32, the text "
                + "name needs string", e.getMessage());
    }

    /** furniture.catalog.v1.Color rebuilt with one field's type changed. */
    private static Descriptor colorWith(String field, FieldDescriptorProto.Type type) throws Exception {
        FileDescriptor original = furniture.catalog.v1.Color.getDescriptor().getFile();
        FileDescriptorProto.Builder file = original.toProto().toBuilder();
        for (var message : file.getMessageTypeBuilderList()) {
            if (message.getName().equals("Color")) {
                for (var f : message.getFieldBuilderList()) {
                    if (f.getName().equals(field)) {
                        f.setType(type);
                    }
                }
            }
        }
        return FileDescriptor.buildFrom(file.build(), original.getDependencies().toArray(FileDescriptor[]::new))
                .findMessageTypeByName("Color");
    }

    private static CatalogUseCasesByType unusedUseCases() {
        return CatalogUseCasesByType.built(type -> {
            throw new AssertionError("the check fails before any use case is needed");
        });
    }
}
