package org.openbanking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Fault-tolerance numbers have one source: a service's application.properties, next to a comment on the budget they
 * serve. The annotations of its client beans only say which failures count. This finds every annotated method whose
 * numbers are not all in the properties (where MicroProfile's annotation defaults, such as 1 s timeouts and three
 * retries, would silently apply).
 */
public final class FaultToleranceNumbers {

    /** The parameters that carry a number, by annotation. */
    private static final Map<String, List<String>> NUMBERS = Map.of(
            "Timeout", List.of("value"),
            "Retry", List.of("maxRetries", "delay"),
            "CircuitBreaker", List.of("requestVolumeThreshold", "failureRatio", "delay"),
            "Bulkhead", List.of("value", "waitingTaskQueue"));

    private FaultToleranceNumbers() {
    }

    /** The keys {@code <class>/<method>/<annotation>/<parameter>} that the client beans need and the file lacks. */
    public static List<String> missing(Class<?>... clients) {
        Properties properties = new Properties();
        try (InputStream in = FaultToleranceNumbers.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> missing = new ArrayList<>();
        int annotated = 0;
        for (Class<?> client : clients) {
            for (Method method : client.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    List<String> parameters = NUMBERS.get(annotation.annotationType().getSimpleName());
                    if (parameters == null) {
                        continue;
                    }
                    annotated++;
                    for (String parameter : parameters) {
                        String key = client.getName() + "/" + method.getName() + "/"
                                + annotation.annotationType().getSimpleName() + "/" + parameter;
                        if (properties.getProperty(key) == null) {
                            missing.add(key);
                        }
                    }
                }
            }
        }
        if (annotated == 0) {
            throw new IllegalArgumentException("no fault-tolerance annotation on any method of the given classes");
        }
        return missing;
    }
}
