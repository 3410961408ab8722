package logmon.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic Apache Combined access log: the same seed, line count and cardinality
 * always give the same bytes.
 *
 * <p>Traffic is shaped like a real site's: client IPs and endpoints follow Zipf laws (a few hot
 * ones, a long tail), most answers are 2xx/3xx with a few % 4xx/5xx (404s partly from scanners
 * probing paths that do not exist), bytes are log-normal, and about 0.5% of lines are malformed
 * in the ways real logs are (cut short, garbage, a bad date, a broken quote).
 *
 * <p>{@code high} cardinality draws from a million IPs and a million endpoints with a flatter
 * skew, so a few million lines hold about a million distinct IPs + endpoints.
 *
 * <pre>
 *   java -cp bench/target/classes logmon.bench.LogGenerator --lines 1000000 --seed 42 \
 *       [--cardinality normal|high] --out access.log
 * </pre>
 */
public final class LogGenerator {

  public enum Cardinality { NORMAL, HIGH }

  /** How many of each kind of key, and how skewed the draws among them are. */
  record Profile(int ips, double ipSkew, int endpoints, double endpointSkew) {
    static Profile of(Cardinality cardinality) {
      return cardinality == Cardinality.HIGH
          ? new Profile(1_000_000, 0.6, 1_000_000, 0.6)
          : new Profile(50_000, 1.0, 5_000, 1.1);
    }
  }

  /** What was written, for the harness to check logmon's counts against. */
  public record Summary(long lines, long malformed, long errors, long bytes, int distinctIps,
      int distinctEndpoints) {
    String describe() {
      return String.format(Locale.ROOT,
          "%,d lines (%,d malformed, %.2f%%; %,d 4xx/5xx, %.2f%%), %,d distinct IPs, %,d distinct endpoints, %,d bytes",
          lines, malformed, 100.0 * malformed / lines, errors, 100.0 * errors / lines,
          distinctIps, distinctEndpoints, bytes);
    }
  }

  static final double MALFORMED_SHARE = 0.005;
  /** Log time starts here and advances 2 ms a line (500 lines a second of log time). */
  private static final long START_EPOCH_SECOND = 1_735_689_600L; // 2025-01-01T00:00:00Z
  private static final String[] MONTHS =
      {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  private static final String[] HOT_PATHS = {"/", "/index.html", "/favicon.ico", "/robots.txt",
      "/static/app.js", "/static/style.css", "/api/v1/health", "/login", "/search", "/api/v1/cart"};
  private static final String[] SECTIONS = {"products", "blog", "api/v1/items", "static/img", "docs",
      "user", "category", "news", "help", "downloads", "api/v2/orders", "media"};
  private static final String[] WORDS = {"alpha", "bravo", "cobalt", "delta", "ember", "fjord",
      "garnet", "harbor", "indigo", "jasper", "kelp", "lumen", "maple", "nectar", "onyx", "pixel",
      "quartz", "raven", "sierra", "tundra", "umber", "violet", "willow", "xenon", "yarrow", "zephyr"};
  private static final String[] EXTENSIONS = {"", ".html", ".png", ".jpg", ".json", "", ".css", ".js"};
  /** What scanners ask for: nearly all answered 404. */
  private static final String[] SCANNER_PATHS = {"/wp-login.php", "/.env", "/admin.php", "/xmlrpc.php",
      "/.git/config", "/phpmyadmin/index.php", "/cgi-bin/test.cgi", "/wp-admin/setup-config.php",
      "/config.json", "/server-status", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
      "/actuator/env", "/boaform/admin/formLogin", "/HNAP1/", "/owa/auth/logon.aspx"};
  private static final String[] REFERERS = {"https://www.google.com/", "https://www.bing.com/",
      "https://duckduckgo.com/", "https://example.com/", "https://example.com/products/",
      "https://news.ycombinator.com/", "https://t.co/x1Yz", "https://www.reddit.com/r/programming/",
      "https://example.com/blog/", "https://l.facebook.com/", "android-app://com.google.android.gm/"};
  private static final String[] USER_AGENTS = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
      "Prometheus/2.51.0", "kube-probe/1.29", "Wget/1.21.4", "-"};

  private final SplittableRandom random;
  private final Zipf ips;
  private final Zipf endpoints;
  private final Zipf userAgents = new Zipf(USER_AGENTS.length, 1.2);
  private final Zipf scanners = new Zipf(SCANNER_PATHS.length, 0.8);
  private final BitSet seenIps = new BitSet();
  private final BitSet seenEndpoints = new BitSet();
  private final StringBuilder line = new StringBuilder(320);
  private long index;
  private long malformed;
  private long errors;
  private long cachedSecond = Long.MIN_VALUE;
  private String cachedTimestamp;

