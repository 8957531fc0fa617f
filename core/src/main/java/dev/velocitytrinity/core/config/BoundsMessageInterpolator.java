package dev.velocitytrinity.core.config;

import jakarta.validation.MessageInterpolator;
import java.util.Locale;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Hibernate Validator's {@link ParameterMessageInterpolator} (no Expression Language needed at run
 * time), except for {@code @DecimalMin}/{@code @DecimalMax}: their standard messages hold an EL
 * expression ({@code ${inclusive == true ? 'or equal to ' : ''}}), which that interpolator prints
 * as it is, after logging a warning. Those two are worded here from the constraint's attributes.
 */
final class BoundsMessageInterpolator implements MessageInterpolator {

  private static final String DECIMAL_MIN = "{jakarta.validation.constraints.DecimalMin.message}";
  private static final String DECIMAL_MAX = "{jakarta.validation.constraints.DecimalMax.message}";

  private final MessageInterpolator delegate = new ParameterMessageInterpolator();

  @Override
  public String interpolate(String template, Context context) {
    return interpolate(template, context, Locale.getDefault());
  }

  @Override
  public String interpolate(String template, Context context, Locale locale) {
    boolean min = DECIMAL_MIN.equals(template);
    if (!min && !DECIMAL_MAX.equals(template)) {
      return delegate.interpolate(template, context, locale);
    }
    Map<String, Object> attributes = context.getConstraintDescriptor().getAttributes();
    boolean inclusive = !Boolean.FALSE.equals(attributes.get("inclusive"));
    return "must be "
        + (min ? "greater than " : "less than ")
        + (inclusive ? "or equal to " : "")
        + attributes.get("value");
  }
}
