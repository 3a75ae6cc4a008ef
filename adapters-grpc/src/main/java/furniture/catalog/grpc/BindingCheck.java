package furniture.catalog.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checked when a service is bound, before the server takes a call: every field {@link ResourceEndpoint} reads or
 * writes exists in the service's messages with a type it can handle, and the resource carries exactly the entity's
 * declared fields besides the ones every resource has. A renamed proto field or a field added to the entity without
 * its proto field stops the start with one line naming it, instead of failing calls as INTERNAL.
 */
final class BindingCheck {
    /** The verbs each catalog service has (AIP-131 to 135, 164, and Purge), in the order a reader expects them. */
    static final List<String> VERBS = List.of("Get", "List", "Create", "Update", "Delete", "Undelete", "Purge");

    private BindingCheck() {}

    /** Fails with one line when {@code service} cannot serve {@code type} through the generic endpoint. */
    static void check(EntityType<?> type, ServiceDescriptor service, Descriptor resource) {
        String where = service.getName() + " cannot serve the " + type.name() + ": ";
        Map<String, JavaType> expected = new LinkedHashMap<>();
        expected.put("id", JavaType.LONG);
        List<String> problems = new ArrayList<>();
        for (FieldSpec field : type.fields()) {
            FieldDescriptor f = resource.findFieldByName(field.name());
            String mismatch = f == null ? null : FieldCodec.mismatch(field, f);
            if (f == null) {
                problems.add(resource.getFullName() + " has no field " + field.name() + " (" + FieldCodec.protoType(field) + ")");
            } else if (mismatch != null) {
                problems.add(resource.getFullName() + "." + field.name() + " " + mismatch);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(where + String.join("; ", problems));
        }
        type.fields().forEach(field -> expected.put(field.name(), null)); // checked above
        expected.put("active", JavaType.BOOLEAN);
        for (String time : List.of("create_time", "update_time", "delete_time")) {
            expected.put(time, JavaType.MESSAGE);
        }
        for (String text : List.of("created_by", "updated_by", "deleted_by", "etag")) {
            expected.put(text, JavaType.STRING);
        }
        Map<String, JavaType> common = new LinkedHashMap<>(expected);
        common.values().removeIf(java.util.Objects::isNull);
        fields(where, resource, common);
        for (FieldDescriptor f : resource.getFields()) {
            if (!expected.containsKey(f.getName())) {
                throw new IllegalStateException(where + resource.getFullName() + " has a field " + f.getName()
                        + " that the " + type.name() + " does not declare: add it to the entity, or remove it from the proto");
            }
        }
        for (String time : List.of("create_time", "update_time", "delete_time")) {
            if (!resource.findFieldByName(time).getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
                throw new IllegalStateException(where + resource.getFullName() + "." + time + " must be a google.protobuf.Timestamp");
            }
        }
        for (MethodDescriptor<?, ?> m : service.getMethods()) {
            if (ResourceEndpoint.verb(m.getBareMethodName()) == null) {
                throw new IllegalStateException(where + "its method " + m.getBareMethodName() + " is none of " + VERBS
                        + ", which the generic endpoint serves");
            }
        }
        String resourceField = resource.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        for (String verb : VERBS) {
            List<MethodDescriptor<?, ?>> methods = service.getMethods().stream()
                    .filter(m -> verb.equals(ResourceEndpoint.verb(m.getBareMethodName()))).toList();
            if (methods.size() != 1) {
                throw new IllegalStateException(where + "it has " + (methods.isEmpty() ? "no " : methods.size() + " ") + verb + " method"
                        + (methods.size() > 1 ? "s" : ""));
            }
            Descriptor request = prototype(methods.get(0).getRequestMarshaller()).getDescriptorForType();
            Map<String, JavaType> needs = new LinkedHashMap<>();
            switch (verb) {
                case "Get", "Purge" -> needs.put("id", JavaType.LONG);
                case "Delete", "Undelete" -> {
                    needs.put("id", JavaType.LONG);
                    needs.put("etag", JavaType.STRING);
                }
                case "Create" -> needs.put(resourceField, JavaType.MESSAGE);
                case "Update" -> {
                    needs.put(resourceField, JavaType.MESSAGE);
                    needs.put("update_mask", JavaType.MESSAGE);
                }
                default -> {
                    needs.put("page_size", JavaType.INT);
                    needs.put("page_token", JavaType.STRING);
                    needs.put("show_deleted", JavaType.BOOLEAN);
                    needs.put("active", JavaType.ENUM);
                    needs.put("name_prefix", JavaType.STRING);
                    needs.put("order_by", JavaType.STRING);
                }
            }
            fields(where, request, needs);
            Optional.ofNullable(request.findFieldByName(resourceField)).filter(f -> !f.getMessageType().equals(resource)).ifPresent(f -> {
                throw new IllegalStateException(where + request.getFullName() + "." + resourceField + " is a "
                        + f.getMessageType().getFullName() + ", not a " + resource.getFullName());
            });
            if (verb.equals("List")) {
                Descriptor response = prototype(methods.get(0).getResponseMarshaller()).getDescriptorForType();
                fields(where, response, Map.of("next_page_token", JavaType.STRING));
                List<FieldDescriptor> items = response.getFields().stream().filter(FieldDescriptor::isRepeated).toList();
                if (items.size() != 1 || !items.get(0).getMessageType().equals(resource)) {
                    throw new IllegalStateException(where + response.getFullName() + " must have one repeated field, of "
                            + resource.getFullName());
                }
            }
        }
    }

    private static void fields(String where, Descriptor message, Map<String, JavaType> expected) {
        List<String> problems = new ArrayList<>();
        expected.forEach((name, type) -> {
            FieldDescriptor f = message.findFieldByName(name);
            if (f == null) {
                problems.add(message.getFullName() + " has no field " + name + " (" + FieldCodec.spell(type) + ")");
            } else if (f.getJavaType() != type || f.isRepeated()) {
                problems.add(message.getFullName() + "." + name + " is " + (f.isRepeated() ? "repeated " : "") + FieldCodec.spell(f.getJavaType())
                        + ", it must be " + FieldCodec.spell(type));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(where + String.join("; ", problems));
        }
    }

    @SuppressWarnings("unchecked")
    private static Message prototype(MethodDescriptor.Marshaller<?> marshaller) {
        return ((MethodDescriptor.PrototypeMarshaller<Message>) marshaller).getMessagePrototype();
    }
}
