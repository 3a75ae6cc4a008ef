package furniture.catalog.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import furniture.catalog.application.port.out.DeadlineExceededException;
import furniture.catalog.application.port.out.StorageBusyException;
import furniture.catalog.application.port.out.SchemaMismatchException;
import furniture.catalog.application.port.out.StorageUnavailableException;
import furniture.catalog.domain.error.AlreadyDeletedException;
import furniture.catalog.domain.error.DeletedRecordException;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.NotDeletedException;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.error.StillReferencedException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become gRPC statuses (AIP-193): a {@code google.rpc.Status} with an {@code ErrorInfo} whose
 * reason is stable, plus {@code BadRequest} for invalid fields and {@code ResourceInfo} for missing or colliding
 * records. Messages are one sentence for developers, with no SQL, class names or stack traces; a bug gets INTERNAL
 * with an error id that is also in the log, next to the stack trace.
 */
final class ErrorMapper {
    static final String DOMAIN = "catalog.furniture";
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    /**
     * @param resourceType the resource's full proto name, e.g. {@code furniture.catalog.v1.Color}
     * @param fieldPrefix how request fields are named in the request ({@code color.} for a resource field)
     */
    static StatusRuntimeException toStatus(Throwable e, String resourceType, String fieldPrefix) {
        if (e instanceof StatusRuntimeException s) {
            return s;
        }
        if (e instanceof InvalidFieldException i) {
            String field = i.field().startsWith("page_") || i.field().equals("update_mask") || i.field().equals("order_by")
                    || i.field().equals("etag") ? i.field() : fieldPrefix + i.field();
            return status(Code.INVALID_ARGUMENT, field + ": " + i.reason(), info("INVALID_ARGUMENT", Map.of("field", field)),
                    BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField(field).setDescription(i.reason())).build());
        }
        if (e instanceof AlreadyDeletedException a) {
            // AIP-164: deleting a deleted resource is NOT_FOUND.
            return status(Code.NOT_FOUND, a.getMessage(), info("ALREADY_DELETED", Map.of("id", Long.toString(a.id()))),
                    resource(resourceType, a.id(), "the resource is soft-deleted"));
        }
        if (e instanceof NotFoundException n) {
            return status(Code.NOT_FOUND, n.getMessage(), info("NOT_FOUND", Map.of("id", Long.toString(n.id()))),
                    resource(resourceType, n.id(), "no such resource"));
        }
        if (e instanceof NameTakenException t) {
            return status(Code.ALREADY_EXISTS, t.getMessage(),
                    info(t.holderDeleted() ? "NAME_TAKEN_BY_DELETED" : "NAME_TAKEN", Map.of("field", fieldPrefix + t.field(),
                            "holder_id", Long.toString(t.holderId()), "holder_deleted", Boolean.toString(t.holderDeleted()))),
                    resource(resourceType, t.holderId(), t.holderDeleted() ? "holds the " + t.field() + "; it is soft-deleted: undelete or purge it"
                            : "holds the " + t.field()));
        }
        if (e instanceof StaleVersionException s) {
            return status(Code.ABORTED, s.getMessage(), info("STALE_ETAG", Map.of("id", Long.toString(s.id()),
                    "current_etag", Long.toString(s.actual()))));
        }
        if (e instanceof NotDeletedException n) {
            return status(Code.FAILED_PRECONDITION, n.getMessage(), info("NOT_DELETED", Map.of("id", Long.toString(n.id()))));
        }
        if (e instanceof DeletedRecordException d) {
            return status(Code.FAILED_PRECONDITION, d.getMessage(), info("RECORD_DELETED", Map.of("id", Long.toString(d.id()))));
        }
        if (e instanceof StillReferencedException r) {
            return status(Code.FAILED_PRECONDITION, r.getMessage(), info("STILL_REFERENCED", Map.of("id", Long.toString(r.id()),
                    "referenced_by", r.referencedBy())), PreconditionFailure.newBuilder().addViolations(PreconditionFailure.Violation
                    .newBuilder().setType("REFERENCED").setSubject(r.referencedBy()).setDescription(r.getMessage())).build());
        }
        if (e instanceof StorageUnavailableException) {
            return status(Code.UNAVAILABLE, "the catalog's database is unavailable; retry later", info("STORAGE_UNAVAILABLE", Map.of()));
        }
        if (e instanceof SchemaMismatchException) {
            // The schema changed under this server (a downgrade, a migration half run): not the caller's fault, and
            // health says NOT_SERVING meanwhile; the call changed nothing and may be retried elsewhere or later.
            return status(Code.UNAVAILABLE, "the catalog's database schema is not the one this server serves (a migration ran or is "
                    + "running under it); nothing was changed; retry later", info("SCHEMA_MISMATCH", Map.of()));
        }
        if (e instanceof StorageBusyException) {
            // A deadlock, a lock wait that timed out, or (on Galera) a write that lost certification to one made at the
            // same moment through another node: a concurrency conflict, which AIP-193 makes ABORTED; retry the call.
            return status(Code.ABORTED, "the write conflicted with a concurrent one and was rolled back; retry it",
                    info("WRITE_CONFLICT", Map.of()));
        }
        if (e instanceof DeadlineExceededException) {
            return status(Code.DEADLINE_EXCEEDED, "the deadline passed before the catalog could answer", info("DEADLINE_EXCEEDED", Map.of()));
        }
        String errorId = UUID.randomUUID().toString();
        log.error("internal error {}", errorId, e);
        CallLog.errorId(errorId);
        return status(Code.INTERNAL, "internal error " + errorId + "; the service's log has the details",
                info("INTERNAL", Map.of("error_id", errorId)));
    }

    /** INVALID_ARGUMENT for request bytes that are no message of the method's type ({@code MALFORMED_REQUEST}). */
    static StatusRuntimeException malformed(String message) {
        return status(Code.INVALID_ARGUMENT, message, info("MALFORMED_REQUEST", Map.of()));
    }

    private static ErrorInfo info(String reason, Map<String, String> metadata) {
        return ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).putAllMetadata(metadata).build();
    }

    private static ResourceInfo resource(String type, long id, String description) {
        return ResourceInfo.newBuilder().setResourceType(type).setResourceName(Long.toString(id)).setDescription(description).build();
    }

    private static StatusRuntimeException status(Code code, String message, com.google.protobuf.Message... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (com.google.protobuf.Message detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
