package logmon.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole count with an optional k or M suffix: {@code 50000}, {@code 250k}, {@code 1.5M}. */
final class CountConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String text = value.trim();
    double factor = 1;
    if (text.endsWith("k") || text.endsWith("K")) {
      factor = 1_000;
    } else if (text.endsWith("M")) {
      factor = 1_000_000;
    }
    String number = factor == 1 ? text : text.substring(0, text.length() - 1);
    try {
      double parsed = Double.parseDouble(number) * factor;
      if (Double.isNaN(parsed) || Double.isInfinite(parsed) || parsed != Math.rint(parsed)
          || !number.matches("[0-9]+(\\.[0-9]+)?") || parsed > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) parsed;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a count (such as 50000, 250k or 1.5M)");
    }
  }
}
