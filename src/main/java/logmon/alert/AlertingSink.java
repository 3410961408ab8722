package logmon.alert;

import logmon.core.ForwardingSink;
import logmon.core.Snapshot;
import logmon.core.SnapshotSink;
import logmon.core.alert.AlertStatus;
import logmon.core.alert.Alerts;
import logmon.render.SnapshotJson;

/**
 * Evaluates the {@code --alert} rules on each batch's snapshot (on Spark's batch thread, on the
 * driver), hands the snapshot with the rules' states to the renderer, then queues the
 * {@code --on-alert} commands and, with {@code --exit-on-alert}, asks the run to stop when a rule
 * fires. The renderer sees the firing batch before the run stops.
 */
public final class AlertingSink extends ForwardingSink {

  private final Alerts alerts;
  private final AlertCommands commands;
  private final java.util.function.Consumer<AlertStatus> onFiring;

  /**
   * @param commands null without {@code --on-alert}
   * @param onFiring null without {@code --exit-on-alert}
   */
  public AlertingSink(SnapshotSink renderer, Alerts alerts, AlertCommands commands,
      java.util.function.Consumer<AlertStatus> onFiring) {
    super(renderer);
    this.alerts = alerts;
    this.commands = commands;
    this.onFiring = onFiring;
  }

  @Override
  public void accept(Snapshot snapshot) {
    Snapshot evaluated = snapshot.withAlerts(alerts.evaluate(snapshot));
    next.accept(evaluated);
    for (AlertStatus status : evaluated.alerts()) {
      if (!status.notifies()) {
        continue;
      }
      if (commands != null) {
        String json = SnapshotJson.alert(status).put("time", evaluated.time().toString()).toString();
        commands.submit(status.rule().text(), status.state().label(), json);
      }
      if (onFiring != null && status.state() == AlertStatus.State.FIRING) {
        onFiring.accept(status);
      }
    }
  }

  /**
   * The renderer first (the terminal is restored at once), then the queued commands run out, each
   * within its timeout: a rule that fired as logmon stops is still told.
   */
  @Override
  public void close() {
    try {
      super.close();
    } finally {
      if (commands != null) {
        commands.close();
      }
    }
  }
}
