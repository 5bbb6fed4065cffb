package io.cxmeter.imports;

/**
 * What a write did: records created, and records updated or found already there (re-sent ids
 * update, never duplicate). Imports answer with it; stores return it.
 */
public record ImportResult(int created, int updated) {

    public ImportResult plus(ImportResult other) {
        return new ImportResult(created + other.created, updated + other.updated);
    }
}
