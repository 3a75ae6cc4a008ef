package furniture.catalog.server.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A unary method by its full name that sends whatever bytes it is given: requests no typed stub would encode. */
final class RawMethod {
    private RawMethod() {}

    static MethodDescriptor<InputStream, byte[]> of(String fullMethodName) {
        return MethodDescriptor.<InputStream, byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethodName)
                .setRequestMarshaller(new MethodDescriptor.Marshaller<>() {
                    @Override
                    public InputStream stream(InputStream value) {
                        return value;
                    }

                    @Override
                    public InputStream parse(InputStream stream) {
                        return stream;
                    }
                })
                .setResponseMarshaller(new MethodDescriptor.Marshaller<>() {
                    @Override
                    public InputStream stream(byte[] value) {
                        return new ByteArrayInputStream(value);
                    }

                    @Override
                    public byte[] parse(InputStream stream) {
                        try {
                            return stream.readAllBytes();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }).build();
    }
}
