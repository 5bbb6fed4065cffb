package io.cxmeter.imports;

/** The OpenAPI words every import endpoint shares, so that all five read the same. */
public final class ImportDocs {

    public static final String DONE = "Imported while the caller waited (files up to 4 MB): how many records were created and updated";
    public static final String JOB = "A larger file, or Prefer: respond-async: the import runs as a job; Location names it";
    public static final String TOO_LARGE = "The file is larger than 256 MB; nothing was read or stored";
    public static final String BAD_LINES = "Every bad line with its number (the first 100, and the count); nothing was stored";
    public static final String BUSY = "This instance runs its maximum of large imports; try again after Retry-After";
    public static final String STATUS = "The job: validating, storing, completed or failed, with its counts and first errors";
    /** Job ids are UUIDs: any other id under …/import/jobs/ is not found without a look. */
    public static final String JOB_ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private ImportDocs() {
    }
}
