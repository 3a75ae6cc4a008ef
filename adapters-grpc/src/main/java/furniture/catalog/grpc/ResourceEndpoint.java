package furniture.catalog.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.LifecycleCommand;
import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.in.Page;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.application.port.out.Deadlines;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.domain.record.Principal;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One catalog service ({@code ColorService}, …) bound to the use cases of its entity. The five services share this
 * class: it reads requests and writes resources through their protobuf descriptors, by the field names that
 * {@code docs/api.md} states, so no entity has its own copy of the mapping.
 *
 * @param <T> the entity's entry type
 */
public final class ResourceEndpoint<T extends CatalogEntry> {
    private static final Set<String> OUTPUT_ONLY = Set.of("id", "create_time", "update_time", "delete_time", "created_by",
            "updated_by", "deleted_by", "etag");

    private final CatalogUseCases<T> useCases;
    private final ServiceDescriptor service;
    private final Message resourcePrototype;
    private final Descriptor resource;
    private final String resourceField;
    private final Map<String, FieldDescriptor> resourceFields = new java.util.HashMap<>();

    private ResourceEndpoint(CatalogUseCases<T> useCases, ServiceDescriptor service, Message resourcePrototype) {
        this.useCases = useCases;
        this.service = service;
        this.resourcePrototype = resourcePrototype;
        this.resource = resourcePrototype.getDescriptorForType();
        this.resourceField = resource.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        resource.getFields().forEach(f -> resourceFields.put(f.getName(), f));
    }

    /** A field of the resource, looked up once: protobuf's own lookup builds and hashes the full name on every call. */
    private FieldDescriptor r(String name) {
        return resourceFields.get(name);
    }

    /**
     * The service definition for {@code service} (e.g. {@code ColorServiceGrpc.getServiceDescriptor()}), after checking
     * that every field it touches is there ({@link BindingCheck}); an {@link IllegalStateException} naming the mismatch
     * otherwise.
     */
    public static <T extends CatalogEntry> ServerServiceDefinition bind(CatalogUseCases<T> useCases, ServiceDescriptor service,
            Message resourcePrototype) {
        BindingCheck.check(useCases.type(), service, resourcePrototype.getDescriptorForType());
        return new ResourceEndpoint<>(useCases, service, resourcePrototype).definition();
    }

