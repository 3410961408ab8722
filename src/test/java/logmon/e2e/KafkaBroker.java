package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker (KRaft, broker and controller in one) on 127.0.0.1, in a JVM of its own with
 * its own classpath: Kafka 4's jars would replace the kafka-clients 3.9 that Spark's connector
 * needs. The classpath comes from src/test/kafka-broker/pom.xml, resolved by Maven once.
 */
final class KafkaBroker {

  private static final Path CLASSPATH = Path.of("target/kafka-broker-classpath.txt");
  final int port;

  private KafkaBroker(int port) {
    this.port = port;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** Starts the broker as a child of the test, which {@link E2e} stops and whose log it attaches. */
  static KafkaBroker start(E2e e2e) throws Exception {
    Path dir = e2e.dir();
    String classpath = brokerClasspath();
    int port = E2e.freePort();
    int controller = E2e.freePort();
    Path logs = dir.resolve("kafka-logs");
    Path config = dir.resolve("server.properties");
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + logs,
        "num.partitions=2",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0", ""));
    Process format = e2e.track("kafka-storage format", run(dir.resolve("format.log"), classpath,
        "kafka.tools.StorageTool", "format", "-t", "q1Sh-9_ISia_zwGINzRvyQ", "-c", config.toString()));
    e2e.attachLog("kafka-storage format", dir.resolve("format.log"));
    assertThat(format.waitFor(180, TimeUnit.SECONDS)).as("kafka-storage format done within 180 s").isTrue();
    e2e.track("Kafka broker", run(dir.resolve("broker.log"), classpath, "kafka.Kafka", config.toString()));
    e2e.attachLog("Kafka broker", dir.resolve("broker.log"));
    StandaloneCluster.waitForLine(dir.resolve("broker.log"), "Kafka Server started", 180);
    return new KafkaBroker(port);
  }

  private static String brokerClasspath() throws Exception {
    if (!Files.exists(CLASSPATH)) {
      Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", "src/test/kafka-broker/pom.xml",
          "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH.toAbsolutePath())
          .inheritIO().start();
      assertThat(mvn.waitFor(600, TimeUnit.SECONDS)).isTrue();
      assertThat(mvn.exitValue()).as("resolving the Kafka broker's classpath").isZero();
    }
    return Files.readString(CLASSPATH).trim();
  }

  private static Process run(Path log, String classpath, String mainClass, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-cp", classpath, mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Sends each line as one record (keys spread them over the topic's partitions). */
  void produce(String topic, List<String> lines) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap());
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.put("acks", "all");
    try (var producer = new KafkaProducer<String, String>(props)) {
      int i = 0;
      for (String line : lines) {
        producer.send(new ProducerRecord<>(topic, Integer.toString(i++), line));
      }
      producer.flush();
    }
  }
}
