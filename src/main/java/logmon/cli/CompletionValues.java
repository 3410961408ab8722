package logmon.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import logmon.core.format.Presets;
import logmon.spark.StateMethod;

/** The values of options that take a word from a fixed list, for completion and --help. */
final class CompletionValues {

  private CompletionValues() {}

  static final class StateMethods implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(StateMethod.values()).map(StateMethod::label).iterator();
    }
  }

  static final class KafkaFrom implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("latest", "earliest").iterator();
    }
  }

  static final class Overload implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("wait", "shed").iterator();
    }
  }

  /** --top: a few lengths, and the fields a ranking can name. */
  static final class TopFields implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> values = new java.util.ArrayList<>(List.of("5", "10", "20"));
      Arrays.stream(logmon.core.query.Fields.Builtin.values()).map(f -> f.fieldName()).forEach(values::add);
      return values.iterator();
    }
  }

  /** auto and the presets; a LogFormat string of the server's own is typed in full. */
  static final class LogFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new java.util.ArrayList<>(List.of("auto"));
      names.addAll(Presets.names());
      return names.iterator();
    }
  }
}
