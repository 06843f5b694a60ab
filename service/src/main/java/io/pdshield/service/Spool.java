package io.pdshield.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory uploads are spooled to while they are read. Uploads hold clear texts, so it is
 * owner-only and emptied when the service opens: a server killed mid-upload leaves nothing behind.
 */
final class Spool {
    private Spool() {
    }

    static Path open(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) if (!p.equals(dir)) Files.deleteIfExists(p);
            }
        } else if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }
}
