package furniture.catalog.application.port.in;

import furniture.catalog.domain.error.InvalidFieldException;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing. A page size of 0 means the default (50); above 1000 is clamped to 1000; negative is refused.
 *
 * @param pageToken the previous page's {@code nextPageToken}, absent for the first page
 */
public record ListQuery(ListCriteria criteria, int pageSize, Optional<String> pageToken) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    public ListQuery {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(pageToken, "pageToken");
        if (pageSize < 0) {
            throw new InvalidFieldException("page_size", "must not be negative");
        }
        pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        pageToken = pageToken.filter(t -> !t.isEmpty());
    }
}
