package logmon.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.slf4j.LoggerFactory;

/**
 * Listens to the end of every garbage collection and, when {@link HeapPressure} says the heap has
 * stayed full, ends the run the way a real OutOfMemoryError does: by asking the JVM for an array
 * no JVM can allocate. That takes bin/logmon's own out-of-memory path (-XX:OnOutOfMemoryError,
 * -XX:+ExitOnOutOfMemoryError): the terminal restored, one line naming LOGMON_HEAP, exit 3 — one
 * behaviour for both ways of running out, and nothing that could hang in a JVM that is collecting
 * all the time.
 */
final class HeapGuard {

  private HeapGuard() {}

  static void install() {
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    long max = Runtime.getRuntime().maxMemory();
    HeapPressure pressure = HeapPressure.standard();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
          }
          var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
          boolean exhausted;
          synchronized (pressure) { // one JMX thread delivers these, but the rule is not thread-safe
            exhausted = pressure.exhaustedAfter(System.currentTimeMillis(), used, max);
          }
          if (exhausted) {
            LoggerFactory.getLogger(HeapGuard.class).error("The heap stayed at least {}% full after every"
                + " collection for {} s ({} of {} bytes after the last): treated as out of memory",
                Math.round(HeapPressure.FULL_FRACTION * 100), HeapPressure.SUSTAINED.toSeconds(), used, max);
            runOut();
          }
        }, null, null);
      }
    }
  }

  @SuppressWarnings("unused")
  private static void runOut() {
    long[] noJvmHasThis = new long[Integer.MAX_VALUE];
  }
}
