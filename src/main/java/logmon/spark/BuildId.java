package logmon.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A fingerprint of logmon's compiled classes. A checkpoint holds serialised logmon objects and
 * functions; another build may not read them back faithfully, so a checkpoint records the build
 * that wrote it.
 */
final class BuildId {

  private static volatile String cached;

  private BuildId() {}

  static String current() {
    String id = cached;
    if (id == null) {
      id = compute();
      cached = id;
    }
    return id;
  }

  private static String compute() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Path location = Path.of(BuildId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        for (Path file : classFiles(location)) {
          digest.update(location.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          digest.update(Files.readAllBytes(file));
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          List<String> names = jar.stream().map(e -> e.getName())
              .filter(n -> n.startsWith("logmon/") && n.endsWith(".class")).sorted().toList();
          for (String name : names) {
            digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
              digest.update(in.readAllBytes());
            }
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint logmon's classes", e);
    }
  }

  private static List<Path> classFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("logmon"))) {
      List<Path> list = new ArrayList<>(files.filter(p -> p.toString().endsWith(".class")).toList());
      list.sort(null);
      return list;
    }
  }
}
