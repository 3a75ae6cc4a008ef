package furniture.catalog.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import furniture.catalog.domain.error.InvalidFieldException;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The one decoding guard: the request marshaller of every catalog method. grpc-java parses a request before any handler
 * or interceptor runs, and a parse that throws (invalid UTF-8 in a string, truncated or garbage bytes, a compressed
 * message that inflates past the size limit) ends the call as UNKNOWN "Application error processing RPC" with a stack
 * trace in the log and no call-log line. Here the parse never throws: it yields a {@link Decoded} that holds either the
 * message or the refusal, which the handler raises as any other error, so the caller gets INVALID_ARGUMENT (or
 * RESOURCE_EXHAUSTED for the oversize) and the log one call line.
 */
final class RequestDecoding implements MethodDescriptor.Marshaller<RequestDecoding.Decoded> {

    /** A request as read: the message, or why there is none. */
    record Decoded(Message message, RuntimeException refusal) {
        /** The message; throws the refusal when the bytes were not one. */
        Message get() {
            if (refusal != null) {
                throw refusal;
            }
            return message;
        }
    }

    private final Message prototype;

    RequestDecoding(Message prototype) {
        this.prototype = prototype;
    }

    @Override
    public InputStream stream(Decoded value) {
        return value.get().toByteString().newInput();
    }

    @Override
    public Decoded parse(InputStream stream) {
        byte[] bytes;
        try {
            bytes = stream.readAllBytes();
        } catch (StatusRuntimeException e) {
            // The transport's limit, met while a compressed message inflates.
            return new Decoded(null, e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED ? e
                    : ErrorMapper.malformed("the request could not be read: " + e.getStatus().getDescription()));
        } catch (IOException | RuntimeException e) {
            return new Decoded(null, ErrorMapper.malformed("the request's bytes could not be read (a damaged compressed message?)"));
        } finally {
            close(stream);
        }
        try {
            return new Decoded(prototype.getParserForType().parseFrom(bytes), null);
        } catch (InvalidProtocolBufferException e) {
            Optional<String> field = invalidUtf8(prototype.getDescriptorForType(), ByteString.copyFrom(bytes), "");
            return new Decoded(null, field.<RuntimeException>map(f -> new InvalidFieldException(f, "is not valid UTF-8"))
                    .orElseGet(() -> ErrorMapper.malformed("the request is not a " + prototype.getDescriptorForType().getName()
                            + " message in the protobuf encoding (truncated or damaged)")));
        }
    }

    /** The path of a string field whose bytes are not UTF-8, read without the parser's own check; empty if none. */
    private static Optional<String> invalidUtf8(Descriptor type, ByteString bytes, String prefix) {
        UnknownFieldSet fields;
        try {
            fields = UnknownFieldSet.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        for (var entry : fields.asMap().entrySet()) {
            FieldDescriptor field = type.findFieldByNumber(entry.getKey());
            if (field == null) {
                continue;
            }
            for (ByteString value : entry.getValue().getLengthDelimitedList()) {
                if (field.getType() == FieldDescriptor.Type.STRING && !value.isValidUtf8()) {
                    return Optional.of(prefix + field.getName());
                }
                if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                    Optional<String> inner = invalidUtf8(field.getMessageType(), value, prefix + field.getName() + ".");
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void close(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // nothing more to read from it either way
        }
    }
}