    @SuppressWarnings("unchecked")
    private ServerServiceDefinition definition() {
        // Every method reads its request through the one decoding guard, so the service gets a descriptor of its own
        // (the same names and schema, for reflection) whose methods carry that marshaller.
        ServiceDescriptor.Builder guarded = ServiceDescriptor.newBuilder(service.getName()).setSchemaDescriptor(service.getSchemaDescriptor());
        Map<MethodDescriptor<RequestDecoding.Decoded, Message>, ServerCallHandler<RequestDecoding.Decoded, Message>> handlers = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : service.getMethods()) {
            MethodDescriptor<Message, Message> m = (MethodDescriptor<Message, Message>) method;
            Message requestPrototype = ((MethodDescriptor.PrototypeMarshaller<Message>) m.getRequestMarshaller()).getMessagePrototype();
            Message responsePrototype = ((MethodDescriptor.PrototypeMarshaller<Message>) m.getResponseMarshaller()).getMessagePrototype();
            String verb = verb(m.getBareMethodName());
            MethodDescriptor<RequestDecoding.Decoded, Message> read = m.toBuilder(new RequestDecoding(requestPrototype), m.getResponseMarshaller())
                    .build();
            guarded.addMethod(read);
            handlers.put(read, ServerCalls.asyncUnaryCall((request, response) -> handle(verb, request, responsePrototype, response)));
        }
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(guarded.build());
        handlers.forEach(builder::addMethod);
        return builder.build();
    }

    private void handle(String verb, RequestDecoding.Decoded decoded, Message responsePrototype, StreamObserver<Message> response) {
        Message request;
        Message result;
        try {
            request = decoded.get();
        } catch (RuntimeException e) {
            response.onError(ErrorMapper.toStatus(e, resource.getFullName(), ""));
            return;
        }
        try {
            Deadline deadline = Context.current().getDeadline();
            if (deadline != null && deadline.isExpired()) {
                response.onError(Status.DEADLINE_EXCEEDED.withDescription("the deadline passed before the call started").asRuntimeException());
                return;
            }
            Optional<Instant> until = Optional.ofNullable(deadline)
                    .map(d -> Instant.now().plusNanos(d.timeRemaining(TimeUnit.NANOSECONDS)));
            result = Deadlines.within(until, () -> dispatch(verb, request, responsePrototype));
        } catch (RuntimeException e) {
            // A field of the resource is named in the request as color.name; Get, List and the lifecycle requests have none.
            String prefix = verb.equals("Create") || verb.equals("Update") ? resourceField + "." : "";
            response.onError(ErrorMapper.toStatus(e, resource.getFullName(), prefix));
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private Message dispatch(String verb, Message request, Message responsePrototype) {
        return switch (verb) {
            case "Get" -> toMessage(useCases.get(id(request)));
            case "List" -> list(request, responsePrototype);
            case "Create" -> create(request);
            case "Update" -> update(request);
            case "Delete" -> toMessage(useCases.delete(lifecycle(request)));
            case "Undelete" -> toMessage(useCases.undelete(lifecycle(request)));
            case "Purge" -> {
                useCases.purge(lifecycle(request));
                yield responsePrototype.newBuilderForType().build();
            }
            default -> throw new IllegalStateException("no handler for " + verb);
        };
    }

    private Message create(Message request) {
        Message given = (Message) request.getField(field(request, resourceField));
        boolean active = !given.hasField(r("active")) || (Boolean) given.getField(r("active"));
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec spec : useCases.type().fields()) {
            values.put(spec.name(), FieldCodec.read(spec, given, r(spec.name())));
        }
        T entry = useCases.type().newEntry(values);
        return toMessage(useCases.create(new CreateCommand<>(entry, active, principal())));
    }

    private Message update(Message request) {
        Message given = (Message) request.getField(field(request, resourceField));
        long id = (Long) given.getField(r("id"));
        if (id <= 0) {
            throw new InvalidFieldException("id", "is required: the id of the " + useCases.type().name() + " to update");
        }
        FieldMask mask = (FieldMask) request.getField(field(request, "update_mask"));
        Set<String> settable = new LinkedHashSet<>();
        useCases.type().fields().forEach(f -> settable.add(f.name()));
        settable.add("active");
        Set<String> paths = new LinkedHashSet<>(mask.getPathsList());
        if (paths.isEmpty()) {
            // AIP-134: no mask means the fields the request populates. A field with presence (active, an optional
            // number, a message) is populated when set; a string or a required number when it is not empty or 0.
            settable.stream().filter(name -> given.hasField(r(name))).forEach(paths::add);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        Optional<Boolean> active = Optional.empty();
        for (String path : paths) {
            if (OUTPUT_ONLY.contains(path)) {
                continue;
            }
            if (!settable.contains(path)) {
                throw new InvalidFieldException("update_mask", "unknown path '" + path + "': a " + resource.getName()
                        + " has " + String.join(", ", settable));
            }
            if (path.equals("active")) {
                // Masked but not sent: there is no "cleared" active flag, and taking proto's false would be a silent change.
                if (!given.hasField(r(path))) {
                    throw new InvalidFieldException("active", "is named in update_mask but has no value: send true or false");
                }
                active = Optional.of((Boolean) given.getField(r(path)));
            } else {
                // Masked but not sent: cleared (AIP-134), which the domain refuses for a required field.
                changes.put(path, FieldCodec.read(useCases.type().field(path), given, r(path)));
            }
        }
        if (changes.isEmpty() && active.isEmpty()) {
            throw new InvalidFieldException("update_mask", mask.getPathsCount() == 0
                    ? "is empty and the " + resource.getName() + " sets no field to change: set the fields to change, or name them here"
                    : "names no field a client may change: a " + resource.getName() + " has " + String.join(", ", settable));
        }
        return toMessage(useCases.update(new UpdateCommand(id, etag((String) given.getField(r("etag"))),
                changes, active, principal())));
    }

    private Message list(Message request, Message responsePrototype) {
        int pageSize = (Integer) request.getField(field(request, "page_size"));
        String token = (String) request.getField(field(request, "page_token"));
        boolean showDeleted = (Boolean) request.getField(field(request, "show_deleted"));
        int activeFilter = ((EnumValueDescriptor) request.getField(field(request, "active"))).getNumber();
        String prefix = (String) request.getField(field(request, "name_prefix"));
        String orderBy = ((String) request.getField(field(request, "order_by"))).strip();
        ListCriteria.Order order = switch (orderBy) {
            case "", "name" -> ListCriteria.Order.NAME;
            case "id" -> ListCriteria.Order.ID;
            default -> throw new InvalidFieldException("order_by", "must be \"name\" or \"id\", not \"" + orderBy + "\"");
        };
        ListCriteria.ActiveFilter active = switch (activeFilter) {
            case 0 -> ListCriteria.ActiveFilter.ALL;
            case 1 -> ListCriteria.ActiveFilter.ACTIVE;
            case 2 -> ListCriteria.ActiveFilter.INACTIVE;
            // proto3 enums are open: a number the proto does not name arrives as itself, and must not mean "all".
            default -> throw new InvalidFieldException("active", "must be ACTIVE_FILTER_UNSPECIFIED (0), ACTIVE_FILTER_ACTIVE (1) or "
                    + "ACTIVE_FILTER_INACTIVE (2), not " + activeFilter);
        };
        ListCriteria criteria = new ListCriteria(active, prefix.isEmpty() ? Optional.empty() : Optional.of(prefix), showDeleted, order);
        Page<T> page = useCases.list(new ListQuery(criteria, pageSize, Optional.of(token)));
        Message.Builder out = responsePrototype.newBuilderForType();
        FieldDescriptor items = responsePrototype.getDescriptorForType().getFields().stream()
                .filter(FieldDescriptor::isRepeated).findFirst().orElseThrow();
        for (CatalogRecord<T> record : page.records()) {
            out.addRepeatedField(items, toMessage(record));
        }
        page.nextPageToken().ifPresent(t -> out.setField(field(responsePrototype, "next_page_token"), t));
        return out.build();
    }

    private LifecycleCommand lifecycle(Message request) {
        return new LifecycleCommand(id(request), etag((String) request.getField(field(request, "etag"))), principal());
    }

    private Message toMessage(CatalogRecord<T> record) {
        Message.Builder b = resourcePrototype.newBuilderForType();
        set(b, "id", record.id());
        Map<String, Object> values = record.entry().values();
        for (FieldSpec spec : useCases.type().fields()) {
            FieldCodec.write(spec, b, r(spec.name()), values.get(spec.name()));
        }
        set(b, "active", record.active());
        set(b, "create_time", timestamp(record.audit().createdAt()));
        set(b, "update_time", timestamp(record.audit().updatedAt()));
        if (record.audit().createdBy() != null) {
            set(b, "created_by", record.audit().createdBy().name());
        }
        if (record.audit().updatedBy() != null) {
            set(b, "updated_by", record.audit().updatedBy().name());
        }
        record.deletion().ifPresent(d -> {
            set(b, "delete_time", timestamp(d.deletedAt()));
            if (d.deletedBy() != null) {
                set(b, "deleted_by", d.deletedBy().name());
            }
        });
        set(b, "etag", Long.toString(record.version()));
        return b.build();
    }

    private void set(Message.Builder builder, String name, Object value) {
        builder.setField(r(name), value);
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static long id(Message request) {
        long id = (Long) request.getField(field(request, "id"));
        if (id <= 0) {
            throw new InvalidFieldException("id", "is required and positive");
        }
        return id;
    }

    private static OptionalLong etag(String etag) {
        if (etag.isEmpty()) {
            return OptionalLong.empty();
        }
        // Only the form the service writes: "02" or "+2" is not the etag "2".
        if (!etag.matches("[1-9]\\d{0,17}")) {
            throw new InvalidFieldException("etag", "is not an etag this service issued");
        }
        return OptionalLong.of(Long.parseLong(etag));
    }

    private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static FieldDescriptor field(Message message, String name) {
        FieldDescriptor field = FIELDS.computeIfAbsent(message.getDescriptorForType(), d -> {
            Map<String, FieldDescriptor> byName = new java.util.HashMap<>();
            d.getFields().forEach(f -> byName.put(f.getName(), f));
            return byName;
        }).get(name);
        if (field == null) {
            throw new IllegalStateException(message.getDescriptorForType().getFullName() + " has no field " + name);
        }
        return field;
    }

    private static Principal principal() {
        return Principal.of(Caller.current().principal());
    }

    /** The AIP verb a method name starts with ("UndeleteColor" is Undelete), or null for a method no verb names. */
    static String verb(String method) {
        for (String verb : List.of("Undelete", "Get", "List", "Create", "Update", "Delete", "Purge")) {
            if (method.startsWith(verb)) {
                return verb;
            }
        }
        return null;
    }
}
