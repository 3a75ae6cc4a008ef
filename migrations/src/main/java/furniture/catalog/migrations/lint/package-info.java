/** The findings and rules of {@code catalog db lint}; the rules here need no database. */
package furniture.catalog.migrations.lint;
