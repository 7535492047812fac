package org.openbanking.k8scheck.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigValidationException.Problem;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.utils.StringUtil;

/**
 * A service's {@code application.properties} as a container with a given environment sees it in one profile, read by
 * SmallRye Config itself, as Quarkus does at start: the profile's {@code %profile.} lines over plain ones, expressions
 * ({@code ${NAME}}, {@code ${NAME:default}}, nested) expanded, and the environment variables both answering expressions
 * and overriding properties by SmallRye's name mapping ({@code QUARKUS_HTTP_PORT} for {@code quarkus.http.port}).
 */
public final class QuarkusConfig {

    /** The ordinal Quarkus gives {@code application.properties} in the application (below the environment's 300). */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    /** SmallRye Config's problem for an expression nothing answers (with no default): the name it needed. */
    private static final Pattern NOT_EXPANDED = Pattern.compile("Could not expand value (\\S+) in property ");

    private final SmallRyeConfig config;

    /**
     * @param env the container's environment variables; an empty one is left out, since Quarkus takes an empty value
     *        as unset, so a property that needs it is reported as needing it
     */
    public QuarkusConfig(Properties properties, String profile, Map<String, String> env) {
        Map<String, String> set = new LinkedHashMap<>(env);
        set.values().removeIf(String::isEmpty);
        config = new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, "application.properties",
                        APPLICATION_PROPERTIES_ORDINAL), new EnvConfigSource(set, EnvConfigSource.ORDINAL))
                .build();
    }

    /**
     * The property names in this profile (as written, e.g. with quotes), with the environment's variables as SmallRye
     * names them; not the other profiles' {@code %profile.} lines.
     */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        config.getPropertyNames().forEach(keys::add);
        keys.removeIf(key -> key.startsWith("%"));
        return keys;
    }

    /** A property's value before expansion, or null when nothing sets it. */
    public String raw(String key) {
        return config.getConfigValue(key).getRawValue();
    }

    /** A property's value, or null when it is unset, empty or needs environment variables the container lacks. */
    public String value(String key) {
        return config.getOptionalValue(key, String.class).orElse(null);
    }

    /** Every property whose expansion needs environment variables the container lacks, and those variables. */
    public Map<String, List<String>> unresolved() {
        Map<String, List<String>> unresolved = new LinkedHashMap<>();
        for (String key : keys()) {
            ConfigValue value = config.getConfigValue(key);
            if (value.hasProblems()) {
                unresolved.put(key, value.getProblems().stream().map(QuarkusConfig::needed).distinct().toList());
            }
        }
        return unresolved;
    }

    /** The environment variable a problem names (a property name as the variable that would set it), or the problem. */
    private static String needed(Problem problem) {
        Matcher name = NOT_EXPANDED.matcher(problem.getMessage());
        return name.find()
                ? StringUtil.replaceNonAlphanumericByUnderscores(name.group(1)).toUpperCase()
                : problem.getMessage();
    }
}
