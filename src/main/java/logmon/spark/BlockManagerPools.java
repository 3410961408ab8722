package logmon.spark;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's block manager endpoints each keep a pool of up to 100 threads
 * ({@code block-manager-ask-thread-pool}, {@code block-manager-storage-async-thread-pool}:
 * {@code ThreadUtils.newDaemonCachedThreadPool(name, 100)}, core = max = 100 over an unbounded queue).
 * Below 100 workers every task starts a new thread even when others are idle, and a streaming run
 * removes blocks and RDDs every batch, so both pools reach 100 threads and keep them: ~200 of the
 * ~260 threads of a logmon at rest (issue 11). Their size is not configurable. Their tasks remove
 * blocks and answer the block manager's questions without waiting on one another, so a few threads
 * serve a process with one block manager; the rest wait in the queue.
 *
 * <p>The pools are private to Spark: reached by reflection through the RPC dispatcher's endpoints.
 * If a Spark version moves them, nothing is changed (a line in the log says so).
 */
final class BlockManagerPools {

  static final int THREADS = 4;
  private static final Logger LOG = LoggerFactory.getLogger(BlockManagerPools.class);
  private static final Set<String> ENDPOINTS = Set.of("org.apache.spark.storage.BlockManagerMasterEndpoint",
      "org.apache.spark.storage.BlockManagerStorageEndpoint");

  private BlockManagerPools() {}

  /** Caps this JVM's block manager pools at {@link #THREADS} threads each; the number capped. */
  static int shrink(SparkEnv env) {
    int shrunk = 0;
    try {
      Object dispatcher = field(env.rpcEnv(), "dispatcher");
      for (Object endpoint : ((Map<?, ?>) field(dispatcher, "endpointRefs")).keySet()) {
        if (!ENDPOINTS.contains(endpoint.getClass().getName())) {
          continue;
        }
        for (Field f : endpoint.getClass().getDeclaredFields()) {
          if (ThreadPoolExecutor.class.isAssignableFrom(f.getType())) {
            f.setAccessible(true);
            ThreadPoolExecutor pool = (ThreadPoolExecutor) f.get(endpoint);
            if (pool.getMaximumPoolSize() > THREADS) {
              pool.setCorePoolSize(THREADS); // idle workers beyond it end now
              pool.setMaximumPoolSize(THREADS);
              shrunk++;
            }
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.info("Spark's block manager thread pools were left at their size ({})", e.toString());
    }
    LOG.debug("Block manager thread pools capped at {} threads: {}", THREADS, shrunk);
    return shrunk;
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
      } catch (NoSuchFieldException e) {
        // a superclass may declare it
      }
    }
    throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
  }
}
