package logmon.spark;

import org.apache.spark.SparkConf;

/** The Spark configuration logmon runs with: quiet, and closed to the network by default. */
final class SparkSettings {

  private SparkSettings() {}

  static SparkConf conf(JobSettings settings) {
    SparkConf conf = new SparkConf()
        .setAppName("logmon")
        .setMaster(settings.master())
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.default.parallelism", Integer.toString(settings.partitions()))
        .set("spark.locality.wait", "0s")
        // logmon stops the context itself (signals, --duration); Spark's hook would race it.
        .set("spark.streaming.stopGracefullyOnShutdown", "false");
    if (settings.isLocal()) {
      conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
    }
    return conf;
  }
}
