package furniture.catalog.server.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.FurnitureTypeServiceGrpc;
import furniture.catalog.v1.RoleServiceGrpc;
import furniture.catalog.v1.UnitOfMeasureServiceGrpc;
import furniture.catalog.v1.WoodTypeServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Map;

/** One of the five services, driven by field name so that one test body covers all of them. */
record Api(String name, ServiceDescriptor service, Message resource) {

    static List<Api> all() {
        return List.of(
                new Api("ColorService", ColorServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Color.getDefaultInstance()),
                new Api("RoleService", RoleServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Role.getDefaultInstance()),
                new Api("WoodTypeService", WoodTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.WoodType.getDefaultInstance()),
                new Api("UnitOfMeasureService", UnitOfMeasureServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.UnitOfMeasure.getDefaultInstance()),
                new Api("FurnitureTypeService", FurnitureTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.FurnitureType.getDefaultInstance()));
    }

    static final List<String> VERBS = List.of("Get", "List", "Create", "Update", "Delete", "Undelete", "Purge");

    @Override
    public String toString() {
        return name;
    }

    String resourceField() {
        return resource.getDescriptorForType().getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    }

    @SuppressWarnings("unchecked")
    MethodDescriptor<Message, Message> method(String verb) {
        return (MethodDescriptor<Message, Message>) service.getMethods().stream()
                .filter(m -> m.getBareMethodName().startsWith(verb) && !(verb.equals("Delete") && m.getBareMethodName().startsWith("Undelete")))
                .findFirst().orElseThrow();
    }

    /** A resource with these fields; a unit of measure also gets an abbreviation derived from the name unless given. */
    Message resource(Map<String, Object> fields) {
        Message.Builder b = resource.newBuilderForType();
        fields.forEach((k, v) -> b.setField(field(b.getDescriptorForType(), k), v));
        FieldDescriptor abbreviation = resource.getDescriptorForType().findFieldByName("abbreviation");
        if (abbreviation != null && !fields.containsKey("abbreviation") && fields.containsKey("name")) {
            String name = (String) fields.get("name");
            b.setField(abbreviation, Integer.toHexString(name.hashCode()));
        }
        return b.build();
    }

    /** A request of {@code verb}; values that are maps become the resource message. */
    Message request(String verb, Map<String, Object> fields) {
        @SuppressWarnings("unchecked")
        Message prototype = ((MethodDescriptor.PrototypeMarshaller<Message>) method(verb).getRequestMarshaller()).getMessagePrototype();
        Message.Builder b = prototype.newBuilderForType();
        fields.forEach((k, v) -> {
            @SuppressWarnings("unchecked")
            Object value = v instanceof Map<?, ?> m ? resource((Map<String, Object>) m) : v;
            b.setField(field(b.getDescriptorForType(), k), value);
        });
        return b.build();
    }

    static Object get(Message message, String field) {
        return message.getField(field(message.getDescriptorForType(), field));
    }

    static boolean has(Message message, String field) {
        return message.hasField(field(message.getDescriptorForType(), field));
    }

    private static FieldDescriptor field(com.google.protobuf.Descriptors.Descriptor type, String name) {
        FieldDescriptor f = type.findFieldByName(name);
        if (f == null) {
            throw new IllegalArgumentException(type.getName() + " has no field " + name);
        }
        return f;
    }

    /** The detail of type {@code type} in an error's google.rpc.Status. */
    static <M extends Message> M detail(StatusRuntimeException e, Class<M> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            throw new AssertionError("no google.rpc.Status in " + e);
        }
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return any.unpack(type);
                } catch (InvalidProtocolBufferException x) {
                    throw new AssertionError(x);
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    static String reason(StatusRuntimeException e) {
        return detail(e, ErrorInfo.class).getReason();
    }
}