  public LogGenerator(long seed, Cardinality cardinality) {
    Profile profile = Profile.of(cardinality);
    this.random = new SplittableRandom(seed);
    this.ips = new Zipf(profile.ips(), profile.ipSkew());
    this.endpoints = new Zipf(profile.endpoints(), profile.endpointSkew());
  }

  public static void main(String[] args) throws IOException {
    long lines = 1_000_000;
    long seed = 42;
    Cardinality cardinality = Cardinality.NORMAL;
    Path out = null;
    boolean verify = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lines" -> lines = Long.parseLong(args[++i].replace("_", ""));
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--cardinality" -> cardinality = Cardinality.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--out" -> out = Path.of(args[++i]);
        case "--verify" -> verify = true;
        default -> {
          System.err.println("usage: LogGenerator --lines N --seed S [--cardinality normal|high] --out FILE [--verify]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      System.err.println("LogGenerator: --out FILE is required");
      System.exit(2);
    }
    long started = System.nanoTime();
    Summary summary = writeFile(out, lines, seed, cardinality);
    System.err.printf(Locale.ROOT, "generated %s in %.1f s: %s%n", out,
        (System.nanoTime() - started) / 1e9, summary.describe());
    if (verify) {
      long rejected;
      try (var lines2 = Files.lines(out, StandardCharsets.UTF_8)) {
        var parser = logmon.core.format.LineParser.of(logmon.core.format.LineParser.AUTO);
        rejected = lines2.filter(l -> parser.parse(l) == null).count();
      }
      System.err.printf(Locale.ROOT, "verify: logmon's parser rejects %,d lines; the generator malformed %,d%n",
          rejected, summary.malformed());
      if (rejected != summary.malformed()) {
        System.exit(1);
      }
    }
  }

  /** Writes the file atomically (a partial file never has the final name) with a .meta beside it. */
  public static Summary writeFile(Path out, long lines, long seed, Cardinality cardinality) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = Files.createTempFile(parent, out.getFileName().toString(), ".partial");
    Summary summary;
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
      summary = new LogGenerator(seed, cardinality).write(stream, lines);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.writeString(Path.of(out + ".meta"), String.format(Locale.ROOT,
        "seed=%d%ncardinality=%s%nlines=%d%nmalformed=%d%nerrors=%d%nbytes=%d%ndistinctIps=%d%ndistinctEndpoints=%d%n",
        seed, cardinality.name().toLowerCase(Locale.ROOT), summary.lines(), summary.malformed(),
        summary.errors(), summary.bytes(), summary.distinctIps(), summary.distinctEndpoints()));
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return summary;
  }

  public Summary write(OutputStream out, long lines) throws IOException {
    long bytes = 0;
    for (long i = 0; i < lines; i++) {
      byte[] encoded = nextLine().getBytes(StandardCharsets.UTF_8);
      out.write(encoded);
      out.write('\n');
      bytes += encoded.length + 1;
    }
    return new Summary(lines, malformed, errors, bytes, seenIps.cardinality(), seenEndpoints.cardinality());
  }

  /** The next line, without its newline. */
  public String nextLine() {
    long epochSecond = START_EPOCH_SECOND + (index++ * 2) / 1000;
    line.setLength(0);
    int ipRank = ips.next(random);
    seenIps.set(ipRank);
    line.append(ipOf(ipRank)).append(" - ");
    line.append(random.nextInt(50) == 0 ? "user" + random.nextInt(200) : "-");
    line.append(" [").append(timestamp(epochSecond)).append("] \"");

    int roll = random.nextInt(1000);
    String method = roll < 860 ? "GET" : roll < 960 ? "POST" : roll < 985 ? "HEAD" : roll < 995 ? "PUT" : "DELETE";
    String path;
    int status;
    boolean scanner = random.nextInt(1000) < 12;
    if (scanner) {
      path = SCANNER_PATHS[scanners.next(random)];
      status = random.nextInt(10) == 0 ? 403 : 404;
    } else {
      int endpointRank = endpoints.next(random);
      seenEndpoints.set(endpointRank);
      path = pathOf(endpointRank);
      status = status();
    }
    if (status >= 400) {
      errors++;
    }
    line.append(method).append(' ').append(path).append(" HTTP/1.1\" ").append(status).append(' ');
    if (status == 304 || status == 204 || method.equals("HEAD")) {
      line.append(random.nextBoolean() ? "-" : "0");
    } else {
      line.append(bytes());
    }
    line.append(" \"").append(random.nextInt(10) < 4 ? "-" : REFERERS[random.nextInt(REFERERS.length)]);
    line.append("\" \"").append(USER_AGENTS[userAgents.next(random)]).append('"');

    if (random.nextDouble() < MALFORMED_SHARE) {
      malformed++;
      if (status >= 400) {
        errors--;
      }
      return malform(line.toString());
    }
    return line.toString();
  }

