package org.edgewise.database;

import java.nio.file.Path;

/** Another running Master already uses this data directory. */
public class DataDirectoryInUseException extends IllegalStateException {

    public DataDirectoryInUseException(Path directory) {
        super("The data directory " + directory + " is in use by another running Edgewise Master. "
                + "Stop that Master, or give this one another directory with EDGEWISE_DATA_DIR "
                + "(or an external database with SPRING_DATASOURCE_URL).");
    }
}
