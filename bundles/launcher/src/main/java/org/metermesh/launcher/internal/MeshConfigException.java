package org.metermesh.launcher.internal;

/** A mesh-config.yaml that cannot be applied, with the place and the reason, as one line. */
final class MeshConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    MeshConfigException(String file, int line, String key, String reason) {
        super(file + (line > 0 ? ":" + line : "") + (key == null ? "" : ": " + key) + ": " + reason);
    }

    MeshConfigException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
