package furniture.catalog.domain.error;

/**
 * Every refusal of the catalog's rules. Adapters translate these once each (to a gRPC status, a CLI line); they never
 * carry SQL or transport detail.
 */
public abstract sealed class CatalogException extends RuntimeException
        permits InvalidFieldException, NotFoundException, NameTakenException, StaleVersionException, StateException,
        StillReferencedException {
    protected CatalogException(String message) {
        super(message);
    }
}
