package logmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each bad option or combination: exit 2 and one line on stderr naming the problem. */
class LogmonCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--window 45s --batch 10s        | --window 45s is not a multiple of --batch 10s",
      "--window 0s                     | '0s' must be longer than zero",
      "--window -5s                    | '-5s'",
      "--window 5x                     | unknown unit 'x'",
      "--batch 1.5s                    | '1.5s'",
      "--slide 3s --batch 2s           | --slide 3s is not a multiple of --batch 2s",
      "--window 10s --slide 20s        | --slide 20s is longer than --window 10s",
      "--window 30s --cumulative       | --window and --cumulative are exclusive",
      "--cumulative --slide 2s         | --slide applies to --window",
      "--port 0                        | --port must be between 1 and 65535, not 0",
      "--port 70000                    | --port must be between 1 and 65535, not 70000",
      "--port abc                      | 'abc'",
      "--master local[1]               | leaves no thread for processing",
      "--master local                  | leaves no thread for processing",
      "--stdin --master spark://h:7077 | --stdin works in local mode only",
      "--replay data/apache.access.log --stdin | --replay is a source of its own",
      "--socket localhost              | --socket must be HOST:PORT",
      "--kafka 127.0.0.1:9092          | --kafka BROKERS and --topic TOPIC go together",
      "--dir /no/such/dir              | --dir: '/no/such/dir' is not a directory",
      "--port 9999 --socket 127.0.0.1:9999 | the same source is named twice",
      "--host no-such-host.invalid     | --host 'no-such-host.invalid' does not resolve",
      "--replay /no/such/file          | --replay: cannot read file '/no/such/file'",
      "--rate 50                       | --rate and --loop apply to --replay only",
      "--top 0                         | --top must be at least 1",
      "--top agnt                      | --top agnt: unknown field 'agnt'; fields of this format: client",
      "--top agent,referer,status      | --top agent,referer,status: 'agent,referer,status' ranks 3 fields; at most 2 go together",
      "--top agent --log-format common | --top agent: the log format (common) carries no field agent (--top takes a number or FIELD[,FIELD])",
      "--top 5 --top status,           | --top status,: unknown field ''",
      "--ip-threshold -1               | --ip-threshold must not be negative",
      "--output xml                    | xml",
      "--checkpoint /tmp/x             | --checkpoint applies to --cumulative only",
      "--cumulative --checkpoint /proc/logmon-cannot | --checkpoint: cannot create directory",
      "--no-such-option                | unknown option '--no-such-option'",
      "--duration 0ms                  | '0ms' must be longer than zero",
      "--state fastest                 | --state: 'fastest' is not a state method",
      "--max-rate 0                    | --max-rate must be at least 1 line/s, not 0",
      "--max-rate fast                 | 'fast' is not a count (such as 50000, 250k or 1.5M)",
      "--max-rate 1.5                  | '1.5' is not a count",
      "--overload drop                 | --overload: 'drop' is not one of wait, shed",
      "--forget-after 1h               | --forget-after applies to --cumulative only",
      "--cumulative --state updateStateByKey --forget-after 1h | --forget-after needs --state mapWithState",
      "--cumulative --batch 2s --forget-after 1s | --forget-after 1s is shorter than --batch 2s",
  })
  void badUsageIsOneLineAndExitTwo(String args, String expected) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(out));

    int code = cl.execute(args.trim().split("\\s+"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("logmon: ").contains(expected);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(out.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "%h %l %                | --log-format: position 7: '%' is not followed by a directive letter",
      "combind                | --log-format: position 1: 'combind' is neither a preset (auto, vcombined, nginx, combined, common)",
      "log_format main '$remote_addr | --log-format: position 17: the quote opened here is not closed",
  })
  void aLogFormatThatDoesNotCompileIsOneLineNamingThePosition(String format, String expected) {
    StringWriter err = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    int code = cl.execute("--log-format", format.strip());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("logmon: " + expected);
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', value = {
      "status >                    | auto     | --where: position 9: expected a value after '>', found the end",
      "stauts == 404               | auto     | --where: position 1: unknown field 'stauts'; fields of this format: client",
      "agent ~ bot                 | common   | --where: position 1: the log format (common) carries no field agent",
      "responseTimeMs > 100        | auto     | --where: position 1: the log format (vcombined, nginx, combined, common) carries no field responseTimeMs: name the format with --log-format",
      "http_x_forwarded_for == '-' | combined | --where: position 1: the log format (combined) carries no field http_x_forwarded_for",
      "T(java.lang.Runtime)        | auto     | --where: position 1: unknown field 'T'",
  })
  void aWhereThatDoesNotCompileIsOneLineNamingThePosition(String expression, String format, String expected) {
    StringWriter err = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    int code = cl.execute("--where", expression.strip(), "--log-format", format.strip());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("logmon: " + expected);
    assertThat(err.toString().strip().lines()).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void helpListsTheFieldsAWhereCanName() {
    StringWriter out = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));

    assertThat(cl.execute("--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("--where=EXPR")
        .contains("Fields: client, user, time, method, path, query, endpoint, protocol, status, bytes, referer,"
            + " agent, host, port, responseTimeMs");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--alert;5xx > 2 for 1m      | --alert '5xx > 2 for 1m': at column 8: missing unit after 2: 5xx takes '%'",
      "--alert;p99 > 800ms for 2x  | --alert 'p99 > 800ms for 2x': at column 17: after 'for', '2x' has an unknown unit",
      "--alert;errors > 5%         | --alert 'errors > 5%': at column 1: unknown figure 'errors'",
      "--on-alert;cat              | --on-alert needs at least one --alert RULE",
      "--exit-on-alert             | --exit-on-alert needs at least one --alert RULE",
      "--alert;lag > 30s;--alert-window;1m | --alert-window applies to --cumulative only",
      "--metrics;0                 | --metrics must be PORT or ADDR:PORT with a port between 1 and 65535, not '0'",
      "--metrics;:9464             | --metrics must be PORT or ADDR:PORT",
      "--metrics;localhost:http    | --metrics must be PORT or ADDR:PORT",
      "--metrics;no-such-host.invalid:9464 | --metrics: cannot listen on no-such-host.invalid:9464",
  })
  void aBadAlertIsOneLineNamingTheColumn(String args, String expected) {
    StringWriter err = new StringWriter();
    var cl = LogmonCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));

    int code = cl.execute(args.strip().split(";"));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("logmon: " + expected);
    assertThat(err.toString().strip().lines()).hasSize(1);
  }
}
