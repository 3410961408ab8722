package logmon.render;

import logmon.core.SourceStatus;

/** The source line people read: "127.0.0.1:9999 disconnected, retrying (Connection refused)". */
public final class SourceText {

  private SourceText() {}

  public static String describe(SourceStatus source) {
    boolean explains = source.state() == SourceStatus.State.DISCONNECTED
        || source.state() == SourceStatus.State.ENDED || source.state() == SourceStatus.State.WATCHING;
    return Sanitizer.clean(source.description()) + " " + source.state().label()
        + (explains && source.detail() != null ? " (" + Sanitizer.clean(source.detail()) + ")" : "");
  }
}