  private int status() {
    int roll = random.nextInt(10_000);
    if (roll < 8_700) {
      return 200;
    }
    if (roll < 9_150) {
      return 304;
    }
    if (roll < 9_250) {
      return 301;
    }
    if (roll < 9_350) {
      return 302;
    }
    if (roll < 9_400) {
      return 201;
    }
    if (roll < 9_430) {
      return 204;
    }
    if (roll < 9_630) {
      return 404;
    }
    if (roll < 9_730) {
      return 200;
    }
    if (roll < 9_810) {
      return 401;
    }
    if (roll < 9_860) {
      return 403;
    }
    if (roll < 9_900) {
      return 400;
    }
    if (roll < 9_950) {
      return 500;
    }
    if (roll < 9_980) {
      return 502;
    }
    return 503;
  }

  /** Log-normal response sizes around 3 kB, capped at 50 MB. */
  private long bytes() {
    double gaussian = nextGaussian();
    return Math.min(50_000_000L, Math.max(20, Math.round(Math.exp(8.0 + 1.4 * gaussian))));
  }

  private double nextGaussian() {
    // Box-Muller from the seeded stream (SplittableRandom has no nextGaussian on Java 17).
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The ways real logs go wrong; each fails logmon's grammar. */
  private String malform(String good) {
    return switch (random.nextInt(5)) {
      // Cut short inside the request, so the line cannot pass for a Common-format one.
      case 0 -> good.substring(0, 10 + random.nextInt(Math.max(1, good.indexOf(" HTTP/1.1\"") - 10)));
      case 1 -> "GET /" + WORDS[random.nextInt(WORDS.length)] + " garbage without a timestamp";
      case 2 -> good.replaceFirst("/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/", "/Foo/");
      case 3 -> good.replaceFirst(" HTTP/1.1\" ", " HTTP/1.1 ");
      default -> good.replaceFirst("\" (\\d{3}) ", "\" $1x ");
    };
  }

  /**
   * A distinct IPv4 address for each rank below 2^24: the low three octets are a bijection of the
   * rank (an odd multiplier and an xorshift, both invertible mod 2^24), the first a plausible one.
   */
  static String ipOf(int rank) {
    int y = (rank * 0x9E3779B1 + 0x3C6EF3) & 0xFFFFFF;
    y ^= y >>> 12;
    int first = 1 + Math.floorMod(rank * 0x2545F491 >>> 8, 223);
    return first + "." + ((y >>> 16) & 0xFF) + "." + ((y >>> 8) & 0xFF) + "." + (y & 0xFF);
  }

  /** A distinct, plausible path for each rank; the first ranks are a site's usual hot spots. */
  static String pathOf(int rank) {
    if (rank < HOT_PATHS.length) {
      return HOT_PATHS[rank];
    }
    int h = rank * 0x2545F491;
    h ^= h >>> 13;
    String section = SECTIONS[Math.floorMod(h, SECTIONS.length)];
    String word = WORDS[Math.floorMod(h >>> 4, WORDS.length)];
    String extension = EXTENSIONS[Math.floorMod(h >>> 9, EXTENSIONS.length)];
    String path = "/" + section + "/" + word + "-" + rank + extension;
    return Math.floorMod(h >>> 12, 5) == 0 ? path + "?ref=" + WORDS[Math.floorMod(h >>> 16, WORDS.length)] : path;
  }

  private String timestamp(long epochSecond) {
    if (epochSecond != cachedSecond) {
      cachedSecond = epochSecond;
      cachedTimestamp = formatTimestamp(epochSecond);
    }
    return cachedTimestamp;
  }

  /** {@code dd/Mon/yyyy:HH:mm:ss +0000}. */
  static String formatTimestamp(long epochSecond) {
    var time = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%02d/%s/%04d:%02d:%02d:%02d +0000", time.getDayOfMonth(),
        MONTHS[time.getMonthValue() - 1], time.getYear(), time.getHour(), time.getMinute(), time.getSecond());
  }
}
